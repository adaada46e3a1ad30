package dev.vigil.helm;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The metric names of the metrics contract (HELPERS.md), as Prometheus scrapes them, and a reader
 * of the metric names a PromQL expression refers to.
 */
final class MetricsContract {

  static final Set<String> VIGIL =
      Set.of(
          "vigil_events_received_total",
          "vigil_state_upsert_seconds_bucket",
          "vigil_state_upsert_seconds_sum",
          "vigil_state_upsert_seconds_count",
          "vigil_consumer_lag",
          "vigil_outbox_backlog",
          "vigil_outbox_oldest_age_seconds",
          "vigil_health_transitions_total",
          "vigil_workflows_started_total",
          "vigil_observations_delivered_total",
          "vigil_fleet_resources",
          "vigil_fleet_remediations",
          "vigil_rungs_total",
          "vigil_pages_total",
          "vigil_leases_refused_total",
          "vigil_storms_declared_total",
          "vigil_remediations_completed_total");

  static final Set<String> TEMPORAL =
      Set.of(
          "temporal_workflow_task_schedule_to_start_latency_seconds_bucket",
          "temporal_activity_schedule_to_start_latency_seconds_bucket",
          "temporal_worker_task_slots_available",
          "temporal_workflow_failed_total");

  static final Set<String> ALL =
      Set.copyOf(
          java.util.stream.Stream.concat(VIGIL.stream(), TEMPORAL.stream())
              .collect(Collectors.toSet()));

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "atan2");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\\w:])(\\s*\\()?");

  private MetricsContract() {}

  /**
   * Metric names in a PromQL expression: identifiers that are not functions, labels or keywords.
   */
  static Set<String> metricNames(String promql) {
    String expr = STRING.matcher(promql).replaceAll(" ");
    expr = MATCHERS.matcher(expr).replaceAll(" ");
    expr = RANGES.matcher(expr).replaceAll(" ");
    expr = GROUPING.matcher(expr).replaceAll(" ");
    expr = VARIABLES.matcher(expr).replaceAll(" ");
    Set<String> names = new java.util.TreeSet<>();
    Matcher m = IDENTIFIER.matcher(expr);
    while (m.find()) {
      boolean call = m.group(1) != null;
      String token = m.group().replaceAll("\\s*\\($", "");
      if (!call && !KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
        names.add(token);
      }
    }
    return names;
  }
}
