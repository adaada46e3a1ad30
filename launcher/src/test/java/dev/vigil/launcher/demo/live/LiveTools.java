package dev.vigil.launcher.demo.live;

import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian programs the live tests run: a missing one skips the test with what to install, or
 * fails it where the machine must have them ({@code CI=true} or {@code VIGIL_REQUIRE_DOCKER=true}:
 * {@code ./vigil test} installs them).
 */
final class LiveTools {
  private LiveTools() {}

  static Path require(String program, String debianPackage) {
    return Binaries.find(program).orElseGet(() -> missing(program + " (" + debianPackage + ")"));
  }

  static void requireAll() {
    if (!Binaries.missingPackages().isEmpty()) {
      missing(String.join(", ", Binaries.missingPackages()));
    }
  }

  private static Path missing(String what) {
    String message =
        "not installed: " + what + " (apt-get install it, or run ./vigil test as root)";
    if ("true".equals(System.getenv("CI"))
        || "true".equalsIgnoreCase(System.getenv("VIGIL_REQUIRE_DOCKER"))) {
      Assertions.fail(message + " -- required here");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
    return null;
  }
}
