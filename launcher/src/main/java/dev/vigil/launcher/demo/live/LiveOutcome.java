package dev.vigil.launcher.demo.live;

import dev.vigil.launcher.demo.Incidents;

/**
 * What one path of the live demo ended with.
 *
 * @param path {@code success} or {@code failure}
 * @param incidentId the incident Vigil opened on the real HighCPU alert
 * @param incidentStatus its status when the path ended ({@code resolved}, {@code failed})
 * @param peakReplicas most running replicas seen during the path
 * @param finalReplicas running replicas at the end of the repair
 * @param servedBySecondReplica requests HAProxy sent to replica 2 while the load was on
 * @param timeline the incident's timeline at the end of the path
 */
public record LiveOutcome(
    String path,
    String incidentId,
    String incidentStatus,
    int peakReplicas,
    int finalReplicas,
    long servedBySecondReplica,
    Incidents.Timeline timeline) {

  /** The success path closed the loop: scaled to 2, served by both, back to 1, resolved. */
  public boolean loopClosed() {
    return "resolved".equalsIgnoreCase(incidentStatus)
        && peakReplicas == 2
        && finalReplicas == 1
        && servedBySecondReplica > 0;
  }

  /** The failure path ended as designed: incident failed, compensation left one replica. */
  public boolean failedAsDesigned() {
    return "failed".equalsIgnoreCase(incidentStatus) && finalReplicas == 1;
  }
}
