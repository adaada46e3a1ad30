package dev.vigil.platform.policy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the policies come from ({@code vigil.policies.*}).
 *
 * @param file path of the policies YAML (the Helm chart mounts it from a ConfigMap); when unset,
 *     the examples on the classpath ({@code policies/default.yaml}) are used
 */
@ConfigurationProperties("vigil.policies")
public record PoliciesConfig(@Nullable String file) {}
