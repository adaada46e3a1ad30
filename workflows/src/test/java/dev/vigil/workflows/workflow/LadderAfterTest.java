package dev.vigil.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.vigil.workflows.activity.IncidentStatus;
import dev.vigil.workflows.workflow.NextStep.Cancelled;
import dev.vigil.workflows.workflow.NextStep.Healthy;
import dev.vigil.workflows.workflow.NextStep.NextRung;
import dev.vigil.workflows.workflow.NextStep.Probation;
import dev.vigil.workflows.workflow.NextStep.Revert;
import dev.vigil.workflows.workflow.NextStep.Terminal;
import dev.vigil.workflows.workflow.NextStep.Watch;
import dev.vigil.workflows.workflow.RungOutcome.Kind;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Ladder#after}: what follows each outcome of a rung or of the recovery watch, and {@link
 * Ladder#exhausted}: why the repair goes {@code TERMINAL} when no rung is due. Pure functions, no
 * Temporal. The rung that was due is index 1 (the second rung) throughout.
 */
class LadderAfterTest {
  static final int DUE = 1;

  final Ladder ladder = new Ladder(LadderAndCompensationsTest.THREE_RUNGS_TWO_ATTEMPTS);

  /** Every outcome kind, what follows it, and why. */
  static Stream<Arguments> outcomes() {
    return Stream.of(
        arguments(Kind.CLEARED, new Watch(DUE + 1, "note"), "moves the ladder on, then watches"),
        arguments(
            Kind.ALREADY_CLEAR, new Watch(DUE, "note"), "did not act: same rung next if it recurs"),
        arguments(Kind.NOT_CLEARED, new Probation(DUE + 1, "note"), "probation, next rung"),
        arguments(Kind.FAILED, new Probation(DUE + 1, "note"), "probation, next rung"),
        arguments(
            Kind.RECURRED,
            new Probation(DUE, "note"),
            "probation; the CLEARED before the watch already moved the ladder on"),
        arguments(Kind.REJECTED, new NextRung(DUE + 1), "skips the rung without probation"),
        arguments(
            Kind.APPROVAL_TIMED_OUT, new Terminal("note", false), "pages, the timeout as reason"),
        arguments(Kind.QUIET, new Healthy("note"), "ends healthy"),
        arguments(Kind.REVERTED, new Revert("note"), "undoes, then ends healthy"),
        arguments(Kind.CANCELLED, new Cancelled(), "ends cancelled"));
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("outcomes")
  void after_eachOutcome(Kind kind, NextStep expected, String why) {
    assertThat(Ladder.after(new RungOutcome(kind, "note"), DUE)).as(why).isEqualTo(expected);
  }

  @Test
  void outcomes_coverEveryKind() {
    Set<Kind> covered =
        outcomes()
            .map(a -> (Kind) a.get()[0])
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));

    assertThat(covered).isEqualTo(EnumSet.allOf(Kind.class));
  }

  @Test
  void approvalTimeout_endsTheIncidentTerminal_notFailed() {
    Terminal terminal = (Terminal) Ladder.after(new RungOutcome(Kind.APPROVAL_TIMED_OUT, "t"), DUE);

    assertThat(terminal.status()).isEqualTo(IncidentStatus.TERMINAL);
  }

  @Test
  void exhausted_withoutARung_saysOnlyWhy() {
    assertThat(ladder.exhausted(3, 1, null))
        .isEqualTo(new Terminal("ladder exhausted after 3 rungs", false));
  }

  @Test
  void exhausted_afterAFailedAction_endsFailed_andNamesTheLastOutcome() {
    Terminal terminal =
        ladder.exhausted(2, 2, new RungOutcome(Kind.FAILED, "rung 2 `k8s.rolloutRestart` failed"));

    assertThat(terminal.reason())
        .isEqualTo("max attempts (2) reached (last: rung 2 `k8s.rolloutRestart` failed)");
    assertThat(terminal.status()).isEqualTo(IncidentStatus.FAILED);
  }

  @Test
  void exhausted_afterARungThatDidNotHold_endsTerminal() {
    Terminal terminal = ladder.exhausted(3, 1, new RungOutcome(Kind.NOT_CLEARED, "did not clear"));

    assertThat(terminal.reason()).isEqualTo("ladder exhausted after 3 rungs (last: did not clear)");
    assertThat(terminal.status()).isEqualTo(IncidentStatus.TERMINAL);
  }
}
