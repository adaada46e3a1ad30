package dev.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.temporaldev.LocalTemporal;
import dev.vigil.temporaldev.LoopbackPorts;
import dev.vigil.testkit.TestPostgres;
import dev.vigil.worker.support.WorkerContexts;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The worker starts while Temporal is down (a deploy racing the Temporal frontend): the service
 * runs, not ready, and begins polling once Temporal answers. A second test server is started late
 * on the port the worker was given.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LateTemporalIT {

  @Test
  void temporalDownAtStart_workerWaits_thenPollsOnceItAnswers() {
    int port = LoopbackPorts.free();
    Map<String, Object> props =
        WorkerContexts.properties(
            "late-temporal-it", TestPostgres.newDatabase("late_temporal"), "late");
    props.put("vigil.temporal.target", "127.0.0.1:" + port);
    props.put("vigil.worker.start-retry", "200ms");

    try (ApplicationContext worker = ApplicationContext.run(props)) {
      TemporalWorker temporalWorker = worker.getBean(TemporalWorker.class);
      assertThat(temporalWorker.state()).isEqualTo(TemporalWorker.State.CONNECTING);

      try (LocalTemporal late = LocalTemporal.startWithoutSearchAttributes(port)) {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> temporalWorker.state() == TemporalWorker.State.POLLING);
      }
    }
  }
}
