package dev.vigil.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command that talks to the API has: where, how to print, which config. */
public final class ClientOptions {
  /** How answers are printed. */
  public enum Output {
    table,
    json
  }

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The Vigil API (env VIGIL_SERVER, config file 'server'; default "
              + CliConfig.DEFAULT_SERVER
              + ").")
  String server;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default) or json.")
  Output output = Output.table;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Config file with 'server = URL' and 'token = TOKEN' lines (env VIGIL_CONFIG; default"
              + " ~/.config/vigil/config). The token: env VIGIL_TOKEN, else the file.")
  Path config;

  VigilCli root() {
    return (VigilCli) mixee.root().userObject();
  }

  ApiClient client() {
    return new ApiClient(CliConfig.resolve(server, config, root().env()));
  }

  PrintWriter out() {
    return mixee.commandLine().getOut();
  }

  PrintWriter err() {
    return mixee.commandLine().getErr();
  }

  Instant now() {
    return root().clock().instant();
  }

  boolean json() {
    return output == Output.json;
  }

  /** Prints {@code value} as indented JSON. */
  void printJson(Object value) {
    try {
      out()
          .println(
              ApiClient.JSON
                  .writer()
                  .with(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(value));
      out().flush();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
