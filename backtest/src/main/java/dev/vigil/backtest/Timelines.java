package dev.vigil.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.backtest.Report.Entry;
import dev.vigil.backtest.Report.Incident;
import dev.vigil.backtest.Report.Percentiles;
import dev.vigil.backtest.Report.ResourceTimeline;
import dev.vigil.backtest.Report.Summary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads what a replay left in the store, the way the API would show it: incidents with their
 * timeline ({@code incident}, {@code incident_event}) and the action journal ({@code
 * action_execution}: every action and undo with its params and dry-run plan), merged into one
 * timeline per resource, and the summary figures computed from them.
 */
final class Timelines {
  static final String OPENED = "opened";
  static final String PHASE = "phase";
  static final String ACTION = "action";
  static final String UNDO = "undo";
  static final String PAGE = "page.triggered";
  static final String APPROVAL = "approval.requested";
  static final String STORM_KEY_PREFIX = "storm:";

  /**
   * The phase a rung's action starts in; both times of "time to first action" are workflow time.
   */
  static final String MITIGATING = "MITIGATING";

  private static final ObjectMapper JSON = new ObjectMapper();

  private record IncidentRow(
      String id,
      String resourceId,
      String type,
      String policy,
      String status,
      String phase,
      String summary,
      Instant openedAt,
      Instant closedAt) {}

  private record Sorted(Entry entry, int order, long seq) {}

  private final Map<String, List<Sorted>> entries = new HashMap<>();
  private final List<IncidentRow> incidents = new ArrayList<>();
  private final Set<String> touched = new HashSet<>();

  static Timelines read(DataSource dataSource) {
    Timelines timelines = new Timelines();
    try (Connection c = dataSource.getConnection()) {
      timelines.readIncidents(c);
      timelines.readEvents(c);
      timelines.readActions(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the replay's records: " + e.getMessage(), e);
    }
    return timelines;
  }

  /** One timeline per resource with an incident, by resource id. */
  List<ResourceTimeline> resources() {
    Map<String, List<Incident>> byResource = new TreeMap<>();
    Map<String, String> types = new HashMap<>();
    for (IncidentRow row : incidents) {
      List<Entry> timeline = new ArrayList<>();
      timeline.add(
          new Entry(row.openedAt(), OPENED, null, row.summary(), Map.of("policy", row.policy())));
      entries.getOrDefault(row.id(), List.of()).stream()
          .sorted(
              Comparator.comparing((Sorted s) -> s.entry().at())
                  .thenComparingInt(Sorted::order)
                  .thenComparingLong(Sorted::seq))
          .forEach(s -> timeline.add(s.entry()));
      byResource
          .computeIfAbsent(row.resourceId(), id -> new ArrayList<>())
          .add(
              new Incident(
                  row.id(),
                  row.policy(),
                  row.status(),
                  row.phase(),
                  row.openedAt(),
                  row.closedAt(),
                  timeline));
      types.put(row.resourceId(), row.type());
    }
    List<ResourceTimeline> out = new ArrayList<>();
    byResource.forEach(
        (id, list) ->
            out.add(
                new ResourceTimeline(id, types.get(id), list.get(list.size() - 1).phase(), list)));
    return out;
  }

  Summary summary(int resourcesSeen, List<ResourceTimeline> resources) {
    Map<String, Integer> byType = new TreeMap<>();
    int actions = 0;
    int pages = 0;
    int stormPages = 0;
    int approvals = 0;
    Set<String> throttled = new HashSet<>();
    Map<String, Integer> endPhases = new TreeMap<>();
    int leftTerminal = 0;
    List<Long> toFirstAction = new ArrayList<>();
    for (ResourceTimeline resource : resources) {
      endPhases.merge(resource.endPhase(), 1, Integer::sum);
      if ("TERMINAL".equals(resource.endPhase())) {
        leftTerminal++;
      }
      for (Incident incident : resource.incidents()) {
        incident.timeline().stream()
            .filter(e -> PHASE.equals(e.kind()) && MITIGATING.equals(e.phase()))
            .findFirst()
            .ifPresent(
                e -> toFirstAction.add(Duration.between(incident.openedAt(), e.at()).toSeconds()));
        for (Entry entry : incident.timeline()) {
          switch (entry.kind()) {
            case ACTION -> {
              actions++;
              byType.merge(entry.facts().get("action"), 1, Integer::sum);
            }
            case UNDO -> {
              actions++;
              byType.merge(entry.facts().get("action") + " (undo)", 1, Integer::sum);
            }
            case PAGE -> {
              pages++;
              if (entry.facts().getOrDefault("dedupKey", "").startsWith(STORM_KEY_PREFIX)) {
                stormPages++;
              }
            }
            case APPROVAL -> approvals++;
            case PHASE -> {
              if ("THROTTLED".equals(entry.phase())) {
                throttled.add(resource.resource());
              }
            }
            default -> {}
          }
        }
      }
    }
    return new Summary(
        resourcesSeen,
        resources.size(),
        (int) resources.stream().filter(r -> touched.contains(r.resource())).count(),
        incidents.size(),
        actions,
        byType,
        pages,
        stormPages,
        approvals,
        throttled.size(),
        percentiles(toFirstAction),
        leftTerminal,
        endPhases);
  }

  /** Nearest-rank p50 and p99 of the values. */
  static Percentiles percentiles(List<Long> values) {
    if (values.isEmpty()) {
      return new Percentiles(0, null, null);
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 99));
  }

  private static Long rank(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private void readIncidents(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "select id, resource_id, resource_type, policy, status, phase, summary, opened_at,"
                    + " closed_at from incident order by resource_id, opened_at, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        incidents.add(
            new IncidentRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9))));
      }
    }
  }

  private void readEvents(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "select incident_id, seq, at, kind, phase, message, details::text"
                    + " from incident_event order by incident_id, seq");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String kind = rs.getString(4);
        Map<String, String> facts = new LinkedHashMap<>();
        strings(rs.getString(7)).forEach(facts::put);
        add(
            rs.getString(1),
            new Entry(instant(rs.getTimestamp(3)), kind, rs.getString(5), rs.getString(6), facts),
            0,
            rs.getLong(2));
      }
    }
  }

  private void readActions(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "select a.incident_id, a.rung, a.attempt, a.kind, a.action, a.target,"
                    + " a.params::text, a.outcome, a.summary, a.error_type, a.error, a.started_at,"
                    + " i.resource_id from action_execution a join incident i on i.id ="
                    + " a.incident_id order by a.started_at, a.id");
        ResultSet rs = ps.executeQuery()) {
      long n = 0;
      while (rs.next()) {
        boolean undo = "COMPENSATION".equals(rs.getString(4));
        String action = rs.getString(5);
        Map<String, String> params = strings(rs.getString(7));
        String outcome = rs.getString(8);
        String said = rs.getString(9) != null ? rs.getString(9) : rs.getString(11);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("action", action);
        facts.put("rung", String.valueOf(rs.getInt(2)));
        facts.put("attempt", String.valueOf(rs.getInt(3)));
        facts.put("target", rs.getString(6));
        params.forEach((k, v) -> facts.put("params." + k, v));
        facts.put("outcome", outcome);
        if (rs.getString(10) != null) {
          facts.put("errorType", rs.getString(10));
        }
        Instant at = instant(rs.getTimestamp(12));
        String text =
            (undo ? "undo " : "")
                + action
                + (params.isEmpty() ? "" : " " + params)
                + " -> "
                + outcome
                + (said == null ? "" : ": " + said);
        String incident = rs.getString(1);
        add(incident, new Entry(at, undo ? UNDO : ACTION, null, text, facts), 1, n++);
        touched.add(rs.getString(13));
      }
    }
  }

  private void add(String incident, Entry entry, int order, long seq) {
    entries.computeIfAbsent(incident, id -> new ArrayList<>()).add(new Sorted(entry, order, seq));
  }

  private static Map<String, String> strings(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> raw = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
      Map<String, String> out = new LinkedHashMap<>();
      raw.forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in the replay's records: " + json, e);
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
