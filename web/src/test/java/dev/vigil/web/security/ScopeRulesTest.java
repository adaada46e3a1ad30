package dev.vigil.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeRulesTest {
  final ScopeRules defaults = new ScopeRules(List.of());

  String scopeFor(HttpMethod method, String path) {
    return defaults
        .find(method, path)
        .map(r -> r.isAnonymous() ? "anonymous" : r.scope())
        .orElse("refused");
  }

  @Test
  void defaults_coverApiAndIngest() {
    assertThat(scopeFor(HttpMethod.GET, "/v1/resources")).isEqualTo("state:read");
    assertThat(scopeFor(HttpMethod.GET, "/v1/resources/k8s%2Fprod%2FPod%2Fx"))
        .isEqualTo("state:read");
    assertThat(scopeFor(HttpMethod.POST, "/v1/resources/k8s/prod/Pod/x/mitigation/cancel"))
        .isEqualTo("mitigation:write");
    assertThat(scopeFor(HttpMethod.POST, "/v1/incidents/i-1/approvals/3"))
        .isEqualTo("approval:write");
    assertThat(scopeFor(HttpMethod.POST, "/v1/resources/docker/service/app/actions"))
        .isEqualTo("action:write");
    assertThat(scopeFor(HttpMethod.POST, "/v1/actions/a-1/approval")).isEqualTo("approval:write");
    assertThat(scopeFor(HttpMethod.GET, "/v1/actions/a-1")).isEqualTo("state:read");
    assertThat(scopeFor(HttpMethod.GET, "/v1/events/ws")).isEqualTo("state:read");
    assertThat(scopeFor(HttpMethod.POST, "/v1/ingest/alertmanager")).isEqualTo("ingest:write");
    assertThat(scopeFor(HttpMethod.GET, "/v1/events")).isEqualTo("state:read");
    assertThat(scopeFor(HttpMethod.GET, "/health/readiness")).isEqualTo("anonymous");
    assertThat(scopeFor(HttpMethod.GET, "/metrics")).isEqualTo("anonymous");
    assertThat(scopeFor(HttpMethod.POST, "/v1/fleet/summary")).isEqualTo("refused");
    assertThat(scopeFor(HttpMethod.GET, "/admin")).isEqualTo("refused");
  }

  @Test
  void configuredRules_replaceTheDefaults() {
    ScopeRules custom =
        new ScopeRules(
            List.of(
                new ScopeRuleProperties("/v1/ingest/**", List.of("POST"), "anonymous"),
                new ScopeRuleProperties("/v1/**", null, "state:read")));
    assertThat(custom.find(HttpMethod.POST, "/v1/ingest/signals").orElseThrow().isAnonymous())
        .isTrue();
    assertThat(custom.find(HttpMethod.DELETE, "/v1/x").orElseThrow().scope())
        .isEqualTo("state:read");
    assertThat(custom.find(HttpMethod.GET, "/metrics")).isEmpty();
  }
}
