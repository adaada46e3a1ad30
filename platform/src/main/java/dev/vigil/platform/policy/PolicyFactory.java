package dev.vigil.platform.policy;

import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.policy.PolicyMatcher;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the policies once at start; a file that does not parse stops the service with the path of
 * the offending field rather than running with no policies.
 */
@Factory
public class PolicyFactory {
  public static final String DEFAULT_RESOURCE = "policies/default.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(PolicyFactory.class);

  @Singleton
  PolicyMatcher policyMatcher(PoliciesConfig config) {
    List<Policy> policies = load(config);
    LOG.info(
        "loaded {} policies from {}: {}",
        policies.size(),
        config.file() != null ? config.file() : "classpath:" + DEFAULT_RESOURCE,
        policies.stream().map(Policy::name).toList());
    return new PolicyMatcher(policies);
  }

  static List<Policy> load(PoliciesConfig config) {
    if (config.file() != null && !config.file().isBlank()) {
      return PolicyLoader.load(Path.of(config.file()));
    }
    try (InputStream in =
        PolicyFactory.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        return List.of();
      }
      return PolicyLoader.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
