package dev.vigil.kafkadev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts child processes in their own session ({@code setsid}, which execs in place so the pid
 * stays the same): a terminal's Ctrl-C then reaches only the launcher, which stops the children
 * after the services that use them instead of all at once.
 */
public final class ChildSession {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ChildSession() {}

  public static List<String> prefix() {
    return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
  }
}
