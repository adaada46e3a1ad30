package dev.vigil.store.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "k8s/prod-eu/payments/Pod/api-7c9",
        "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1",
        "docker/service/app",
        "alert/HighLatency/10.0.0.1:9100",
        "alert/ProbeFailed/https://shop.example/health?x=1&y=2",
        "k8s/prod/Node/ip-10-0-0-1.eu-west-1.compute.internal"
      })
  void realResourceIds_pass(String id) {
    assertThat(Identifiers.resourceIdProblem(id)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "k8s/prod/../etc/passwd",
        "k8s/prod/./x",
        "a\u0000b",
        "a\r\nSet-Cookie: x=1",
        "k8s/prod' or '1'='1",
        "x;drop table resource_state",
        "a%2e%2e",
        "a b",
        ""
      })
  void hostileResourceIds_areRefused_withTheReason(String id) {
    assertThat(Identifiers.resourceIdProblem(id)).isPresent();
  }

  @Test
  void overlongValues_areRefused_andMessagesAreClipped() {
    assertThat(Identifiers.resourceIdProblem("x".repeat(Identifiers.MAX_RESOURCE_ID + 1)))
        .contains("is longer than 1024 characters");
    assertThat(Identifiers.nameProblem("x".repeat(254))).isPresent();
    assertThat(Identifiers.nameProblem("Microsoft.ContainerService/managedClusters")).isEmpty();
    assertThat(Identifiers.labelValueProblem("with spaces and 'quotes'")).isEmpty();
    assertThat(Identifiers.labelValueProblem("bell\u0007")).isPresent();
    assertThat(Identifiers.clipMessage("m".repeat(10_000))).hasSize(Identifiers.MAX_MESSAGE);
    assertThat(Identifiers.clipMessage("short")).isEqualTo("short");
  }
}
