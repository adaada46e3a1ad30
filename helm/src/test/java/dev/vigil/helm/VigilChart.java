package dev.vigil.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chart under test ({@code helm/vigil}), rendered in-process by the real Helm through
 * helm-java. Values are set like {@code --set} (dotted paths, {@code a[0]} for list items) and from
 * values files under {@code src/test/resources/values}.
 */
final class VigilChart {

  static final Path CHART = Path.of("vigil").toAbsolutePath();
  static final String RELEASE = "vigil";
  static final String NAMESPACE = "remediation";
  static final String KUBE_VERSION = "v1.31.0";

  private final Map<String, Object> sets = new LinkedHashMap<>();
  private Path valuesFile;

  static VigilChart withDefaults() {
    return new VigilChart();
  }

  VigilChart set(String key, Object value) {
    sets.put(key, value);
    return this;
  }

  VigilChart values(String name) {
    Path file = Path.of("src/test/resources/values", name).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no values file " + file);
    }
    this.valuesFile = file;
    return this;
  }

  RenderedChart render() {
    var template =
        new Helm(CHART)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    sets.forEach(template::set);
    return RenderedChart.parse(template.call());
  }

  static LintResult lint() {
    return new Helm(CHART).lint().strict().call();
  }
}
