package dev.vigil.activities.kubernetes;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Kubernetes actions ({@code vigil.kubernetes.*}). The cluster connection itself is what fabric8
 * resolves: {@code KUBECONFIG} / {@code ~/.kube/config}, or the in-cluster service account.
 *
 * @param enabled when false every {@code k8s.*} action fails non-retryably with {@code
 *     UnsupportedAction} (default true)
 * @param maxReplicas ceiling of {@code k8s.scale}: an absolute request above it is refused, a delta
 *     is capped at it (default 50)
 * @param drainTimeout how long {@code k8s.drain} keeps retrying evictions a PodDisruptionBudget
 *     refuses when the rung gives no {@code timeout} parameter (default 5m)
 * @param drainRetryInterval pause between eviction rounds of a drain (default 5s)
 * @param memoryCeiling memory ceiling of {@code k8s.patchResources} when the rung gives no {@code
 *     memoryCeiling} (default 8Gi)
 * @param cpuCeiling cpu ceiling of {@code k8s.patchResources} when the rung gives no {@code
 *     cpuCeiling} (default 4)
 * @param requestRetryBackoffLimit how often fabric8 itself retries a request answered 429/5xx
 *     before the activity sees the failure; Temporal retries the activity after that (default 2)
 */
@ConfigurationProperties("vigil.kubernetes")
public record KubernetesConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "50") int maxReplicas,
    @Bindable(defaultValue = "5m") Duration drainTimeout,
    @Bindable(defaultValue = "5s") Duration drainRetryInterval,
    @Bindable(defaultValue = "8Gi") String memoryCeiling,
    @Bindable(defaultValue = "4") String cpuCeiling,
    @Bindable(defaultValue = "2") int requestRetryBackoffLimit) {}
