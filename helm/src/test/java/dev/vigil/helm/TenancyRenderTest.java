package dev.vigil.helm;

import static dev.vigil.helm.Pods.container;
import static dev.vigil.helm.Pods.env;
import static dev.vigil.helm.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code api.tenancy} reaches the api as the environment {@code TenancyConfig} and {@code
 * vigil.api.audit-reads} read, and nothing of it reaches ingest or the worker.
 */
class TenancyRenderTest {

  @Test
  void byDefault_everyResourceIsInTheDefaultOrg_andReadsAreAudited() {
    RenderedChart chart = VigilChart.withDefaults().render();
    JsonNode api = container(chart.get("Deployment", "vigil-api"), "api");

    assertThat(envValue(api, "VIGIL_TENANCY_ORG_LABEL")).isEqualTo("vigil.dev/org");
    assertThat(envValue(api, "VIGIL_TENANCY_CLUSTER_ORGS")).isEmpty();
    assertThat(envValue(api, "VIGIL_TENANCY_DEFAULT_ORG")).isEqualTo("default");
    assertThat(envValue(api, "VIGIL_API_AUDIT_READS")).isEqualTo("true");
    for (String other : List.of("ingest", "worker")) {
      JsonNode c = container(chart.get("Deployment", "vigil-" + other), other);
      assertThat(env(c, "VIGIL_TENANCY_CLUSTER_ORGS")).isEmpty();
    }
  }

  @Test
  void clusterOrgs_andAuditReads_areSetFromValues() {
    RenderedChart chart =
        VigilChart.withDefaults()
            .set("api.tenancy.clusterOrgs", "prod-eu=acme lab=beta")
            .set("api.tenancy.defaultOrg", "shared")
            .set("api.tenancy.auditReads", false)
            .render();
    JsonNode api = container(chart.get("Deployment", "vigil-api"), "api");

    assertThat(envValue(api, "VIGIL_TENANCY_CLUSTER_ORGS")).isEqualTo("prod-eu=acme lab=beta");
    assertThat(envValue(api, "VIGIL_TENANCY_DEFAULT_ORG")).isEqualTo("shared");
    assertThat(envValue(api, "VIGIL_API_AUDIT_READS")).isEqualTo("false");
  }
}
