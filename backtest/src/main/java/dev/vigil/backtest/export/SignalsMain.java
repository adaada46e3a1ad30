package dev.vigil.backtest.export;

import dev.vigil.backtest.BacktestOptions;
import dev.vigil.backtest.BacktestOptions.UsageException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./vigil signals export --since 7d [--bootstrap HOST:PORT] [--topic vigil.signals] [-o
 * FILE]}: Vigil's recent signals as a recorded stream for {@code ./vigil backtest} ({@link
 * SignalsExport}).
 */
public final class SignalsMain {
  public static final String USAGE =
      """
      usage: ./vigil signals export --since 7d [--bootstrap HOST:PORT] [--topic vigil.signals]
                                    [--timeout 2m] [-o FILE]

      Writes the signals ingest put on the topic since then, as JSON lines {"at", "source":
      "signals", "body": <envelope>} that ./vigil backtest --signals FILE replays.
        --since D        how far back, e.g. 7d, 12h (required)
        --bootstrap      Kafka (default: $VIGIL_KAFKA_BOOTSTRAP, else 127.0.0.1:9092)
        --topic          default vigil.signals
        --timeout D      give up reading after D (default 2m)
        -o FILE          write there (default: standard output)
      """;

  private SignalsMain() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "vigil-backtest-logback.xml");
    }
    System.exit(run(args, System.out, System.err, Instant.now()));
  }

  static int run(String[] args, PrintStream out, PrintStream err, Instant now) {
    if (args.length == 0 || !args[0].equals("export")) {
      err.println("vigil signals: the only command is 'export'");
      err.print(USAGE);
      return 2;
    }
    Duration since = null;
    String bootstrap = System.getenv().getOrDefault("VIGIL_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    String topic = "vigil.signals";
    Duration timeout = Duration.ofMinutes(2);
    Path file = null;
    try {
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--since" -> since = BacktestOptions.duration(value(args, ++i, arg), arg);
          case "--bootstrap" -> bootstrap = value(args, ++i, arg);
          case "--topic" -> topic = value(args, ++i, arg);
          case "--timeout" -> timeout = BacktestOptions.duration(value(args, ++i, arg), arg);
          case "-o", "--output" -> file = Path.of(value(args, ++i, arg));
          case "--help", "-h" -> {
            out.print(USAGE);
            return 0;
          }
          default -> throw new UsageException("unknown option '" + arg + "'");
        }
      }
      if (since == null) {
        throw new UsageException("--since is required, e.g. --since 7d");
      }
    } catch (UsageException e) {
      err.println("vigil signals export: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    SignalsExport export = new SignalsExport(bootstrap, topic, timeout);
    try (Writer writer =
        file == null
            ? new OutputStreamWriter(out, StandardCharsets.UTF_8)
            : Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      SignalsExport.Result result = export.export(now.minus(since), writer);
      err.println(
          "exported "
              + result.written()
              + " signals from "
              + topic
              + (result.from() == null ? "" : " (" + result.from() + " .. " + result.to() + ")")
              + (result.skipped() == 0
                  ? ""
                  : ", left out " + result.skipped() + " non-JSON records")
              + (file == null ? "" : " to " + file));
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("vigil signals export: " + e.getMessage());
      return 1;
    }
  }

  private static String value(String[] args, int i, String option) {
    return BacktestOptions.value(args, i, option);
  }
}
