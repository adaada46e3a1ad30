package dev.vigil.activities.docker;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Docker actions ({@code vigil.docker.*}); defaults are documented in {@code
 * application-activities.yml}.
 *
 * @param enabled false turns {@code docker.scale} and {@code docker.restart} off: they then fail
 *     non-retryably with {@code UnsupportedAction}
 * @param host the daemon ({@code unix:///var/run/docker.sock}, {@code tcp://host:2375}); no API
 *     version is pinned, the daemon serves its own
 * @param maxReplicas the most replicas {@code docker.scale} may ask for
 * @param readinessTimeout how long a replica may take to become ready (per call; {@code
 *     params.readinessTimeout} overrides it)
 * @param readinessPoll how often readiness is checked (and the activity heartbeats)
 * @param stopTimeout grace period of a replica's stop before it is killed
 * @param probeHost where HTTP probes go for replicas on host networking
 * @param probeTimeout connect and answer timeout of one HTTP probe
 * @param connectTimeout connect timeout to the daemon
 * @param responseTimeout answer timeout of one daemon call
 */
@ConfigurationProperties("vigil.docker")
public record DockerConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "unix:///var/run/docker.sock") String host,
    @Bindable(defaultValue = "10") int maxReplicas,
    @Bindable(defaultValue = "2m") Duration readinessTimeout,
    @Bindable(defaultValue = "1s") Duration readinessPoll,
    @Bindable(defaultValue = "10s") Duration stopTimeout,
    @Bindable(defaultValue = "127.0.0.1") String probeHost,
    @Bindable(defaultValue = "2s") Duration probeTimeout,
    @Bindable(defaultValue = "5s") Duration connectTimeout,
    @Bindable(defaultValue = "2m") Duration responseTimeout) {}
