package dev.vigil.api.tenancy;

import io.micronaut.core.annotation.Nullable;
import java.util.Set;

/**
 * The part of the fleet a caller sees: resources of its orgs, and of its clusters when its token
 * names any. Everything else answers as if it did not exist (404, absent from lists and streams).
 *
 * @param orgs the orgs seen; {@code null} for every org
 * @param clusters the clusters seen; empty for every cluster
 */
public record Visibility(@Nullable Set<String> orgs, Set<String> clusters) {
  /** Every resource: the dev token, an {@code org:*} token, security off. */
  public static final Visibility ALL = new Visibility(null, Set.of());

  public Visibility {
    orgs = orgs == null ? null : Set.copyOf(orgs);
    clusters = Set.copyOf(clusters);
  }

  public boolean everything() {
    return orgs == null && clusters.isEmpty();
  }

  /** Whether a resource of {@code org} in {@code cluster} is seen. */
  public boolean sees(@Nullable String org, @Nullable String cluster) {
    return (orgs == null || (org != null && orgs.contains(org)))
        && (clusters.isEmpty() || (cluster != null && clusters.contains(cluster)));
  }
}
