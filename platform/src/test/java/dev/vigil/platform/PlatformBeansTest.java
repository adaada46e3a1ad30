package dev.vigil.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import dev.vigil.platform.temporal.TemporalConfig;
import dev.vigil.workflows.client.RemediationClient;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyMatcher;
import io.micronaut.context.ApplicationContext;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformBeansTest {

  @Test
  void defaults_giveLocalTemporal_theExamplePolicies_andNoDryRun() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      TemporalConfig temporal = ctx.getBean(TemporalConfig.class);
      assertThat(temporal.target()).isEqualTo("127.0.0.1:7233");
      assertThat(temporal.namespace()).isEqualTo("default");
      assertThat(temporal.taskQueue()).isEqualTo("vigil-remediation");
      assertThat(temporal.tlsEnabled()).isFalse();
      assertThat(ctx.getBean(VigilConfig.class).dryRun()).isFalse();
      assertThat(ctx.getBean(VigilConfig.class).clusterName()).isEqualTo("default");
      assertThat(ctx.getBean(PolicyMatcher.class).policies())
          .extracting(Policy::name)
          .contains("crashloop-pod", "app-high-cpu");
      assertThat(ctx.getBean(RemediationClient.class)).isNotNull();
    }
  }

  @Test
  void apiKey_turnsTlsOn() {
    try (ApplicationContext ctx =
        ApplicationContext.run(
            Map.of(
                "vigil.temporal.target", "eu-west-1.aws.api.temporal.io:7233",
                "vigil.temporal.api-key", "secret",
                "vigil.cluster-name", "prod-eu"))) {
      TemporalConfig temporal = ctx.getBean(TemporalConfig.class);
      assertThat(temporal.tlsEnabled()).isTrue();
      assertThat(ctx.getBean(VigilConfig.class).clusterName()).isEqualTo("prod-eu");
    }
  }

  @Test
  void aMetricsScopeBean_isWhereTheStubsReport() {
    Scope scope = new NoopScope();
    try (ApplicationContext ctx = ApplicationContext.builder().singletons(scope).start()) {
      assertThat(ctx.getBean(WorkflowServiceStubs.class).getOptions().getMetricsScope())
          .isSameAs(scope);
    }
  }
}
