package dev.vigil.ingest.envelope;

import dev.vigil.platform.VigilConfig;
import dev.vigil.store.contracts.Severity;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the normalization rules to what a receiver extracted: the shape limits ({@link
 * SignalLimits}: a bad id or name is refused, an overlong message cut), reason rewrites, noise
 * filters, severity mapping, {@code critical} derivation, the default cluster and a deterministic
 * id.
 */
@Singleton
public class Normalizer {
  private static final Map<String, Severity> BUILT_IN_ALIASES = builtInAliases();

  private final NormalizationRules rules;
  private final String clusterName;
  private final List<ReasonRewrite> rewrites;
  private final Map<String, Severity> aliases;
  private final Map<String, Severity> reasonSeverities;
  private final Set<String> criticalReasons;
  private final Set<String> dropEventTypes;
  private final Set<String> dropReasons;
  private final Map<String, Set<String>> dropLabels;
  private final Severity defaultSeverity;

  public Normalizer(NormalizationRules rules, VigilConfig vigil, List<ReasonRewrite> rewrites) {
    this.rules = rules;
    this.clusterName = vigil.clusterName();
    this.rewrites = List.copyOf(rewrites);
    this.aliases = new HashMap<>(BUILT_IN_ALIASES);
    rules
        .severityAliases()
        .forEach((alias, severity) -> aliases.put(lower(alias), severity(severity, alias)));
    this.reasonSeverities = new HashMap<>();
    rules
        .reasonSeverities()
        .forEach((reason, severity) -> reasonSeverities.put(reason, severity(severity, reason)));
    this.criticalReasons = Set.copyOf(rules.criticalReasons());
    this.dropEventTypes = new HashSet<>();
    rules.dropEventTypes().forEach(type -> dropEventTypes.add(lower(type)));
    this.dropReasons = Set.copyOf(rules.dropReasons());
    this.dropLabels = new HashMap<>();
    for (String match : rules.dropLabels()) {
      int eq = match.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "vigil.ingest.rules.drop-labels: '" + match + "' is not name=value");
      }
      dropLabels
          .computeIfAbsent(match.substring(0, eq).trim(), k -> new HashSet<>())
          .add(match.substring(eq + 1).trim());
    }
    this.defaultSeverity = severity(rules.defaultSeverity(), "default-severity");
  }

  public NormalizationRules rules() {
    return rules;
  }

  /** The cluster a signal belongs to when its source names none. */
  public String clusterName() {
    return clusterName;
  }

  /** The signal, or empty when a noise filter drops it. */
  public Optional<Signal> normalize(SignalDraft raw) {
    SignalDraft draft = rewrite(SignalLimits.check(raw));
    if (isNoise(draft)) {
      return Optional.empty();
    }
    Severity severity = severityOf(draft);
    boolean critical =
        Boolean.TRUE.equals(draft.critical())
            || criticalReasons.contains(draft.reason())
            || severity == Severity.CRITICAL;
    if (critical) {
      severity = Severity.CRITICAL;
    }
    String cluster = draft.cluster() != null ? draft.cluster() : clusterName;
    String id =
        draft.id() != null
            ? draft.id()
            : EventIds.derive(
                draft.source(),
                draft.resourceId(),
                draft.code(),
                draft.reason(),
                draft.status().wire(),
                draft.observedAt());
    return Optional.of(
        new Signal(
            id,
            draft.source(),
            draft.resourceId(),
            draft.resourceType(),
            cluster,
            draft.namespace(),
            draft.component(),
            draft.code(),
            draft.reason(),
            severity,
            draft.status(),
            critical,
            draft.message(),
            draft.labels(),
            draft.observedAt()));
  }

  private SignalDraft rewrite(SignalDraft draft) {
    for (ReasonRewrite rewrite : rewrites) {
      if (rewrite.appliesTo(draft)) {
        return draft.withReason(rewrite.getTo());
      }
    }
    return draft;
  }

  private boolean isNoise(SignalDraft draft) {
    if (draft.eventType() != null && dropEventTypes.contains(lower(draft.eventType()))) {
      return true;
    }
    if (dropReasons.contains(draft.reason())) {
      return true;
    }
    for (Map.Entry<String, Set<String>> drop : dropLabels.entrySet()) {
      String value = draft.labels().get(drop.getKey());
      if (value != null && (drop.getValue().contains("*") || drop.getValue().contains(value))) {
        return true;
      }
    }
    return false;
  }

  private Severity severityOf(SignalDraft draft) {
    Severity byReason = reasonSeverities.get(draft.reason());
    if (byReason != null) {
      return byReason;
    }
    if (draft.rawSeverity() == null) {
      return defaultSeverity;
    }
    return aliases.getOrDefault(lower(draft.rawSeverity()), defaultSeverity);
  }

  private static Severity severity(String value, String setting) {
    return Severity.parse(value)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "vigil.ingest.rules: severity '"
                        + value
                        + "' for "
                        + setting
                        + " is not one of info, warning, error, critical"));
  }

  private static String lower(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }

  private static Map<String, Severity> builtInAliases() {
    Map<String, Severity> map = new HashMap<>();
    for (String s : List.of("info", "informational", "notice", "debug", "none", "low", "normal")) {
      map.put(s, Severity.INFO);
    }
    for (String s : List.of("warning", "warn", "minor", "medium", "moderate")) {
      map.put(s, Severity.WARNING);
    }
    for (String s : List.of("error", "err", "high", "major", "severe")) {
      map.put(s, Severity.ERROR);
    }
    for (String s : List.of("critical", "crit", "page", "fatal", "emergency", "disaster")) {
      map.put(s, Severity.CRITICAL);
    }
    return Map.copyOf(map);
  }
}
