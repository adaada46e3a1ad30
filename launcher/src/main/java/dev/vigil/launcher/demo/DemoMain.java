package dev.vigil.launcher.demo;

import com.github.dockerjava.api.DockerClient;
import dev.vigil.launcher.DevOptions;
import dev.vigil.launcher.DevStack;
import dev.vigil.launcher.DockerProbe;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * {@code ./vigil demo [--service app] [--path success|failure|both] [--data-dir DIR] [--port N]
 * [--keep-running]}: starts the local stack (its own data directory and free ports, so it runs next
 * to {@code ./vigil dev}), plays the EventPulse scenario and prints each incident's timeline.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    String service = "app";
    String path = "both";
    Path dataDir = Path.of(".vigil-dev", "demo");
    int port = 0;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--service" -> service = args[++i];
        case "--path" -> path = args[++i];
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--keep-running" -> keep = true;
        case "-h", "--help" -> {
          System.out.println(
              "usage: vigil demo [--service app] [--path success|failure|both] [--data-dir DIR]"
                  + " [--port N] [--keep-running]");
          return;
        }
        default -> {
          System.err.println("vigil demo: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "vigil-dev-logback.xml");
    }
    boolean docker = DockerProbe.available();
    System.out.println(
        docker
            ? "[demo] Docker daemon at " + DockerProbe.host() + ": acting on real containers"
            : "[demo] no Docker daemon answers at "
                + DockerProbe.host()
                + ": running in DRY-RUN (Vigil records what it would do)");
    DevOptions options = demoOptions(dataDir, port, !docker);
    int exit;
    try {
      exit = run(options, docker, service, path, keep);
    } catch (Exception e) {
      System.err.println("[demo] failed: " + e);
      exit = 1;
    }
    // the embedded servers leave non-daemon threads behind: end the JVM explicitly
    System.exit(exit);
  }

  private static int run(
      DevOptions options, boolean docker, String service, String path, boolean keep)
      throws Exception {
    int exit = 0;
    try (DevStack stack = DevStack.start(options);
        DockerClient client = docker ? DockerProbe.client() : null) {
      System.out.println(
          "[demo] Vigil is up at " + stack.baseUrl() + " (dev token " + stack.devToken() + ")");
      EventPulseScenario scenario =
          new EventPulseScenario(
              new dev.vigil.launcher.demo.VigilHttp(stack.baseUrl(), stack.devToken()),
              client,
              System.out);
      if (!path.equals("failure")) {
        DemoOutcome ok = scenario.success(service);
        exit |= ok.dryRun() || "resolved".equalsIgnoreCase(ok.incidentStatus()) ? 0 : 1;
      }
      if (!path.equals("success")) {
        DemoOutcome failed = scenario.failure(service);
        if (failed != null) {
          exit |= "failed".equalsIgnoreCase(failed.incidentStatus()) ? 0 : 1;
        }
      }
      System.out.println(exit == 0 ? "[demo] done" : "[demo] an outcome differed from the script");
      if (keep) {
        System.out.println("[demo] still running at " + stack.baseUrl() + "; Ctrl-C stops it");
        Thread.currentThread().join();
      }
    }
    return exit;
  }

  /** The stack of a demo: free ports for everything but the HTTP port asked for. */
  public static DevOptions demoOptions(Path dataDir, int httpPort, boolean dryRun)
      throws IOException {
    return new DevOptions(
        dataDir.toAbsolutePath().normalize(),
        true,
        httpPort,
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        freePort(),
        false,
        null,
        dryRun,
        System.getenv().getOrDefault("VIGIL_DEV_TOKEN", "dev-token"));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
