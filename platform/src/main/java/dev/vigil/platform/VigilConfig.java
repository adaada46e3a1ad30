package dev.vigil.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings every service shares ({@code vigil.*}).
 *
 * @param clusterName the cluster a signal belongs to when its source names none
 * @param dryRun global dry-run: every remediation records "would do" and changes nothing
 */
@ConfigurationProperties("vigil")
public record VigilConfig(
    @Bindable(defaultValue = "default") String clusterName,
    @Bindable(defaultValue = "false") boolean dryRun) {}
