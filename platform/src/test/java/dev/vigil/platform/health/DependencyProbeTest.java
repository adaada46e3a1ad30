package dev.vigil.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DependencyProbeTest {
  private static final HealthConfig FAST =
      new HealthConfig(Duration.ofMillis(100), Duration.ofMillis(200), true);

  /** A dependency whose behaviour the test switches: answer, fail, or hang. */
  static final class Switchable extends DependencyProbe {
    final AtomicReference<String> mode = new AtomicReference<>("up");
    final CountDownLatch release = new CountDownLatch(1);

    Switchable() {
      super("thing", FAST);
    }

    @Override
    protected void check(Duration timeout) throws Exception {
      switch (mode.get()) {
        case "fail" -> throw new java.net.ConnectException("Connection refused");
        case "hang" -> release.await();
        default -> {}
      }
    }
  }

  @Test
  void aHangingDependency_isReportedDownAtOnce_whileTheCheckStillHangs() {
    Switchable probe = new Switchable();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> status(probe) == HealthStatus.UP);
      probe.mode.set("hang");

      await().atMost(Duration.ofSeconds(5)).until(() -> status(probe) == HealthStatus.DOWN);
      long start = System.nanoTime();
      HealthResult result = Mono.from(probe.getResult()).block();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
      assertThat(result.getName()).isEqualTo("thing");
      assertThat(details(result).get("error").toString()).containsPattern("no answer (within|for)");
    } finally {
      probe.release.countDown();
      probe.stop();
    }
  }

  @Test
  void aFailingDependency_saysWhy_andSinceWhen_thenRecovers() {
    Switchable probe = new Switchable();
    try {
      probe.mode.set("fail");
      await().atMost(Duration.ofSeconds(5)).until(() -> status(probe) == HealthStatus.DOWN);
      HealthResult down = Mono.from(probe.getResult()).block();
      assertThat(details(down).get("error")).isEqualTo("ConnectException: Connection refused");
      Object since = details(down).get("since");

      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> !details(Mono.from(probe.getResult()).block()).get("checkedAt").equals(since));
      assertThat(details(Mono.from(probe.getResult()).block()).get("since"))
          .as("since stays at the first failure while it keeps failing")
          .isEqualTo(since);

      probe.mode.set("up");
      await().atMost(Duration.ofSeconds(5)).until(() -> status(probe) == HealthStatus.UP);
      assertThat(details(Mono.from(probe.getResult()).block())).doesNotContainKey("error");
    } finally {
      probe.stop();
    }
  }

  private static HealthStatus status(DependencyProbe probe) {
    return Mono.from(probe.getResult()).block().getStatus();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(HealthResult result) {
    return (Map<String, Object>) result.getDetails();
  }
}
