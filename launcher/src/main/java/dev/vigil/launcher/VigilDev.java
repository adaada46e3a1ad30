package dev.vigil.launcher;

import java.util.concurrent.CountDownLatch;

/**
 * {@code ./vigil dev}: runs Vigil locally until Ctrl-C or SIGTERM. See {@link DevOptions#USAGE}.
 */
public final class VigilDev {
  private VigilDev() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(DevOptions.USAGE);
      return;
    }
    DevOptions options;
    try {
      options = DevOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("vigil dev: " + e.getMessage());
      System.err.print(DevOptions.USAGE);
      System.exit(2);
      return;
    }
    DevLogging.configure(options.dataDir());
    CountDownLatch stopped = new CountDownLatch(1);
    DevStack[] holder = new DevStack[1];
    Thread hook =
        new Thread(
            () -> {
              synchronized (holder) {
                if (holder[0] != null) {
                  holder[0].close();
                }
              }
              stopped.countDown();
            },
            "vigil-dev-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    DevStack stack;
    try {
      stack = DevStack.start(options);
    } catch (Exception e) {
      System.err.println("vigil dev: could not start: " + e);
      System.exit(1);
      return;
    }
    synchronized (holder) {
      holder[0] = stack;
    }
    stack.printBanner(System.out);
    stopped.await();
  }
}
