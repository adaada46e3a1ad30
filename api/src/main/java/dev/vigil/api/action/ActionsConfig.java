package dev.vigil.api.action;

import dev.vigil.workflows.policy.RetrySpec;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Operator actions ({@code vigil.api.actions.*}); defaults documented in {@code application.yml}.
 *
 * @param budgetScope the storm-guard scope an action takes its lease in, as a policy's {@code
 *     budgetScope} ({@code cluster}, {@code type}, {@code namespace})
 * @param approvalTimeout how long an action asked with {@code requireApproval} waits for a decision
 * @param maxThrottled how long the storm guard may hold an action back before it expires
 * @param timeout one attempt of the action (as a rung's {@code timeout})
 * @param maxAttempts attempts of the action's activity on transient failures
 */
@ConfigurationProperties("vigil.api.actions")
public record ActionsConfig(
    @Bindable(defaultValue = "cluster") List<String> budgetScope,
    @Bindable(defaultValue = "1h") Duration approvalTimeout,
    @Bindable(defaultValue = "1h") Duration maxThrottled,
    @Bindable(defaultValue = "5m") Duration timeout,
    @Bindable(defaultValue = "3") int maxAttempts) {

  public RetrySpec retry() {
    return new RetrySpec(
        maxAttempts, RetrySpec.DEFAULT.initialInterval(), RetrySpec.DEFAULT.maxInterval());
  }
}
