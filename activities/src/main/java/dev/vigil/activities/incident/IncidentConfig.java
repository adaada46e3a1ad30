package dev.vigil.activities.incident;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How incidents present themselves to the outside ({@code vigil.incidents.*}).
 *
 * @param source the CloudEvents {@code source} and CDEvents {@code context.source} of incident
 *     events, a URI reference naming this Vigil installation
 * @param ticketBaseUrl base of the incident's API address: CDEvents {@code incident.reported}
 *     requires a {@code ticketURI}, which is this plus the incident id
 */
@ConfigurationProperties("vigil.incidents")
public record IncidentConfig(
    @Bindable(defaultValue = "/vigil") String source,
    @Bindable(defaultValue = "http://127.0.0.1:8080/v1/incidents/") String ticketBaseUrl) {}
