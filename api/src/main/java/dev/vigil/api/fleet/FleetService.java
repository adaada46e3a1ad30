package dev.vigil.api.fleet;

import dev.vigil.api.fleet.FleetRepository.ClusterCount;
import jakarta.inject.Singleton;
import java.util.List;

/** Fleet-wide answers for every transport: the summary and the clusters seen. */
@Singleton
public class FleetService {
  private final FleetRepository repository;

  public FleetService(FleetRepository repository) {
    this.repository = repository;
  }

  public FleetSummary summary() {
    return FleetSummary.of(repository.counts());
  }

  public List<ClusterCount> clusters() {
    return repository.clusters();
  }
}
