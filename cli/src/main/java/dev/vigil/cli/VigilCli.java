package dev.vigil.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vigil}: the operator CLI over the REST API. Exit codes are {@link ExitCodes}; errors are
 * one line on stderr.
 */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCli.Version.class,
    description =
        "Operate Vigil from a shell: fleet health, resources, incidents, events, repairs.",
    subcommands = {
      FleetCommand.class,
      GetCommand.class,
      DescribeCommand.class,
      EventsCommand.class,
      ChangesCommand.class,
      MitigationCommands.Cancel.class,
      MitigationCommands.Approve.class,
      MitigationCommands.Reject.class,
      ActCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  ok",
      "  1  the server answered with another error (409, 429, 5xx), or act --wait ended badly",
      "  2  usage: bad flags or arguments, or input the server refused (400)",
      "  3  not found (404)",
      "  4  unauthorized or forbidden (401, 403)",
      "  5  the server could not be reached"
    })
public final class VigilCli implements Runnable {
  private final Map<String, String> env;
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public VigilCli(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  Map<String, String> env() {
    return env;
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, System.getenv(), Clock.systemUTC(), out, err));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(
      String[] args, Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(env, clock);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  static CommandLine commandLine(Map<String, String> env, Clock clock) {
    CommandLine cli = new CommandLine(new VigilCli(env, clock));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr()
              .println(
                  "vigil: "
                      + ex.getMessage()
                      + " (see '"
                      + cmd.getCommandSpec().qualifiedName()
                      + " --help')");
          cmd.getErr().flush();
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          int code;
          String message;
          if (ex instanceof CliException e) {
            code = e.exitCode();
            message = e.getMessage();
          } else if (ex instanceof IllegalArgumentException) {
            code = ExitCodes.USAGE;
            message = ex.getMessage();
          } else {
            code = ExitCodes.SERVER_ERROR;
            message = ex.toString();
          }
          cmd.getErr().println("vigil: " + message);
          cmd.getErr().flush();
          return code;
        });
    return cli;
  }

  /** The version from the jar's manifest, or "dev" from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = VigilCli.class.getPackage().getImplementationVersion();
      return new String[] {"vigil " + (v == null ? "dev" : v)};
    }
  }
}
