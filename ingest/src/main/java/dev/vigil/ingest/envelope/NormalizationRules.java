package dev.vigil.ingest.envelope;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.List;
import java.util.Map;

/**
 * Normalization rules ({@code vigil.ingest.rules.*}): configuration, not code. Defaults and
 * examples are in {@code application.yml}.
 *
 * @param criticalReasons reasons that make a signal critical (and its severity {@code critical})
 * @param severityAliases a source's severity word (lower-cased) to {@code
 *     info|warning|error|critical}, on top of the built-in aliases ({@code page}, {@code high},
 *     {@code minor}, {@code none}, ...)
 * @param reasonSeverities severity by reason, overriding what the source said
 * @param defaultSeverity severity when the source says none, or a word no alias knows
 * @param dropEventTypes Kubernetes event types dropped as noise (default {@code Normal})
 * @param dropReasons reasons dropped as noise
 * @param dropLabels {@code name=value} label matches dropped as noise ({@code name=*}: any value)
 * @param labels which labels carry which envelope fields (field extraction)
 */
@ConfigurationProperties("vigil.ingest.rules")
public record NormalizationRules(
    @Bindable(defaultValue = "CrashLoopBackOff,OOMKilled,EtcdDown") List<String> criticalReasons,
    @Nullable @MapFormat(keyFormat = StringConvention.RAW) Map<String, String> severityAliases,
    @Nullable @MapFormat(keyFormat = StringConvention.RAW) Map<String, String> reasonSeverities,
    @Bindable(defaultValue = "warning") String defaultSeverity,
    @Bindable(defaultValue = "Normal") List<String> dropEventTypes,
    @Nullable List<String> dropReasons,
    @Bindable(defaultValue = "alertname=Watchdog,alertname=InfoInhibitor") List<String> dropLabels,
    LabelNames labels) {

  public NormalizationRules {
    criticalReasons = criticalReasons == null ? List.of() : List.copyOf(criticalReasons);
    severityAliases = severityAliases == null ? Map.of() : Map.copyOf(severityAliases);
    reasonSeverities = reasonSeverities == null ? Map.of() : Map.copyOf(reasonSeverities);
    dropEventTypes = dropEventTypes == null ? List.of() : List.copyOf(dropEventTypes);
    dropReasons = dropReasons == null ? List.of() : List.copyOf(dropReasons);
    dropLabels = dropLabels == null ? List.of() : List.copyOf(dropLabels);
    labels = labels == null ? LabelNames.DEFAULTS : labels;
  }

  /** The defaults of {@code application.yml}, for tests and tools that run without Micronaut. */
  public static NormalizationRules defaults() {
    return new NormalizationRules(
        List.of("CrashLoopBackOff", "OOMKilled", "EtcdDown"),
        null,
        null,
        "warning",
        List.of("Normal"),
        null,
        List.of("alertname=Watchdog", "alertname=InfoInhibitor"),
        null);
  }

  /**
   * Field extraction: the label names an Alertmanager alert (or an envelope's labels) carries the
   * envelope's fields in ({@code vigil.ingest.rules.labels.*}).
   */
  @ConfigurationProperties("labels")
  public record LabelNames(
      @Bindable(defaultValue = "resource_id") String resourceId,
      @Bindable(defaultValue = "resource_type") String resourceType,
      @Bindable(defaultValue = "cluster") String cluster,
      @Bindable(defaultValue = "namespace") String namespace,
      @Bindable(defaultValue = "pod") String pod,
      @Bindable(defaultValue = "deployment") String deployment,
      @Bindable(defaultValue = "statefulset") String statefulset,
      @Bindable(defaultValue = "node") String node,
      @Bindable(defaultValue = "docker_service") String dockerService,
      @Bindable(defaultValue = "reason") String reason,
      @Bindable(defaultValue = "severity") String severity,
      @Bindable(defaultValue = "component") String component,
      @Bindable(defaultValue = "container") String container) {

    public static final LabelNames DEFAULTS =
        new LabelNames(
            "resource_id",
            "resource_type",
            "cluster",
            "namespace",
            "pod",
            "deployment",
            "statefulset",
            "node",
            "docker_service",
            "reason",
            "severity",
            "component",
            "container");
  }
}
