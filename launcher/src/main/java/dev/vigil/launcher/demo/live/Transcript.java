package dev.vigil.launcher.demo.live;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the live demo says as it happens, stamped with the seconds since it started, on the console
 * and in its log file ({@code live.log}).
 */
public final class Transcript implements AutoCloseable {
  private final PrintStream console;
  private final Writer log;
  private final long startNanos = System.nanoTime();

  public Transcript(PrintStream console, Path logFile) {
    this.console = console;
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      this.log =
          Files.newBufferedWriter(
              logFile,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seconds since the demo started. */
  public double elapsed() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** One stamped line: {@code [live +12.3s] text}. */
  public void say(String text) {
    line(String.format("[live %+7.1fs] %s", elapsed(), text));
  }

  /** A line as is (headings, timelines). */
  public synchronized void line(String text) {
    console.println(text);
    console.flush();
    try {
      log.write(text);
      log.write('\n');
      log.flush();
    } catch (IOException e) {
      // the console has it; the log file is a copy
    }
  }

  @Override
  public synchronized void close() {
    try {
      log.close();
    } catch (IOException ignored) {
      // nothing left to save
    }
  }
}
