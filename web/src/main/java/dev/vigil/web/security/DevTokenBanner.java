package dev.vigil.web.security;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start how callers authenticate. The dev token is printed on purpose (docs/design.md: "the
 * local run ... prints it at start"): it only exists when explicitly enabled for a local run.
 */
@Singleton
public class DevTokenBanner {
  private static final Logger LOG = LoggerFactory.getLogger(DevTokenBanner.class);

  private final SecurityConfig config;
  private final java.util.List<HashedToken> tokens;

  public DevTokenBanner(SecurityConfig config, java.util.List<HashedToken> tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (!config.enabled()) {
      LOG.warn("vigil.security.enabled=false: every request is allowed without a token");
      return;
    }
    LOG.info(
        "bearer-token security on: {} hashed token(s) configured",
        tokens.size() + HashedTokenValidator.parseTokenList(config.tokenList()).size());
    if (config.devTokenActive()) {
      LOG.warn(
          "dev token enabled (all scopes; local runs only): Authorization: Bearer {}",
          config.devToken());
    }
  }
}
