package dev.vigil.workflows.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

  private static final String DESIGN_EXAMPLE =
      """
      policies:
        - name: crashloop-pod
          match: { resourceType: k8s/Pod, reasons: [CrashLoopBackOff, OOMKilled] }
          recurrenceWindow: 30m
          maxAttempts: 3
          ladder:
            - { action: k8s.deletePod, verifyWithin: 5m }
            - { action: k8s.rolloutRestart, target: owner, verifyWithin: 10m }
            - { action: k8s.patchResources, params: { memoryFactor: 1.5 }, requiresApproval: true }
          page: { severity: critical }
        - name: app-high-cpu
          match: { resourceType: docker/service, reasons: [HighCPU] }
          ladder:
            - action: docker.scale
              params: { replicas: 2 }
              compensate: { action: docker.scale, params: { replicas: 1 } }
              verifyWithin: 5m
          revertOn: [LowCPU]
      """;

  @Test
  void designExample_loadsWithDefaultsFilledIn() {
    List<Policy> policies = PolicyLoader.parse(DESIGN_EXAMPLE);

    assertThat(policies).extracting(Policy::name).containsExactly("crashloop-pod", "app-high-cpu");
    Policy crashloop = policies.get(0);
    assertThat(crashloop.recurrenceWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(crashloop.maxAttempts()).isEqualTo(3);
    assertThat(crashloop.rung(1).target()).isEqualTo("owner");
    assertThat(crashloop.rung(1).verifyWithin()).isEqualTo(Duration.ofMinutes(10));
    assertThat(crashloop.rung(2).requiresApproval()).isTrue();
    assertThat(crashloop.rung(2).params()).containsEntry("memoryFactor", "1.5");
    assertThat(crashloop.rung(2).verifyWithin()).isEqualTo(Rung.DEFAULT_VERIFY_WITHIN);
    assertThat(crashloop.budgetScope()).containsExactly("cluster");

    Policy cpu = policies.get(1);
    assertThat(cpu.maxAttempts()).as("defaults to the ladder size").isEqualTo(1);
    assertThat(cpu.rung(0).compensate())
        .isEqualTo(new ActionSpec("docker.scale", "self", Map.of("replicas", "1")));
    assertThat(cpu.revertOn()).containsExactly("LowCPU");
    assertThat(cpu.recurrenceWindow()).isEqualTo(Policy.DEFAULT_RECURRENCE_WINDOW);
  }

  @Test
  void unknownAction_isRejectedWithItsPath() {
    String yaml =
        """
        policies:
          - name: p
            match: { resourceType: k8s/Pod }
            ladder:
              - { action: k8s.deletepod }
        """;
    assertThatThrownBy(() -> PolicyLoader.parse(yaml))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policies[0].ladder[0].action")
        .hasMessageContaining("k8s.deletepod");
  }

  @Test
  void badDuration_andDuplicateName_areRejected() {
    assertThatThrownBy(
            () ->
                PolicyLoader.parse(
                    """
                    policies:
                      - name: p
                        match: { resourceType: k8s/Pod }
                        recurrenceWindow: soon
                        ladder: [ { action: k8s.deletePod } ]
                    """))
        .hasMessageContaining("policies[0].recurrenceWindow");
    assertThatThrownBy(
            () ->
                PolicyLoader.parse(
                    """
                    policies:
                      - { name: p, match: { resourceType: a }, ladder: [ { action: k8s.deletePod } ] }
                      - { name: p, match: { resourceType: b }, ladder: [ { action: k8s.deletePod } ] }
                    """))
        .hasMessageContaining("duplicate name 'p'");
  }

  @Test
  void matcher_picksFirstPolicyWhoseTypeAndReasonHold() {
    PolicyMatcher matcher = new PolicyMatcher(PolicyLoader.parse(DESIGN_EXAMPLE));

    assertThat(matcher.match("k8s/Pod", "c", "ns", Map.of(), List.of("OOMKilled")))
        .map(Policy::name)
        .contains("crashloop-pod");
    assertThat(matcher.match("k8s/Pod", "c", "ns", Map.of(), List.of("ImagePullBackOff")))
        .isEmpty();
    assertThat(matcher.match("docker/service", "c", null, Map.of(), List.of("HighCPU")))
        .map(Policy::name)
        .contains("app-high-cpu");
    assertThat(matcher.isRevertReason("docker/service", "LowCPU")).isTrue();
    assertThat(matcher.isRevertReason("k8s/Pod", "LowCPU")).isFalse();
  }

  @Test
  void durations_acceptShortAndIsoForms() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThatThrownBy(() -> Durations.parse("5 minutes"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
