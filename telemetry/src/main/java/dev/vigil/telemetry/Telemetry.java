package dev.vigil.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Builds a service's OpenTelemetry SDK from the standard {@code OTEL_*} variables (the SDK's
 * autoconfiguration). Off by default: without {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or an explicit
 * {@code OTEL_TRACES_EXPORTER}) spans go nowhere and nothing touches the network; metrics and logs
 * are never exported over OTLP (Prometheus scrapes {@code /metrics}, logs go to stdout).
 */
public final class Telemetry {
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
  static final AttributeKey<String> SERVICE_INSTANCE_ID =
      AttributeKey.stringKey("service.instance.id");
  static final AttributeKey<String> K8S_POD_NAME = AttributeKey.stringKey("k8s.pod.name");
  static final AttributeKey<String> K8S_NAMESPACE_NAME =
      AttributeKey.stringKey("k8s.namespace.name");
  static final AttributeKey<String> K8S_NODE_NAME = AttributeKey.stringKey("k8s.node.name");

  /** Downward-API variables the chart sets, as resource attributes (when not already given). */
  static final Map<String, AttributeKey<String>> DOWNWARD_API =
      Map.of(
          "K8S_POD_NAME", K8S_POD_NAME,
          "K8S_NAMESPACE_NAME", K8S_NAMESPACE_NAME,
          "K8S_NODE_NAME", K8S_NODE_NAME);

  private Telemetry() {}

  /**
   * @param serviceName {@code service.name} unless {@code OTEL_SERVICE_NAME} says otherwise
   * @param env the process environment ({@link System#getenv()} outside tests)
   * @param extraExporters exporters added beside the configured one (tests: an in-memory one)
   */
  public static OpenTelemetrySdk build(
      String serviceName, Map<String, String> env, List<SpanExporter> extraExporters) {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", serviceName);
    defaults.put("otel.traces.exporter", otlp(env) ? "otlp" : "none");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .addResourceCustomizer((resource, config) -> resource(resource, env))
        .addTracerProviderCustomizer(
            (SdkTracerProviderBuilder builder,
                io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties c) -> {
              extraExporters.forEach(e -> builder.addSpanProcessor(SimpleSpanProcessor.create(e)));
              return builder;
            })
        .build()
        .getOpenTelemetrySdk();
  }

  /**
   * The configured resource (OTEL_RESOURCE_ATTRIBUTES, OTEL_SERVICE_NAME win) completed with
   * service.version, service.instance.id and the downward API's k8s.* attributes.
   */
  static Resource resource(Resource configured, Map<String, String> env) {
    AttributesBuilder ours = Attributes.builder();
    ours.put(SERVICE_VERSION, version());
    DOWNWARD_API.forEach(
        (variable, key) -> {
          if (notBlank(env.get(variable))) {
            ours.put(key, env.get(variable));
          }
        });
    Resource withK8s = Resource.create(ours.build()).merge(configured);
    String instance = withK8s.getAttribute(SERVICE_INSTANCE_ID);
    if (instance == null) {
      String pod = withK8s.getAttribute(K8S_POD_NAME);
      instance = pod != null ? pod : UUID.randomUUID().toString();
      withK8s = withK8s.merge(Resource.create(Attributes.of(SERVICE_INSTANCE_ID, instance)));
    }
    return withK8s;
  }

  /** The project version the build stamped into {@code vigil-version.properties}. */
  public static String version() {
    try (InputStream in = Telemetry.class.getResourceAsStream("vigil-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Whether traces leave the process: an OTLP endpoint is configured. */
  public static boolean otlp(Map<String, String> env) {
    return notBlank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"))
        || notBlank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
        || "otlp".equalsIgnoreCase(env.get("OTEL_TRACES_EXPORTER"));
  }

  /** The no-op SDK: for code paths and tests that want no telemetry at all. */
  public static OpenTelemetry noop() {
    return OpenTelemetry.noop();
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
