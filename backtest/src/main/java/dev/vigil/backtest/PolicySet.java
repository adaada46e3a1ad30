package dev.vigil.backtest;

import dev.vigil.platform.policy.PolicyFactory;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The policies a replay runs with, and what to call them in the report.
 *
 * @param name the file as the user named it, or {@code default} for the services' own default
 * @param policies the parsed policies, every default filled in
 */
public record PolicySet(String name, List<Policy> policies) {
  public static final String DEFAULT_NAME =
      "default (classpath:" + PolicyFactory.DEFAULT_RESOURCE + ")";

  public PolicySet {
    policies = List.copyOf(policies);
  }

  /** A policies file ({@link PolicyLoader} names the offending field when it does not parse). */
  public static PolicySet load(Path file) {
    return new PolicySet(file.toString(), PolicyLoader.load(file));
  }

  /** What the services load when {@code vigil.policies.file} is unset. */
  public static PolicySet defaults() {
    try (InputStream in =
        PolicySet.class.getClassLoader().getResourceAsStream(PolicyFactory.DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "no " + PolicyFactory.DEFAULT_RESOURCE + " on the classpath (vigil-platform)");
      }
      return new PolicySet(DEFAULT_NAME, PolicyLoader.load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
