package dev.vigil.workflows.activity;

import java.time.Duration;

/**
 * Asks the fleet budget (storm guard) for permission to act.
 *
 * @param holder who holds the lease: the workflow id
 * @param scope the budget scope, e.g. {@code cluster=prod-eu} or {@code
 *     cluster=prod-eu,type=k8s/Pod}
 * @param resourceId the resource
 * @param resourceType its type (the unhealthy fraction is computed over resources in scope)
 * @param cluster its cluster
 * @param incidentId the incident, for the storm page's timeline
 * @param ttl the lease expires after this, so a dead workflow cannot hold it
 */
public record LeaseRequest(
    String holder,
    String scope,
    String resourceId,
    String resourceType,
    String cluster,
    String incidentId,
    Duration ttl) {}
