package dev.vigil.backtest;

import dev.vigil.backtest.Report.Entry;
import dev.vigil.backtest.Report.Incident;
import dev.vigil.backtest.Report.ResourceTimeline;
import dev.vigil.backtest.Report.Summary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Two replays of one stream side by side: the summary figures of each policy file with their
 * difference, and every resource whose repair would have gone differently, with what each file
 * would have done to it.
 *
 * @param a the first policies' name
 * @param b the second policies' name
 * @param figures the summary rows
 * @param differences the resources that differ, by id
 */
public record Comparison(String a, String b, List<Figure> figures, List<Difference> differences) {

  /** One summary figure under both policy files; {@code change} is b minus a, or null if equal. */
  public record Figure(String name, String a, String b, String change) {}

  /** What each policy file would have done to a resource, in one line each. */
  public record Difference(String resource, String a, String b) {}

  public static Comparison of(Report first, Report second) {
    List<Figure> figures = new ArrayList<>();
    Summary a = first.summary();
    Summary b = second.summary();
    number(figures, "remediations", a, b, Summary::incidents);
    number(figures, "resources touched", a, b, Summary::resourcesTouched);
    number(figures, "actions", a, b, Summary::actions);
    TreeSet<String> types = new TreeSet<>(a.actionsByType().keySet());
    types.addAll(b.actionsByType().keySet());
    for (String type : types) {
      number(figures, "  " + type, a, b, s -> s.actionsByType().getOrDefault(type, 0));
    }
    number(figures, "pages", a, b, Summary::pages);
    number(figures, "  storm pages", a, b, Summary::stormPages);
    number(figures, "approvals asked", a, b, Summary::approvalsRequested);
    number(figures, "resources throttled", a, b, Summary::resourcesThrottled);
    figures.add(
        text(
            "time to first action p50",
            seconds(a.timeToFirstAction().p50Seconds()),
            seconds(b.timeToFirstAction().p50Seconds())));
    figures.add(
        text(
            "time to first action p99",
            seconds(a.timeToFirstAction().p99Seconds()),
            seconds(b.timeToFirstAction().p99Seconds())));
    number(figures, "left TERMINAL", a, b, Summary::leftTerminal);

    Map<String, String> outlinesA = outlines(first);
    Map<String, String> outlinesB = outlines(second);
    TreeSet<String> resources = new TreeSet<>(outlinesA.keySet());
    resources.addAll(outlinesB.keySet());
    List<Difference> differences = new ArrayList<>();
    for (String resource : resources) {
      String oa = outlinesA.getOrDefault(resource, NO_REMEDIATION);
      String ob = outlinesB.getOrDefault(resource, NO_REMEDIATION);
      if (!oa.equals(ob)) {
        differences.add(new Difference(resource, oa, ob));
      }
    }
    return new Comparison(first.policies(), second.policies(), figures, differences);
  }

  static final String NO_REMEDIATION = "no remediation";

  /**
   * What a policy file did to each resource, in one line: actions with params, approvals, terminal
   * pages, throttling, and the phase it ended in. Times are left out: they differ when the actions
   * do.
   */
  static Map<String, String> outlines(Report report) {
    Map<String, String> outlines = new TreeMap<>();
    for (ResourceTimeline resource : report.resources()) {
      List<String> steps = new ArrayList<>();
      for (Incident incident : resource.incidents()) {
        boolean throttled = false;
        for (Entry entry : incident.timeline()) {
          switch (entry.kind()) {
            case Timelines.ACTION, Timelines.UNDO -> steps.add(actionOf(entry));
            case Timelines.APPROVAL ->
                steps.add("approval asked for step " + entry.facts().get("step"));
            case Timelines.PAGE -> {
              // A storm page speaks for its scope, and which held-back repair sends it is a race:
              // the summary counts it, the resources' outlines leave it out.
              if (!entry
                  .facts()
                  .getOrDefault("dedupKey", "")
                  .startsWith(Timelines.STORM_KEY_PREFIX)) {
                steps.add("page");
              }
            }
            case Timelines.PHASE -> {
              if ("THROTTLED".equals(entry.phase()) && !throttled) {
                throttled = true;
                steps.add("throttled");
              }
            }
            default -> {}
          }
        }
      }
      steps.add("ends " + resource.endPhase());
      outlines.put(resource.resource(), String.join("; ", steps));
    }
    return outlines;
  }

  private static String actionOf(Entry entry) {
    Map<String, String> params = new LinkedHashMap<>();
    entry
        .facts()
        .forEach(
            (k, v) -> {
              if (k.startsWith("params.")) {
                params.put(k.substring("params.".length()), v);
              }
            });
    return (Timelines.UNDO.equals(entry.kind()) ? "undo " : "")
        + entry.facts().get("action")
        + (params.isEmpty() ? "" : " " + params);
  }

  void print(PrintStream out) {
    int width = Math.max(26, figures.stream().mapToInt(f -> f.name().length() + 2).max().orElse(0));
    int colA = Math.max(12, a.length() + 2);
    int colB = Math.max(12, b.length() + 2);
    out.println("Comparison");
    out.println(
        "  "
            + TextReport.pad("", width)
            + TextReport.pad(a, colA)
            + TextReport.pad(b, colB)
            + "change");
    for (Figure f : figures) {
      out.println(
          "  "
              + TextReport.pad(f.name(), width)
              + TextReport.pad(f.a(), colA)
              + TextReport.pad(f.b(), colB)
              + (f.change() == null ? "" : f.change()));
    }
    out.println();
    if (differences.isEmpty()) {
      out.println("Both policy files would have done the same to every resource.");
      return;
    }
    out.println("Resources where the policy files differ (" + differences.size() + ")");
    int label = Math.max(a.length(), b.length()) + 1;
    for (Difference d : differences) {
      out.println("  " + d.resource());
      out.println("    " + TextReport.pad(a + ":", label) + " " + d.a());
      out.println("    " + TextReport.pad(b + ":", label) + " " + d.b());
    }
  }

  private static void number(
      List<Figure> figures, String name, Summary a, Summary b, Function<Summary, Integer> value) {
    int va = value.apply(a);
    int vb = value.apply(b);
    figures.add(
        new Figure(
            name,
            String.valueOf(va),
            String.valueOf(vb),
            va == vb ? null : (vb > va ? "+" : "") + (vb - va)));
  }

  private static Figure text(String name, String a, String b) {
    return new Figure(name, a, b, Objects.equals(a, b) ? null : "differs");
  }

  private static String seconds(Long seconds) {
    return seconds == null ? "-" : TextReport.duration(java.time.Duration.ofSeconds(seconds));
  }
}
