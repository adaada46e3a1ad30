package dev.vigil.temporaldev;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a local Temporal until Ctrl-C: {@code java -cp ... dev.vigil.temporaldev.TemporalDevMain
 * [--port 7233] [--ui-port 8233] [--data-dir .vigil/temporal] [--no-cli]}.
 */
public final class TemporalDevMain {
  private TemporalDevMain() {}

  public static void main(String[] args) throws Exception {
    int port = 7233;
    int uiPort = 8233;
    Path dataDir = Path.of(".vigil", "temporal");
    boolean preferCli = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--ui-port" -> uiPort = Integer.parseInt(args[++i]);
        case "--data-dir" -> dataDir = Path.of(args[++i]);
        case "--no-cli" -> preferCli = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    DevTemporal temporal = DevTemporal.start(port, uiPort, dataDir, preferCli);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  temporal.close();
                  stopped.countDown();
                },
                "temporal-dev-stop"));
    System.out.println(
        "Temporal ("
            + temporal.kind()
            + ") on "
            + temporal.target()
            + temporal
                .uiUrl()
                .map(u -> ", Web UI " + u)
                .orElse(", no Web UI (install the temporal CLI for one)")
            + "; search attributes registered");
    stopped.await();
  }
}
