package dev.vigil.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventFilterTest {
  static final StreamEvent STATE =
      new StreamEvent(
          1,
          "state",
          "health.transition",
          "payments",
          "critical",
          "{}",
          null,
          null,
          null,
          "c1",
          "default");
  static final StreamEvent RESOLVED =
      new StreamEvent(
          2,
          "incident",
          "dev.cdevents.incident.resolved.0.2.0",
          "web",
          "warning",
          "{}",
          null,
          null,
          null,
          "c1",
          "default");
  static final StreamEvent NO_NAMESPACE =
      new StreamEvent(
          3, "state", "health.transition", null, null, "{}", null, null, null, "c1", "default");

  @Test
  void emptyFilter_acceptsEverything() {
    EventFilter all = EventFilter.parse(null, "", " ");
    assertThat(all.accepts(STATE)).isTrue();
    assertThat(all.accepts(NO_NAMESPACE)).isTrue();
  }

  @Test
  void types_matchNames_exactTypes_andShortCdEventsTypes() {
    assertThat(EventFilter.parse("state", null, null).accepts(STATE)).isTrue();
    assertThat(EventFilter.parse("state", null, null).accepts(RESOLVED)).isFalse();
    assertThat(EventFilter.parse("incident.resolved", null, null).accepts(RESOLVED)).isTrue();
    assertThat(EventFilter.parse("incident.detected", null, null).accepts(RESOLVED)).isFalse();
    assertThat(EventFilter.parse("Health.Transition, incident", null, null).accepts(RESOLVED))
        .isTrue();
  }

  @Test
  void namespacesAndSeverities_mustAllMatch_andMissingValuesNeverMatch() {
    EventFilter f = EventFilter.parse(null, "payments,web", "CRITICAL");
    assertThat(f.accepts(STATE)).isTrue();
    assertThat(f.accepts(RESOLVED)).isFalse();
    assertThat(f.accepts(NO_NAMESPACE)).isFalse();
    assertThat(EventFilter.parse(null, "Payments", null).accepts(STATE)).isFalse();
  }
}
