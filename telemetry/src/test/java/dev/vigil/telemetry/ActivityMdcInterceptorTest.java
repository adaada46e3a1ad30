package dev.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityMdcInterceptorTest {
  record Context(String workflowId, String incidentId) {}

  record ActionLike(Context context, String action) {}

  record PhaseLike(String incidentId, String phase) {}

  @Test
  void incidentId_comesFromTheRequestOrItsContext_andIsNullOtherwise() {
    assertThat(ActivityMdcInterceptor.incidentId(new PhaseLike("inc-1", "MITIGATING")))
        .isEqualTo("inc-1");
    assertThat(
            ActivityMdcInterceptor.incidentId(
                new ActionLike(new Context("remediation:x", "inc-2"), "k8s.deletePod")))
        .isEqualTo("inc-2");
    assertThat(ActivityMdcInterceptor.incidentId("not a record")).isNull();
    assertThat(ActivityMdcInterceptor.incidentId(null)).isNull();
  }
}
