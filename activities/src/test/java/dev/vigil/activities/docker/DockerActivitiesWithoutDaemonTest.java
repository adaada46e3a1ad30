package dev.vigil.activities.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vigil.activities.journal.InMemoryActionJournal;
import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.DockerActivities;
import dev.vigil.workflows.workflow.ResourceRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failure classification that needs no daemon: the configured host is a socket that does not exist,
 * so these run everywhere (real-daemon behaviour is in {@link DockerActivitiesImplTest}).
 */
@Timeout(60)
class DockerActivitiesWithoutDaemonTest {
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void unreachableDaemon_isRetryable() {
    ApplicationFailure failure = failureOf(() -> activities(true).scaleService(scale("2", null)));

    assertThat(failure.getType()).isEqualTo(DockerFailures.DOCKER_UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("unreachable");
  }

  @Test
  void dryRun_withoutADaemon_plansFromTheParams_andSaysTheStateIsUnknown() {
    ActionResult plan = activities(true).scaleService(scale("2", null, true));

    assertThat(plan.outcome()).isEqualTo(ActionResult.Outcome.WOULD_DO);
    assertThat(plan.summary())
        .startsWith("would scale docker service app to 2 replicas")
        .contains("current state unknown", "does not answer");
  }

  @Test
  void badParams_areInvalidParams_beforeTheDaemonIsAsked() {
    DockerActivities actions = activities(true);

    assertThat(failureOf(() -> actions.scaleService(scale("-1", null))).getType())
        .isEqualTo(ActionErrors.INVALID_PARAMS);
    assertThat(failureOf(() -> actions.scaleService(scale("many", null))).getType())
        .isEqualTo(ActionErrors.INVALID_PARAMS);
    ApplicationFailure tooMany = failureOf(() -> actions.scaleService(scale("99", null)));
    assertThat(tooMany.getOriginalMessage()).contains("between 0 and 5");
    assertThat(tooMany.isNonRetryable()).isTrue();
    assertThat(failureOf(() -> actions.scaleService(scale("2", "soon"))).getType())
        .isEqualTo(ActionErrors.INVALID_PARAMS);
  }

  @Test
  void switchedOff_isUnsupportedAction() {
    DockerActivities actions = activities(false);

    for (Runnable call :
        List.<Runnable>of(
            () -> actions.scaleService(scale("2", null)),
            () -> actions.restartContainer(scale("2", null)))) {
      ApplicationFailure failure = failureOf(call);
      assertThat(failure.getType()).isEqualTo(ActionErrors.UNSUPPORTED_ACTION);
      assertThat(failure.isNonRetryable()).isTrue();
    }
  }

  private DockerActivities activities(boolean enabled) {
    DockerConfig config =
        new DockerConfig(
            enabled,
            "unix:///tmp/vigil-no-docker-" + UUID.randomUUID() + ".sock",
            5,
            Duration.ofSeconds(5),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            "127.0.0.1",
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    DockerServices services =
        new DockerServices(DockerClientFactory.create(config), config, List.of());
    env.registerActivitiesImplementations(
        new DockerActivitiesImpl(
            config, services, new ReplicaReadiness(services, config), new InMemoryActionJournal()));
    return env.newActivityStub(
        DockerActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private static ActionRequest scale(String replicas, String readinessTimeout) {
    return scale(replicas, readinessTimeout, false);
  }

  private static ActionRequest scale(String replicas, String readinessTimeout, boolean dryRun) {
    Map<String, String> params = new HashMap<>();
    params.put("replicas", replicas);
    if (readinessTimeout != null) {
      params.put("readinessTimeout", readinessTimeout);
    }
    return new ActionRequest(
        new ActionContext(
            "remediation:docker/service/app",
            "incident-" + UUID.randomUUID(),
            "docker/service/app",
            1,
            1,
            ActionContext.Kind.ACTION,
            dryRun),
        new ResourceRef("docker/service/app", "docker/service", "default", null, "app", Map.of()),
        "docker.scale",
        "self",
        params);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }
}
