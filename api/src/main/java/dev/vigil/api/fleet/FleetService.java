package dev.vigil.api.fleet;

import dev.vigil.api.AuditedReads;
import dev.vigil.api.Caller;
import dev.vigil.api.fleet.FleetRepository.ClusterCount;
import jakarta.inject.Singleton;
import java.util.List;

/** Fleet-wide answers for every transport: the summary and the clusters seen. */
@Singleton
public class FleetService {
  private final FleetRepository repository;
  private final AuditedReads reads;

  public FleetService(FleetRepository repository, AuditedReads reads) {
    this.repository = repository;
    this.reads = reads;
  }

  /** The summary of the resources {@code caller} sees (audited as {@code fleet.summary}). */
  public FleetSummary summary(Caller caller) {
    return reads.run(
        caller,
        "fleet.summary",
        "fleet",
        null,
        () -> FleetSummary.of(repository.counts(caller.visibility())));
  }

  /** The clusters of the resources {@code caller} sees. */
  public List<ClusterCount> clusters(Caller caller) {
    return repository.clusters(caller.visibility());
  }
}
