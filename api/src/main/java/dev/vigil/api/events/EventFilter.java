package dev.vigil.api.events;

import dev.vigil.api.ApiInput;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one client wants from the event stream ({@code GET /v1/events}, {@code /v1/events/ws}, gRPC
 * {@code StreamEvents}): each list empty means "all", and an event passes when it matches every
 * non-empty list.
 *
 * <ul>
 *   <li>{@code types}: {@code state} or {@code incident} (the SSE event names), an exact outbox
 *       type ({@code health.transition}, {@code dev.cdevents.incident.resolved.0.2.0}) or its short
 *       CDEvents form ({@code incident.resolved});
 *   <li>{@code namespaces}: the resource's namespace (events without one never match);
 *   <li>{@code severities}: {@code info|warning|error|critical} (a recovery to Healthy has none).
 * </ul>
 */
@Serdeable.Serializable
public record EventFilter(Set<String> types, Set<String> namespaces, Set<String> severities) {

  public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of());

  /** The filter of these query parameters; 400 for a value no event could carry. */
  public static EventFilter parse(
      @Nullable String types, @Nullable String namespaces, @Nullable String severities) {
    return checked(
        split(types), split(namespaces), split(severities), "types", "namespaces", "severities");
  }

  /**
   * The filter of lists, as a WebSocket filter message ({@code {"eventTypes": [...], "namespaces":
   * [...], "severities": [...]}}) or a gRPC request carries them; 400 naming the field for a value
   * no event could carry.
   */
  public static EventFilter of(
      @Nullable Collection<String> eventTypes,
      @Nullable Collection<String> namespaces,
      @Nullable Collection<String> severities) {
    return checked(
        eventTypes == null ? List.of() : eventTypes,
        namespaces == null ? List.of() : namespaces,
        severities == null ? List.of() : severities,
        "eventTypes",
        "namespaces",
        "severities");
  }

  private static EventFilter checked(
      Collection<String> types,
      Collection<String> namespaces,
      Collection<String> severities,
      String typesField,
      String namespacesField,
      String severitiesField) {
    EventFilter filter =
        new EventFilter(
            checked(normalized(types, false), typesField),
            checked(normalized(namespaces, true), namespacesField),
            checked(normalized(severities, false), severitiesField));
    for (String severity : filter.severities()) {
      if (!SEVERITIES.contains(severity)) {
        throw new ProblemException(
            Problems.badRequest(
                severitiesField + ": '" + severity + "' is not one of " + SEVERITIES,
                severitiesField));
      }
    }
    return filter;
  }

  private static final List<String> SEVERITIES = List.of("info", "warning", "error", "critical");

  private static Set<String> checked(Set<String> values, String parameter) {
    values.forEach(v -> ApiInput.name(v, parameter));
    return values;
  }

  public boolean accepts(StreamEvent event) {
    return (types.isEmpty() || types.stream().anyMatch(t -> typeMatches(t, event)))
        && (namespaces.isEmpty()
            || (event.namespace() != null && namespaces.contains(event.namespace())))
        && (severities.isEmpty()
            || (event.severity() != null
                && severities.contains(event.severity().toLowerCase(Locale.ROOT))));
  }

  private static boolean typeMatches(String t, StreamEvent event) {
    return t.equals(event.name())
        || t.equals(event.type().toLowerCase(Locale.ROOT))
        || event.type().toLowerCase(Locale.ROOT).startsWith("dev.cdevents." + t + ".");
  }

  private static List<String> split(@Nullable String csv) {
    return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
  }

  private static Set<String> normalized(Collection<String> values, boolean keepCase) {
    return values.stream()
        .filter(s -> s != null)
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> keepCase ? s : s.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
