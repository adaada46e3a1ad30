package dev.vigil.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one policy file would have done with a recorded stream: the input as ingest saw it, a
 * timeline per resource that got a repair, and the summary. Serialized as is for {@code -o json}.
 *
 * @param policies where the policies came from (a file, or the services' default)
 * @param input what was replayed
 * @param summary the figures
 * @param resources every resource with at least one incident, by id
 * @param wallSeconds how long the replay took on this machine
 */
public record Report(
    String policies,
    Input input,
    Summary summary,
    List<ResourceTimeline> resources,
    double wallSeconds) {

  /**
   * @param file the recorded stream
   * @param lines lines replayed
   * @param badLines lines skipped as bad ({@code --skip-bad})
   * @param from the first receive time
   * @param to the last receive time
   * @param until where the virtual clock stopped: {@code to} plus the settle time
   * @param signals signals the receivers and normalization rules produced
   * @param filtered events the noise filters dropped
   * @param duplicates signals whose event id was seen before (HA pairs, resends)
   * @param resources distinct resources the signals were about
   * @param observations health transitions and revert triggers written to the outbox
   * @param deliveries what the relay did with them: {@code started}, {@code signaled}, {@code
   *     skipped}
   */
  public record Input(
      String file,
      int lines,
      int badLines,
      Instant from,
      Instant to,
      Instant until,
      int signals,
      int filtered,
      int duplicates,
      int resources,
      int observations,
      Map<String, Integer> deliveries) {}

  /**
   * @param resourcesSeen distinct resources in the stream
   * @param resourcesWithIncident resources a remediation started for
   * @param resourcesTouched resources at least one action (or undo) would have run on
   * @param incidents remediations started
   * @param actions actions and undos that would have run
   * @param actionsByType counts by action name; undos as {@code "<action> (undo)"}
   * @param pages pages that would have gone out (terminal and storm)
   * @param stormPages of which storm pages (one per scope instead of a repair per resource)
   * @param approvalsRequested rungs that would have waited for a human's approval
   * @param resourcesThrottled resources the storm guard held back at least once
   * @param timeToFirstAction from an incident's start to its first action, over incidents that
   *     acted
   * @param leftTerminal resources whose last remediation was still TERMINAL (paged, waiting for a
   *     human) when the replay ended
   * @param endPhases phase of each resource's last remediation when the replay ended
   */
  public record Summary(
      int resourcesSeen,
      int resourcesWithIncident,
      int resourcesTouched,
      int incidents,
      int actions,
      Map<String, Integer> actionsByType,
      int pages,
      int stormPages,
      int approvalsRequested,
      int resourcesThrottled,
      Percentiles timeToFirstAction,
      int leftTerminal,
      Map<String, Integer> endPhases) {}

  /** Nearest-rank percentiles in seconds; null when nothing was measured. */
  public record Percentiles(int count, Long p50Seconds, Long p99Seconds) {}

  /**
   * @param resource the resource id
   * @param type its type
   * @param endPhase the phase of its last remediation when the replay ended
   * @param incidents its remediations, oldest first
   */
  public record ResourceTimeline(
      String resource, String type, String endPhase, List<Incident> incidents) {}

  /**
   * One remediation, as its incident record and timeline would show it.
   *
   * @param id the incident id
   * @param policy the policy it ran
   * @param status the incident status at the end ({@code open}, {@code mitigating}, {@code
   *     resolved}, {@code terminal}, ...)
   * @param phase the workflow phase at the end
   * @param openedAt when it started
   * @param closedAt when it closed, or null
   * @param timeline what happened, oldest first
   */
  public record Incident(
      String id,
      String policy,
      String status,
      String phase,
      Instant openedAt,
      Instant closedAt,
      List<Entry> timeline) {}

  /**
   * One step of a timeline.
   *
   * @param at virtual time
   * @param kind {@code opened}, {@code phase}, {@code action}, {@code undo}, {@code
   *     approval.requested}, {@code page.triggered}, {@code compensation}, ...
   * @param phase the phase entered (kind {@code phase}), else null
   * @param text one line
   * @param facts action, params, outcome, rung, dedup key: what scripts may want
   */
  public record Entry(
      Instant at, String kind, String phase, String text, Map<String, String> facts) {}
}
