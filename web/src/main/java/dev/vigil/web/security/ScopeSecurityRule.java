package dev.vigil.web.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Decides every request by {@link ScopeRules}: allowed when the matching rule is anonymous or the
 * caller's token carries its scope, rejected otherwise (401 without a valid token, 403 with one).
 * Runs before Micronaut's own rules, so they only see what this rule left undecided.
 */
@Singleton
public class ScopeSecurityRule implements SecurityRule<HttpRequest<?>> {
  /** Request attribute naming the scope a rejected request lacked, for the 403 problem. */
  public static final String REQUIRED_SCOPE = "vigil.security.required-scope";

  public static final int ORDER = -1000;

  private final ScopeRules rules;
  private final SecurityConfig config;

  public ScopeSecurityRule(ScopeRules rules, SecurityConfig config) {
    this.rules = rules;
    this.config = config;
  }

  @Override
  public Publisher<SecurityRuleResult> check(
      @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
    return Publishers.just(decide(request, authentication));
  }

  SecurityRuleResult decide(
      @Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
    if (!config.enabled()) {
      return SecurityRuleResult.ALLOWED;
    }
    if (request == null) {
      return SecurityRuleResult.UNKNOWN;
    }
    Optional<ScopeRule> rule = rules.find(request.getMethod(), request.getPath());
    if (rule.isEmpty()) {
      return SecurityRuleResult.REJECTED;
    }
    if (rule.get().isAnonymous()) {
      return SecurityRuleResult.ALLOWED;
    }
    String scope = rule.get().scope();
    if (authentication != null && authentication.getRoles().contains(scope)) {
      return SecurityRuleResult.ALLOWED;
    }
    request.setAttribute(REQUIRED_SCOPE, scope);
    return SecurityRuleResult.REJECTED;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
