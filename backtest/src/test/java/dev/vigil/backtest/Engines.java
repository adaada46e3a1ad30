package dev.vigil.backtest;

/**
 * One {@link Engine} (embedded PostgreSQL and the services' context) for every test of this JVM:
 * each replay empties its tables first, so tests share it safely one after another.
 */
public final class Engines {
  private static Engine engine;

  private Engines() {}

  public static synchronized Engine shared() {
    if (engine == null) {
      engine = Engine.start();
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "backtest-engine-stop"));
    }
    return engine;
  }
}
