package dev.vigil.ingest.state;

import dev.vigil.ingest.outbox.ObservationPayload;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyMatcher;
import dev.vigil.workflows.workflow.HealthObservation;
import dev.vigil.workflows.workflow.ResourceRef;
import jakarta.inject.Singleton;

/**
 * Turns a health change into the observation row's payload, choosing the policy with {@link
 * PolicyMatcher} (its snapshot travels with the row, so the relay starts the workflow with the
 * policy that matched when the transition happened). The fold builds it in the transaction of the
 * transition; the outbox package only stores and delivers it.
 */
@Singleton
public class Observations {
  private final PolicyMatcher policies;

  public Observations(PolicyMatcher policies) {
    this.policies = policies;
  }

  public ObservationPayload payload(ResourceState resource, HealthChange change) {
    ResourceRef ref =
        new ResourceRef(
            resource.id(),
            resource.type(),
            resource.cluster(),
            resource.namespace(),
            resource.name(),
            change.labels());
    HealthObservation observation =
        new HealthObservation(
            change.eventId(),
            resource.id(),
            change.current(),
            change.observedAt(),
            change.activeReasons(),
            change.severity(),
            change.trigger());
    Policy policy =
        policies
            .match(
                resource.type(),
                resource.cluster(),
                resource.namespace(),
                change.labels(),
                change.adverseReasons())
            .orElse(null);
    return new ObservationPayload(ref, observation, change.previous(), policy);
  }
}
