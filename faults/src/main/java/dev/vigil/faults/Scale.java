package dev.vigil.faults;

import java.time.Duration;

/**
 * How big each scenario runs. {@link #FULL} is the sizes ({@code ./vigil faults}); {@link
 * #SHORT} is what the normal test run affords on a 2-core machine, the same faults at smaller
 * counts and shorter outages.
 */
public record Scale(
    String name,
    int ingestEvents,
    int ingestResources,
    int fleet,
    Duration temporalDown,
    Duration postgresFrozen,
    Duration postgresKilled,
    int alerts,
    Duration kafkaDown,
    Duration partition,
    int hostileRequests,
    int poisonRecords) {

  public static final Scale SHORT =
      new Scale(
          "short",
          20_000,
          200,
          100,
          Duration.ofSeconds(10),
          Duration.ofSeconds(8),
          Duration.ofSeconds(5),
          50,
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          1_000,
          50);

  public static final Scale FULL =
      new Scale(
          "full",
          200_000,
          2_000,
          1_000,
          Duration.ofSeconds(60),
          Duration.ofSeconds(15),
          Duration.ofSeconds(15),
          500,
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          10_000,
          500);
}
