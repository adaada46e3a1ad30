package dev.vigil.api.tenancy;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Which org a resource belongs to ({@code vigil.tenancy.*}): the value of its label {@link
 * #orgLabel} when it has one, else its cluster's org from {@link #clusterOrgs}, else {@link
 * #defaultOrg}. Computed when read, so a changed mapping applies at once to every stored resource.
 *
 * @param orgLabel the resource label naming its org ({@code vigil.dev/org})
 * @param clusterOrgs cluster to org, {@code <cluster>=<org>} entries separated by commas or
 *     whitespace ({@code VIGIL_TENANCY_CLUSTER_ORGS="prod-eu=acme,prod-us=acme,lab=beta"})
 * @param defaultOrg the org of every other resource, and the only org a token claiming none sees
 */
@ConfigurationProperties("vigil.tenancy")
public record TenancyConfig(
    @Bindable(defaultValue = "vigil.dev/org") String orgLabel,
    @Nullable String clusterOrgs,
    @Bindable(defaultValue = "default") String defaultOrg) {}
