package dev.vigil.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The launcher's data directories. No logger here: the demos clear their directory before logging
 * is configured (a log file opened in it would be deleted under the logger).
 */
public final class DataDirs {
  private DataDirs() {}

  /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
  public static void wipe(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
