package dev.vigil.web.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Bearer-token security of Vigil's HTTP services ({@code vigil.security.*}). Hashed tokens are
 * listed under {@code vigil.security.tokens} ({@link HashedToken}); JWTs are accepted once a
 * signature is configured under {@code micronaut.security.token.jwt.signatures.*}.
 *
 * @param enabled false lets every request through (tests, a trusted local network); true by default
 * @param devTokenEnabled accept {@link #devToken} with every scope; for local runs only
 * @param devToken the local run's token ({@code VIGIL_DEV_TOKEN}); ignored unless enabled
 * @param tokenList hashed tokens in one string, for an environment variable or a secret (the Helm
 *     chart's {@code VIGIL_API_TOKENS}): entries {@code <subject>:<sha256>:<scope>[,<scope>...]}
 *     separated by {@code ;} or whitespace, e.g. {@code
 *     grafana:ba50...2d45:state:read;ops-bot:0850...680e:state:read,mitigation:write}
 */
@ConfigurationProperties("vigil.security")
public record SecurityConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "false") boolean devTokenEnabled,
    @Nullable String devToken,
    @Nullable String tokenList) {

  public boolean devTokenActive() {
    return devTokenEnabled && devToken != null && !devToken.isBlank();
  }
}
