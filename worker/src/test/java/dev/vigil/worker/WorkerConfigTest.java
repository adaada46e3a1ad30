package dev.vigil.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testkit.TestPostgres;
import dev.vigil.worker.support.SharedTemporal;
import dev.vigil.workflows.workflow.RemediationWorkflowOptions;
import io.micronaut.context.ApplicationContext;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker's configuration as application.yml documents it, and what the SDK gets from it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerConfigTest {

  @Test
  void defaults_hostEveryActivity_withVirtualThreads_slots_pollers_cache_andWorkflowDefaults() {
    TestPostgres.Database db = TestPostgres.newDatabase("worker_config");
    try (ApplicationContext ctx = ApplicationContext.run(connection(db))) {
      assertThat(ctx.getBean(ActivityImplementations.class).describe())
          .containsExactly(
              Map.entry("DockerActivities", "DockerActivitiesImpl"),
              Map.entry("KubernetesActivities", "KubernetesActivitiesImpl"),
              Map.entry("PagingActivities", "PagingActivitiesImpl"),
              Map.entry("IncidentActivities", "IncidentActivitiesImpl"),
              Map.entry("LeaseActivities", "LeaseActivitiesImpl"),
              Map.entry("OperatorActionActivities", "OperatorActionActivitiesImpl"));
      WorkerConfig config = ctx.getBean(WorkerConfig.class);
      assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
      assertThat(config.registerSearchAttributes()).isTrue();
      assertThat(config.metrics().latencyBuckets()).contains(Duration.ofMillis(500));
      assertThat(ctx.getBean(RemediationWorkflowConfig.class).toOptions())
          .isEqualTo(RemediationWorkflowOptions.defaults());

      WorkerFactoryOptions factory = WorkerTuning.factoryOptions(config);
      assertThat(factory.isUsingVirtualWorkflowThreads()).isTrue();
      assertThat(factory.getWorkflowCacheSize()).isEqualTo(600);
      WorkerOptions worker = WorkerTuning.workerOptions(config);
      assertThat(worker.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(200);
      assertThat(worker.getMaxConcurrentActivityExecutionSize()).isEqualTo(200);
      assertThat(worker.getMaxConcurrentLocalActivityExecutionSize()).isEqualTo(200);
      assertThat(worker.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(5);
      assertThat(worker.getMaxConcurrentActivityTaskPollers()).isEqualTo(5);
      assertThat(worker.isUsingVirtualThreadsOnActivityWorker()).isTrue();
      assertThat(worker.isUsingVirtualThreadsOnLocalActivityWorker()).isTrue();
      assertThat(worker.isUsingVirtualThreadsOnWorkflowWorker()).isTrue();
      assertThat(worker.getAllowActivityHeartbeatDuringShutdown()).isTrue();
    }
  }

  @Test
  void overrides_reachTheSdkOptions() {
    WorkerConfig config =
        new WorkerConfig(
            false,
            50,
            100,
            8,
            100,
            2,
            2,
            "worker-7",
            true,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            List.of("docker"),
            null);

    assertThat(WorkerTuning.factoryOptions(config).getWorkflowCacheSize()).isEqualTo(50);
    assertThat(WorkerTuning.factoryOptions(config).isUsingVirtualWorkflowThreads()).isFalse();
    WorkerOptions worker = WorkerTuning.workerOptions(config);
    assertThat(worker.getMaxConcurrentActivityExecutionSize()).isEqualTo(8);
    assertThat(worker.getMaxConcurrentActivityTaskPollers()).isEqualTo(2);
    assertThat(worker.getIdentity()).isEqualTo("worker-7");
    assertThat(worker.isUsingVirtualThreadsOnActivityWorker()).isFalse();
  }

  @Test
  void twoImplementationsOfAnActivityInterface_stopTheWorkerAtStart() {
    TestPostgres.Database db = TestPostgres.newDatabase("worker_config_duplicate");
    Map<String, Object> props = connection(db);
    props.put("test.activities.kubernetes", "duplicate");

    assertThatThrownBy(() -> ApplicationContext.run(props).close())
        .rootCause()
        .hasMessageContaining("more than one bean implements KubernetesActivities")
        .hasMessageContaining("KubernetesActivitiesImpl")
        .hasMessageContaining("DuplicateKubernetesActivities");
  }

  private static Map<String, Object> connection(TestPostgres.Database db) {
    Map<String, Object> props = new HashMap<>();
    props.put("vigil.temporal.target", SharedTemporal.target());
    props.put("vigil.temporal.task-queue", "worker-config-test");
    props.put("datasources.default.url", db.jdbcUrl());
    props.put("datasources.default.username", db.user());
    props.put("datasources.default.password", db.password());
    return props;
  }
}
