package dev.vigil.launcher.demo.live;

import dev.vigil.workflows.policy.Durations;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The EventPulse alert rules shipped in {@code examples/prometheus/eventpulse-rules.yml}
 * (production timings), and the same rules with the demo's {@code for:} and rate window: nothing
 * else of a rule changes.
 */
public final class AlertRules {
  public static final Path SHIPPED = Path.of("examples", "prometheus", "eventpulse-rules.yml");
  public static final String HIGH_CPU = "HighCPU";
  public static final String LOW_CPU = "LowCPU";

  /** A range selector such as {@code [1m]} (no subqueries in these rules). */
  private static final Pattern RANGE = Pattern.compile("\\[(\\d+(?:ms|[smhdwy]))]");

  private final Path file;
  private final Map<String, Object> document;

  private AlertRules(Path file, Map<String, Object> document) {
    this.file = file;
    this.document = document;
  }

  /** Loads the file; throws when it lacks HighCPU or LowCPU or uses more than one rate window. */
  public static AlertRules load(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      Map<String, Object> doc = new Yaml().load(in);
      AlertRules rules = new AlertRules(file, doc);
      rules.rule(HIGH_CPU);
      rules.rule(LOW_CPU);
      rules.rateWindow();
      return rules;
    }
  }

  public Path file() {
    return file;
  }

  /** A rule's {@code for:} as shipped. */
  public Duration forOf(String alert) {
    Object value = rule(alert).get("for");
    return value == null ? Duration.ZERO : Durations.parse(value.toString());
  }

  /** The one range every {@code rate()} of the rules uses, as shipped. */
  public Duration rateWindow() {
    List<String> ranges = new ArrayList<>();
    for (Map<String, Object> rule : rules()) {
      Matcher m = RANGE.matcher(String.valueOf(rule.get("expr")));
      while (m.find()) {
        if (!ranges.contains(m.group(1))) {
          ranges.add(m.group(1));
        }
      }
    }
    if (ranges.size() != 1) {
      throw new IllegalStateException(file + ": expected one rate window, found " + ranges);
    }
    return Durations.parse(ranges.get(0));
  }

  /** The rules as YAML with HighCPU's and LowCPU's {@code for:} and every range replaced. */
  public String shortened(LiveTimings timings) {
    Map<String, Object> copy = new Yaml().load(new Yaml().dump(document));
    String window = "[" + Durations.format(timings.rateWindow()) + "]";
    for (Map<String, Object> rule : rulesOf(copy)) {
      String alert = String.valueOf(rule.get("alert"));
      if (alert.equals(HIGH_CPU)) {
        rule.put("for", Durations.format(timings.highCpuFor()));
      } else if (alert.equals(LOW_CPU)) {
        rule.put("for", Durations.format(timings.lowCpuFor()));
      }
      String expr = String.valueOf(rule.get("expr"));
      rule.put("expr", RANGE.matcher(expr).replaceAll(Matcher.quoteReplacement(window)).strip());
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(200);
    return "# "
        + file
        + " with the live demo's timings (for: and rate window shortened)\n"
        + new Yaml(options).dump(copy);
  }

  /** The expression of a rule as shipped, on one line. */
  public String expr(String alert) {
    return String.valueOf(rule(alert).get("expr")).strip().replaceAll("\\s+", " ");
  }

  private Map<String, Object> rule(String alert) {
    for (Map<String, Object> rule : rules()) {
      if (alert.equals(rule.get("alert"))) {
        return rule;
      }
    }
    throw new IllegalStateException(file + " has no alert rule " + alert);
  }

  private List<Map<String, Object>> rules() {
    return rulesOf(document);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rulesOf(Map<String, Object> doc) {
    List<Map<String, Object>> out = new ArrayList<>();
    Object groups = doc == null ? null : doc.get("groups");
    if (groups instanceof List<?> list) {
      for (Object g : list) {
        Object rules = g instanceof Map<?, ?> m ? m.get("rules") : null;
        if (rules instanceof List<?> rl) {
          for (Object r : rl) {
            if (r instanceof Map<?, ?> rule) {
              out.add((Map<String, Object>) rule);
            }
          }
        }
      }
    }
    return out;
  }
}
