package dev.vigil.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /metrics} (Prometheus text format 0.0.4) read into samples, for tests that
 * check the metrics contract: which families are there, and that no label value is unbounded (a
 * resource id, a pod name, a URL).
 */
public final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://");

  /** One sample line: metric name and labels. */
  public record Sample(String name, Map<String, String> labels) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels));
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** Metric names of every sample ({@code _bucket}, {@code _total}... as scraped). */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }

  /**
   * Label values that break the contract: on any family, a value that contains one of {@code
   * forbidden} (the resource ids and pod names a test used) or is a URL; on Vigil's own families
   * ({@code vigil_*}), also any value with a {@code /} (resource ids are paths). Empty when the
   * scrape is clean; otherwise "metric{label=value}" entries.
   */
  public List<String> unboundedLabels(String... forbidden) {
    List<String> offences = new ArrayList<>();
    for (Sample sample : samples) {
      for (Map.Entry<String, String> label : sample.labels().entrySet()) {
        String value = label.getValue();
        boolean bad = URL.matcher(value).find();
        for (String f : forbidden) {
          bad |= !f.isEmpty() && value.contains(f);
        }
        bad |= sample.name().startsWith("vigil_") && value.contains("/");
        if (bad) {
          offences.add(sample.name() + "{" + label.getKey() + "=" + value + "}");
        }
      }
    }
    return offences;
  }
}
