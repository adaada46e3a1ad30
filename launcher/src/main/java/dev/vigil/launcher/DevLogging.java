package dev.vigil.launcher;

import java.nio.file.Path;

/**
 * Points logback at the launcher's configuration (the three service jars each carry a {@code
 * logback.xml}): Vigil at INFO and third parties at WARN on the console. Must run before the first
 * logger is created.
 */
final class DevLogging {
  private DevLogging() {}

  static void configure(Path dataDir) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "vigil-dev-logback.xml");
    }
  }
}
