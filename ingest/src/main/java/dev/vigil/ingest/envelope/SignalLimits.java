package dev.vigil.ingest.envelope;

import dev.vigil.store.contracts.Identifiers;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shape every signal must have before it is accepted ({@link Identifiers}): a resource id and
 * names without control characters, whitespace, quotes or path tricks, bounded lengths, at most
 * {@link Identifiers#MAX_LABELS} labels. A draft that breaks one is refused (HTTP 400, or the DLQ
 * for a record produced straight to Kafka) naming the field; an overlong message is cut instead.
 */
final class SignalLimits {
  private static final int MAX_EVENT_ID = 1024;

  private SignalLimits() {}

  static SignalDraft check(SignalDraft draft) {
    String at = draft.path();
    require(draft.resourceId(), at, "resourceId", Identifiers::resourceIdProblem);
    require(draft.resourceType(), at, "resourceType", Identifiers::nameProblem);
    require(draft.cluster(), at, "cluster", Identifiers::nameProblem);
    require(draft.namespace(), at, "namespace", Identifiers::nameProblem);
    require(draft.component(), at, "component", Identifiers::nameProblem);
    require(draft.code(), at, "code", Identifiers::nameProblem);
    require(draft.reason(), at, "reason", Identifiers::nameProblem);
    require(draft.source(), at, "source", Identifiers::nameProblem);
    require(draft.id(), at, "id", SignalLimits::eventIdProblem);
    if (draft.labels().size() > Identifiers.MAX_LABELS) {
      throw new InvalidSignalException(
          JsonInput.child(at, "labels"),
          JsonInput.child(at, "labels")
              + " has "
              + draft.labels().size()
              + " entries; at most "
              + Identifiers.MAX_LABELS);
    }
    for (Map.Entry<String, String> label : draft.labels().entrySet()) {
      String path = JsonInput.child(at, "labels") + "." + label.getKey();
      if (Identifiers.nameProblem(label.getKey()).isPresent()) {
        throw new InvalidSignalException(
            JsonInput.child(at, "labels"),
            "label name '"
                + shorten(label.getKey())
                + "' "
                + Identifiers.nameProblem(label.getKey()).get());
      }
      Identifiers.labelValueProblem(label.getValue())
          .ifPresent(
              problem -> {
                throw new InvalidSignalException(path, path + " " + problem);
              });
    }
    String message = Identifiers.clipMessage(draft.message());
    return message == null || message.equals(draft.message())
        ? draft
        : new SignalDraft(
            draft.path(),
            draft.id(),
            draft.source(),
            draft.resourceId(),
            draft.resourceType(),
            draft.cluster(),
            draft.namespace(),
            draft.component(),
            draft.code(),
            draft.reason(),
            draft.eventType(),
            draft.rawSeverity(),
            draft.status(),
            draft.critical(),
            message,
            draft.labels(),
            draft.observedAt());
  }

  private static void require(
      String value, String at, String field, Function<String, Optional<String>> rule) {
    if (value == null) {
      return;
    }
    Optional<String> problem = rule.apply(value);
    if (problem.isPresent()) {
      String path = JsonInput.child(at, field);
      throw new InvalidSignalException(path, path + " '" + shorten(value) + "' " + problem.get());
    }
  }

  private static Optional<String> eventIdProblem(String id) {
    if (id.length() > MAX_EVENT_ID) {
      return Optional.of("is longer than " + MAX_EVENT_ID + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        return Optional.of("contains a control character");
      }
    }
    return Optional.empty();
  }

  /** A value as an error message quotes it: at most 64 characters, control characters escaped. */
  private static String shorten(String value) {
    String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    StringBuilder out = new StringBuilder(cut.length());
    cut.chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append("\\u%04x".formatted(c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }
}
