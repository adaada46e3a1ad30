package dev.vigil.faults;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The suite's one table: what each scenario sent, found and broke. */
public final class FaultTable {
  private FaultTable() {}

  public static String render(String header, List<Outcome> outcomes) {
    StringBuilder out = new StringBuilder(header).append('\n');
    String format = "%-30s | %8s | %11s | %13s | %4s | %7s | %8s | %9s | %s%n";
    out.append(
        String.format(
            Locale.ROOT,
            format,
            "scenario",
            "signals",
            "state e/f",
            "actions e/j/d",
            "lost",
            "doubled",
            "5xx",
            "converge",
            "result"));
    out.append("-".repeat(120)).append('\n');
    for (Outcome o : outcomes) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              o.scenario(),
              String.format(Locale.ROOT, "%,d", o.signalsSent()),
              o.stateColumn().isEmpty() ? "-" : o.stateColumn(),
              o.actionsColumn().isEmpty() ? "-" : o.actionsColumn(),
              o.lost(),
              o.doubled(),
              o.http5xxCount(),
              seconds(o.convergeTime()),
              o.passed() ? "ok" : "FAILED"));
    }
    out.append('\n');
    out.append(
        "state e/f: state rows expected/found; actions e/j/d: actions expected / effective"
            + " executions in the journal / containers Docker created; 5xx: unexpected server"
            + " errors; converge: from the fault's end until every invariant held\n");
    for (Outcome o : outcomes) {
      if (!o.notes().isEmpty()) {
        out.append("  ").append(o.scenario()).append(": ").append(o.notes()).append('\n');
      }
      for (String v : o.violations()) {
        out.append("  ").append(o.scenario()).append(" VIOLATION: ").append(v).append('\n');
      }
    }
    return out.toString();
  }

  static String header(Scale scale, Map<String, String> durability) {
    return String.format(
        Locale.ROOT,
        "Vigil fault suite, %s scale: ingest, api, worker as separate processes; PostgreSQL %s;"
            + " Kafka (one KRaft broker, child process); Temporal test server (child process);"
            + " Docker daemon; Alertmanager; %d cpus",
        scale.name(),
        durability,
        Runtime.getRuntime().availableProcessors());
  }

  private static String seconds(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
