package dev.vigil.web.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The orgs and clusters a token says its caller may see. A hashed token carries them among its
 * scopes ({@code org:acme}, {@code org:*} for every org, {@code cluster:prod-eu}); a JWT either
 * that way in {@code scope}/{@code scp}, or as the claims {@code orgs} and {@code clusters} (an
 * array or a space-separated string).
 *
 * @param orgs the orgs claimed, {@code *} for all; empty when the token claims none (it then sees
 *     the default org only, see the api's {@code Tenancy})
 * @param clusters the clusters claimed; empty for every cluster of its orgs
 */
public record TenantClaims(Set<String> orgs, Set<String> clusters) {
  public static final String ORG_PREFIX = "org:";
  public static final String CLUSTER_PREFIX = "cluster:";
  public static final String ANY = "*";

  /** What the dev token and callers with security off see: every org, every cluster. */
  public static final TenantClaims EVERYTHING = new TenantClaims(Set.of(ANY), Set.of());

  public TenantClaims {
    orgs = Set.copyOf(orgs);
    clusters = Set.copyOf(clusters);
  }

  public boolean allOrgs() {
    return orgs.contains(ANY);
  }

  /** The claims of an authenticated caller: its roles (scopes) and its JWT claims. */
  public static TenantClaims of(Authentication authentication) {
    Set<String> orgs = new LinkedHashSet<>();
    Set<String> clusters = new LinkedHashSet<>();
    for (String role : authentication.getRoles()) {
      if (role.startsWith(ORG_PREFIX) && role.length() > ORG_PREFIX.length()) {
        orgs.add(role.substring(ORG_PREFIX.length()));
      } else if (role.startsWith(CLUSTER_PREFIX) && role.length() > CLUSTER_PREFIX.length()) {
        clusters.add(role.substring(CLUSTER_PREFIX.length()));
      }
    }
    Map<String, Object> attributes = authentication.getAttributes();
    add(orgs, attributes.get("orgs"));
    add(clusters, attributes.get("clusters"));
    return new TenantClaims(orgs, clusters);
  }

  private static void add(Set<String> into, @Nullable Object claim) {
    ScopeRolesFinder.addValues(into, claim, "[\\s,]+");
  }
}
