package dev.vigil.launcher.demo;

import java.util.List;

/**
 * What one path of the demo ended with.
 *
 * @param path {@code success} or {@code failure}
 * @param dryRun actions only recorded what they would do (no Docker daemon)
 * @param incidentId the incident the repair opened
 * @param incidentStatus its final status ({@code RESOLVED}, {@code FAILED})
 * @param peakReplicas most running replicas seen during the repair (-1 in dry-run)
 * @param finalReplicas running replicas at the end (-1 in dry-run)
 * @param timeline the incident timeline, one line per event ({@code kind: message})
 * @param timelineKinds the timeline's event kinds, in order
 */
public record DemoOutcome(
    String path,
    boolean dryRun,
    String incidentId,
    String incidentStatus,
    int peakReplicas,
    int finalReplicas,
    List<String> timeline,
    List<String> timelineKinds) {}
