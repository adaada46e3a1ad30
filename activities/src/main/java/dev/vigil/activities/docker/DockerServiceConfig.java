package dev.vigil.activities.docker;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * A service's template from configuration ({@code vigil.docker.services[n].*}), used by {@code
 * docker.scale} when the service has no replica to copy. Lists use Docker's own forms ({@code
 * KEY=value} for env and labels) so keys keep their case and dots.
 *
 * @param name the service name (the {@code vigil.service} label and the resource's name)
 * @param image the image reference (must exist on the host: nothing is pulled)
 * @param command the command ({@code Cmd}), or null for the image's
 * @param entrypoint the entrypoint, or null for the image's
 * @param env {@code KEY=value} entries
 * @param labels {@code key=value} entries, e.g. {@code traefik.enable=true}
 * @param networkMode {@code host} (default), {@code bridge} or a network name
 * @param port base port on host networking: the replica in slot {@code s} gets {@code port + s - 1}
 *     in env {@code PORT} (label {@code vigil.port})
 * @param probePath HTTP readiness probe path (label {@code vigil.probe.path}), or null
 * @param healthcheck Docker HEALTHCHECK test, e.g. {@code [CMD-SHELL, "wget -q -O /dev/null
 *     http://127.0.0.1:$PORT/health"]}, or null
 * @param healthInterval HEALTHCHECK interval
 * @param healthTimeout HEALTHCHECK timeout
 * @param healthRetries HEALTHCHECK retries
 * @param healthStartPeriod HEALTHCHECK start period
 */
@EachProperty(value = "vigil.docker.services", list = true)
public record DockerServiceConfig(
    String name,
    String image,
    @Nullable List<String> command,
    @Nullable List<String> entrypoint,
    @Nullable List<String> env,
    @Nullable List<String> labels,
    @Bindable(defaultValue = "host") String networkMode,
    @Nullable Integer port,
    @Nullable String probePath,
    @Nullable List<String> healthcheck,
    @Nullable Duration healthInterval,
    @Nullable Duration healthTimeout,
    @Nullable Integer healthRetries,
    @Nullable Duration healthStartPeriod) {}
