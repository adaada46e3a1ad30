package dev.vigil.web.security;

import io.micronaut.http.HttpMethod;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which scope each path needs, first match wins. The defaults cover every Vigil service, so a
 * service gets its rules by depending on this module: probes, metrics and the OpenAPI document are
 * anonymous; ingest needs {@code ingest:write}; operator actions ({@code POST
 * /v1/resources/{id}/actions}) need {@code action:write}; cancelling needs {@code
 * mitigation:write}; approvals (of a rung or of an operator action) need {@code approval:write};
 * the audit log ({@code GET /v1/audit}) needs {@code audit:read}; every other {@code /v1} read, the
 * event streams included, needs {@code state:read}. A path no rule matches is refused. The gRPC API
 * maps each method to one of these scopes the same way.
 */
@Singleton
public class ScopeRules {
  public static final String ANONYMOUS = "anonymous";

  public static final List<ScopeRule> DEFAULTS =
      List.of(
          ScopeRule.anonymous("/health"),
          ScopeRule.anonymous("/health/**"),
          ScopeRule.anonymous("/metrics"),
          ScopeRule.anonymous("/openapi.yml"),
          ScopeRule.anonymous("/swagger/**"),
          new ScopeRule("/v1/ingest/**", ScopeRule.ANY, Scopes.INGEST_WRITE),
          // ids contain slashes (the path is decoded): "**" spans them
          new ScopeRule("/v1/resources/**/actions", ScopeRule.WRITES, Scopes.ACTION_WRITE),
          new ScopeRule("/v1/resources/**", ScopeRule.WRITES, Scopes.MITIGATION_WRITE),
          new ScopeRule("/v1/incidents/**", ScopeRule.WRITES, Scopes.APPROVAL_WRITE),
          new ScopeRule("/v1/actions/**", ScopeRule.WRITES, Scopes.APPROVAL_WRITE),
          new ScopeRule("/v1/audit", ScopeRule.READS, Scopes.AUDIT_READ),
          new ScopeRule("/v1/**", ScopeRule.READS, Scopes.STATE_READ));

  private final List<ScopeRule> rules;

  public ScopeRules(List<ScopeRuleProperties> configured) {
    this.rules =
        configured.isEmpty() ? DEFAULTS : configured.stream().map(ScopeRules::toRule).toList();
  }

  /** The first rule matching the request, or empty when none does (the request is refused). */
  public Optional<ScopeRule> find(HttpMethod method, String path) {
    return rules.stream().filter(r -> r.matches(method, path)).findFirst();
  }

  public List<ScopeRule> rules() {
    return rules;
  }

  private static ScopeRule toRule(ScopeRuleProperties p) {
    var methods =
        p.methods() == null
            ? ScopeRule.ANY
            : p.methods().stream().map(HttpMethod::parse).collect(Collectors.toSet());
    return new ScopeRule(p.pattern(), methods, ANONYMOUS.equals(p.scope()) ? null : p.scope());
  }
}
