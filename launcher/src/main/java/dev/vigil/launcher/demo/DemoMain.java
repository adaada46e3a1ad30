package dev.vigil.launcher.demo;

import com.github.dockerjava.api.DockerClient;
import dev.vigil.launcher.DataDirs;
import dev.vigil.launcher.DevOptions;
import dev.vigil.launcher.DevStack;
import dev.vigil.launcher.DockerProbe;
import dev.vigil.launcher.demo.live.AlertRules;
import dev.vigil.launcher.demo.live.Binaries;
import dev.vigil.launcher.demo.live.LiveDemo;
import dev.vigil.launcher.demo.live.LiveOptions;
import dev.vigil.launcher.demo.live.LiveTimings;
import dev.vigil.launcher.demo.live.LoadProfile;
import dev.vigil.temporaldev.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./vigil demo [--live] [--service app] [--path success|failure|both] [--data-dir DIR]
 * [--port N] [--keep-running] [--rules FILE]}: starts the local stack (its own data directory and
 * free ports, so it runs next to {@code ./vigil dev}), plays the EventPulse scenario and prints
 * each incident's timeline. Without {@code --live} the demo posts the alerts itself; with it the
 * alerts come from real Prometheus rules over real load ({@link LiveDemo}).
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    String service = "app";
    String path = "both";
    Path dataDir = null;
    int port = 0;
    boolean keep = false;
    boolean live = false;
    Path rules = AlertRules.SHIPPED;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--service" -> service = args[++i];
        case "--path" -> path = args[++i];
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--keep-running" -> keep = true;
        case "--live" -> live = true;
        case "--rules" -> rules = Path.of(args[++i]);
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> {
          System.err.println("vigil demo: unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (live) {
      dataDir = dataDir == null ? Path.of(".vigil-dev", "demo-live") : dataDir;
      System.exit(live(service, path, dataDir, port, rules));
      return;
    }
    dataDir = dataDir == null ? Path.of(".vigil-dev", "demo") : dataDir;
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

  static final String USAGE =
      """
      usage: vigil demo [--live] [--service app] [--path success|failure|both] [--data-dir DIR]
                        [--port N] [--keep-running] [--rules FILE]
        --live       the closed loop on real parts: Docker replicas behind HAProxy, load from hey,
                     Prometheus rules (--rules, default examples/prometheus/eventpulse-rules.yml)
                     and Alertmanager; needs a Docker daemon and the Debian packages haproxy, hey,
                     prometheus, prometheus-alertmanager, busybox-static
        --path       which paths to play (default both)
        --data-dir   default .vigil-dev/demo (.vigil-dev/demo-live with --live: live.log, live.svg)
        --keep-running  (without --live) keep Vigil running after the demo""";

  /** {@code --live}: checks what it needs, runs {@link LiveDemo}, answers the exit code. */
  private static int live(String service, String path, Path dataDir, int port, Path rules) {
    Path data = dataDir.toAbsolutePath().normalize();
    try {
      DataDirs.wipe(data); // the previous run's; before logging opens vigil.log in it
    } catch (IOException e) {
      System.err.println("vigil demo --live: cannot clear " + data + ": " + e);
      return 2;
    }
    // Vigil's own logs go to a file: the console is the demo's transcript
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("vigil.live.log", data.resolve("vigil.log").toString());
      System.setProperty("logback.configurationFile", "vigil-live-logback.xml");
    }
    List<String> missing = new ArrayList<>(Binaries.missingPackages());
    if (!Files.isExecutable(
        Path.of(System.getenv().getOrDefault("VIGIL_BUSYBOX", "/bin/busybox")))) {
      missing.add("busybox-static");
    }
    if (!DockerProbe.available()) {
      System.err.println(
          "vigil demo --live: no Docker daemon answers at "
              + DockerProbe.host()
              + " (./vigil test starts one as root; plain ./vigil demo runs without Docker)");
      return 2;
    }
    if (!missing.isEmpty()) {
      System.err.println(
          "vigil demo --live: missing programs; apt-get install -y --no-install-recommends "
              + String.join(" ", missing));
      return 2;
    }
    if (!Files.isRegularFile(rules)) {
      System.err.println("vigil demo --live: no rules file " + rules + " (run from the repo root)");
      return 2;
    }
    LiveOptions options =
        new LiveOptions(
            service,
            path,
            data,
            rules.toAbsolutePath().normalize(),
            port,
            LiveTimings.demo(),
            LoadProfile.demo());
    try {
      return LiveDemo.run(options, System.out).ok() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("[live] failed: " + e);
      return 1;
    }
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
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        LoopbackPorts.free(),
        false,
        null,
        dryRun,
        System.getenv().getOrDefault("VIGIL_DEV_TOKEN", "dev-token"));
  }
}
