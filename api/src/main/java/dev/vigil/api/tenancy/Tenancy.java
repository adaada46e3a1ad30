package dev.vigil.api.tenancy;

import dev.vigil.api.Caller;
import dev.vigil.web.audit.AuditLog;
import dev.vigil.web.security.SecurityConfig;
import dev.vigil.web.security.TenantClaims;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tenancy for every transport: which org a resource belongs to ({@link TenancyConfig}), what a
 * token's claims let its caller see ({@link Visibility}), and that as SQL over {@code
 * resource_state} for the repositories.
 */
@Singleton
public class Tenancy {
  /** Org, cluster and label names the mapping accepts: what can be written into SQL as is. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,252}");

  private final TenancyConfig config;
  private final SecurityConfig security;
  private final Map<String, String> clusterOrgs;
  private final String orgSqlTemplate;

  public Tenancy(TenancyConfig config, SecurityConfig security) {
    this.config = config;
    this.security = security;
    this.clusterOrgs = parse(config.clusterOrgs());
    checked(config.orgLabel(), "vigil.tenancy.org-label");
    checked(config.defaultOrg(), "vigil.tenancy.default-org");
    StringBuilder sql = new StringBuilder("coalesce(nullif(%1$slabels ->> '");
    sql.append(config.orgLabel()).append("', '')");
    if (!clusterOrgs.isEmpty()) {
      sql.append(", case %1$scluster");
      clusterOrgs.forEach(
          (cluster, org) ->
              sql.append(" when '").append(cluster).append("' then '").append(org).append('\''));
      sql.append(" end");
    }
    sql.append(", '").append(config.defaultOrg()).append("')");
    this.orgSqlTemplate = sql.toString();
  }

  /** The caller of an HTTP request: its token's subject, trace id and what it sees. */
  public Caller caller(HttpRequest<?> request) {
    return new Caller(
        AuditLog.actorOf(request), AuditLog.traceIdOf(request).orElse(null), visibility(request));
  }

  private Visibility visibility(HttpRequest<?> request) {
    if (!security.enabled()) {
      return Visibility.ALL;
    }
    return request
        .getUserPrincipal(Authentication.class)
        .map(a -> visibility(TenantClaims.of(a)))
        .orElse(new Visibility(Set.of(), Set.of()));
  }

  /** What a token with these claims sees: no org claimed is the default org only. */
  public Visibility visibility(TenantClaims claims) {
    if (claims.allOrgs()) {
      return new Visibility(null, claims.clusters());
    }
    return new Visibility(
        claims.orgs().isEmpty() ? Set.of(config.defaultOrg()) : claims.orgs(), claims.clusters());
  }

  /**
   * The org of a {@code resource_state} row as an SQL expression; {@code alias} qualifies its
   * columns ({@code "r."}, or {@code ""} for none).
   */
  public String orgSql(String alias) {
    return orgSqlTemplate.formatted(alias);
  }

  /**
   * An SQL condition on a {@code resource_state} row (columns qualified by {@code alias}) that
   * holds when {@code visibility} sees it; its parameters are appended to {@code params}.
   */
  public String visibleSql(Visibility visibility, String alias, List<Object> params) {
    if (visibility.everything()) {
      return "true";
    }
    List<String> conditions = new ArrayList<>();
    if (visibility.orgs() != null) {
      conditions.add(in(orgSql(alias), visibility.orgs(), params));
    }
    if (!visibility.clusters().isEmpty()) {
      conditions.add(in(alias + "cluster", visibility.clusters(), params));
    }
    return "(" + String.join(" and ", conditions) + ")";
  }

  private static String in(String expression, Set<String> values, List<Object> params) {
    if (values.isEmpty()) {
      return "false";
    }
    List<String> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    params.addAll(sorted);
    return expression + " in (" + String.join(", ", Collections.nCopies(sorted.size(), "?")) + ")";
  }

  private static Map<String, String> parse(String list) {
    Map<String, String> orgs = new LinkedHashMap<>();
    if (list == null || list.isBlank()) {
      return orgs;
    }
    for (String entry : list.trim().split("[,\\s]+")) {
      String[] pair = entry.split("=", 2);
      if (pair.length != 2) {
        throw new IllegalArgumentException(
            "vigil.tenancy.cluster-orgs: '" + entry + "' is not <cluster>=<org>");
      }
      orgs.put(
          checked(pair[0], "vigil.tenancy.cluster-orgs (cluster)"),
          checked(pair[1], "vigil.tenancy.cluster-orgs (org)"));
    }
    return orgs;
  }

  private static String checked(String name, String property) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          property + ": '" + name + "' is not a name (letters, digits and . _ / : -)");
    }
    return name;
  }
}
