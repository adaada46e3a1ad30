package dev.vigil.launcher.demo.live;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Debian programs the live demo runs, found on the PATH or in {@code /usr/sbin} and {@code
 * /usr/bin} (HAProxy installs to {@code /usr/sbin}, which a non-root PATH may lack).
 */
public final class Binaries {
  /** Program name -> the Debian package that ships it. */
  public static final Map<String, String> PACKAGES = packages();

  private Binaries() {}

  private static Map<String, String> packages() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("haproxy", "haproxy");
    m.put("prometheus", "prometheus");
    m.put("prometheus-alertmanager", "prometheus-alertmanager");
    m.put("hey", "hey");
    return java.util.Collections.unmodifiableMap(m);
  }

  public static Optional<Path> find(String program) {
    List<String> dirs = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(dir);
      }
    }
    dirs.add("/usr/sbin");
    dirs.add("/usr/bin");
    for (String dir : dirs) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static Path require(String program) {
    return find(program)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    program
                        + " not found (apt-get install "
                        + PACKAGES.getOrDefault(program, program)
                        + ")"));
  }

  /** The Debian packages of the programs that are missing, empty when all are there. */
  public static List<String> missingPackages() {
    List<String> missing = new ArrayList<>();
    PACKAGES.forEach(
        (program, pkg) -> {
          if (find(program).isEmpty()) {
            missing.add(pkg);
          }
        });
    return missing;
  }
}
