package dev.vigil.workflows.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The fleet budget: leases per scope in PostgreSQL ({@code remediation_lease}). */
@ActivityInterface
public interface LeaseActivities {

  /** Takes (or renews) the holder's lease when the scope's limits allow it. */
  @ActivityMethod
  LeaseDecision acquireLease(LeaseRequest request);

  /** Releases the holder's lease; a no-op when it holds none. */
  @ActivityMethod
  void releaseLease(LeaseRelease release);
}
