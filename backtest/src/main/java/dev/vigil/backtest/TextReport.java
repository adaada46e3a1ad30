package dev.vigil.backtest;

import dev.vigil.backtest.Report.Entry;
import dev.vigil.backtest.Report.Incident;
import dev.vigil.backtest.Report.Input;
import dev.vigil.backtest.Report.Percentiles;
import dev.vigil.backtest.Report.ResourceTimeline;
import dev.vigil.backtest.Report.Summary;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** The human-readable report: timelines per resource, then the summary table. */
final class TextReport {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private TextReport() {}

  static void print(Report report, boolean timelines, PrintStream out) {
    Input input = report.input();
    out.println(
        "Backtest of "
            + input.file()
            + " ("
            + input.lines()
            + " lines, "
            + time(input.from())
            + " .. "
            + time(input.to())
            + " UTC) with policies "
            + report.policies());
    out.println(
        "Dry run throughout: nothing was touched. Kubernetes plans are recorded offline (no API"
            + " server); Docker plans are made without a daemon.");
    if (timelines) {
      for (ResourceTimeline resource : report.resources()) {
        printTimeline(resource, out);
      }
    }
    out.println();
    printSummary(report, out);
  }

  static void printTimeline(ResourceTimeline resource, PrintStream out) {
    out.println();
    out.println(
        resource.resource() + "  (" + resource.type() + ", ends " + resource.endPhase() + ")");
    for (Incident incident : resource.incidents()) {
      for (Entry entry : incident.timeline()) {
        out.println("  " + time(entry.at()) + "  " + pad(label(entry), 17) + " " + entry.text());
      }
    }
  }

  static void printSummary(Report report, PrintStream out) {
    Input input = report.input();
    Summary s = report.summary();
    out.println("Summary");
    row(
        out,
        "lines",
        input.lines() + (input.badLines() > 0 ? " (" + input.badLines() + " bad, skipped)" : ""));
    row(
        out,
        "signals",
        input.signals()
            + " ("
            + input.filtered()
            + " filtered as noise, "
            + input.duplicates()
            + " duplicates)");
    row(out, "resources seen", String.valueOf(s.resourcesSeen()));
    row(out, "health transitions", String.valueOf(input.observations()));
    row(out, "remediations", s.incidents() + " on " + s.resourcesWithIncident() + " resources");
    row(out, "resources touched", String.valueOf(s.resourcesTouched()));
    row(out, "actions", s.actions() + (s.actions() == 0 ? "" : " " + counts(s.actionsByType())));
    row(
        out,
        "pages",
        s.pages()
            + (s.pages() == 0
                ? ""
                : " ("
                    + (s.pages() - s.stormPages())
                    + " terminal, "
                    + s.stormPages()
                    + " storm)"));
    row(out, "approvals asked", String.valueOf(s.approvalsRequested()));
    row(out, "resources throttled", String.valueOf(s.resourcesThrottled()));
    row(out, "time to first action", percentiles(s.timeToFirstAction()));
    row(out, "left TERMINAL", String.valueOf(s.leftTerminal()));
    row(out, "end phases", counts(s.endPhases()));
    row(
        out,
        "replayed",
        duration(Duration.between(input.from(), input.until()))
            + " of virtual time in "
            + String.format(
                Locale.ROOT,
                "%.1f s (%,.0f lines/s, %,.0f signals/s)",
                report.wallSeconds(),
                input.lines() / report.wallSeconds(),
                input.signals() / report.wallSeconds()));
  }

  static String label(Entry entry) {
    return switch (entry.kind()) {
      case Timelines.OPENED -> "incident";
      case Timelines.PHASE -> entry.phase();
      default -> entry.kind();
    };
  }

  static String percentiles(Percentiles p) {
    if (p.count() == 0) {
      return "-";
    }
    return "p50 "
        + duration(Duration.ofSeconds(p.p50Seconds()))
        + ", p99 "
        + duration(Duration.ofSeconds(p.p99Seconds()))
        + " ("
        + p.count()
        + " remediations that acted)";
  }

  static String counts(Map<String, Integer> counts) {
    StringBuilder text = new StringBuilder("(");
    counts.forEach(
        (k, v) -> text.append(text.length() > 1 ? ", " : "").append(k).append(' ').append(v));
    return text.append(')').toString();
  }

  static String time(Instant at) {
    return at == null ? "-" : TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  /** {@code 7d 1h}, {@code 12m 30s}, {@code 0s}. */
  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long[] parts = {s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] != 0) {
        text.append(text.isEmpty() ? "" : " ").append(parts[i]).append(units[i]);
      }
    }
    return text.toString();
  }

  static void row(PrintStream out, String name, String value) {
    out.println("  " + pad(name, 22) + value);
  }

  static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
