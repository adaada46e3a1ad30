package dev.vigil.launcher.demo.live;

/**
 * The load {@code hey} puts on the service through the balancer: {@code workers} connections, each
 * at most {@code perWorkerRate} requests a second, each request burning {@code workMs} ms of the
 * serving replica's CPU (plus the fork of the CGI). The default, 4 x 14 req/s x (10 ms + about 2.5
 * ms), is about 70% of a core on one replica (HighCPU) and 35% on each of two (neither).
 */
public record LoadProfile(int workers, int perWorkerRate, int workMs) {
  public static LoadProfile demo() {
    return new LoadProfile(6, 10, 10);
  }

  public int requestsPerSecond() {
    return workers * perWorkerRate;
  }
}
