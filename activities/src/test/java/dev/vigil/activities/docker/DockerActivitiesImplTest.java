package dev.vigil.activities.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import dev.vigil.activities.journal.InMemoryActionJournal;
import dev.vigil.testkit.TestDocker;
import dev.vigil.testkit.TestImages;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code docker.scale} and {@code docker.restart} against the REAL local Docker daemon (skipped
 * with a reason where none answers, failing instead under {@code VIGIL_REQUIRE_DOCKER=true}). Each
 * test runs its own service (unique name, own port block, busybox httpd on host networking) and
 * removes its containers. Activities run in temporal-testing's {@link TestActivityEnvironment}, so
 * heartbeats are real; the journal is the in-memory double (the JDBC one has its own tests).
 */
@Timeout(120)
class DockerActivitiesImplTest {
  private static final Duration READINESS = Duration.ofSeconds(15);
  private static final AtomicInteger KEYS = new AtomicInteger();

  private final String service = "vt" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();
  private final List<TestActivityEnvironment> environments = new ArrayList<>();
  private int basePort;
  private String image;
  private DockerClient docker;
  private DockerClient activityDocker;

  @BeforeEach
  void requireDocker() {
    TestDocker.assumeAvailable();
    image = TestImages.busyboxHttpd();
    basePort = TestDocker.freePortBlock(6);
    docker = TestDocker.client();
  }

  @AfterEach
  void removeService() throws Exception {
    environments.forEach(TestActivityEnvironment::close);
    if (TestDocker.available()) {
      TestDocker.removeContainersLabelled(ServiceLabels.SERVICE, service);
    }
    if (activityDocker != null) {
      activityDocker.close();
    }
  }

  @Nested
  class Scale {

    @Test
    void scalesOneToThreeToOne_waitingForReadiness_andKeepsTraefikLabels() throws Exception {
      seedReplica(1, healthcheck("/health"));
      DockerActivities actions = activities(config(true), List.of());

      ActionResult up = actions.scaleService(scale(3, false));

      assertThat(up.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
      assertThat(up.affected()).containsExactly(service + "-1", service + "-2", service + "-3");
      assertThat(up.details())
          .containsEntry("previous", "1")
          .containsEntry("desired", "3")
          .containsEntry("ready", "3")
          .containsEntry("created", service + "-2," + service + "-3");
      assertThat(up.summary()).isEqualTo("scaled docker service " + service + " 1 -> 3 (3 ready)");
      assertThat(heartbeats).isNotEmpty().allMatch(h -> h.startsWith("docker service " + service));
      for (int slot = 1; slot <= 3; slot++) {
        int port = basePort + slot - 1;
        assertThat(httpGet(port, "/health"))
            .as("replica %d answers on %d", slot, port)
            .isEqualTo(200);
        InspectContainerResponse replica = docker.inspectContainerCmd(service + "-" + slot).exec();
        assertThat(replica.getState().getHealth().getStatus()).isEqualTo("healthy");
        assertThat(replica.getConfig().getLabels())
            .containsEntry("traefik.enable", "true")
            .containsEntry(
                "traefik.http.routers." + service + ".rule", "Host(`" + service + ".local`)")
            .containsEntry(
                "traefik.http.services." + service + ".loadbalancer.server.port",
                String.valueOf(port))
            .containsEntry(ServiceLabels.SLOT, String.valueOf(slot));
        assertThat(replica.getConfig().getEnv()).contains("PORT=" + port);
        assertThat(replica.getHostConfig().getNetworkMode()).isEqualTo("host");
      }

      ActionResult down = actions.scaleService(scale(1, false));

      assertThat(down.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
      assertThat(down.affected()).containsExactly(service + "-1");
      assertThat(down.details())
          .containsEntry("previous", "3")
          .containsEntry("removed", service + "-3," + service + "-2");
      assertThat(containerNames()).containsExactly(service + "-1");
    }

    @Test
    void retryAfterAPartialTry_convergesOnN_neverNPlusOne() {
      seedReplica(1, healthcheck("/health"));
      DockerActivities actions = activities(config(true), List.of());
      // An earlier try of this scale created slot 2 and died before starting it.
      DockerServices services = new DockerServices(activityDocker, config(true), List.of());
      ServiceTemplate template =
          ServiceTemplate.fromReplica(docker.inspectContainerCmd(service + "-1").exec());
      docker
          .createContainerCmd(template.image())
          .withName(service + "-2")
          .withLabels(template.labelsFor(service, 2))
          .withEnv(template.envFor(2))
          .withCmd(template.cmd())
          .withHealthcheck(template.healthcheck())
          .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"))
          .exec();
      assertThat(services.replicas(service)).hasSize(2);

      ActionResult retried = actions.scaleService(scale(3, false));
      ActionResult again = actions.scaleService(scale(3, false));

      assertThat(retried.affected())
          .containsExactly(service + "-1", service + "-2", service + "-3");
      assertThat(retried.details())
          .containsEntry("previous", "2")
          .containsEntry("started", service + "-2")
          .containsEntry("created", service + "-3");
      assertThat(again.outcome()).isEqualTo(ActionResult.Outcome.UNCHANGED);
      assertThat(again.summary())
          .isEqualTo("docker service " + service + " already at 3 replicas (3 ready)");
      assertThat(containerNames()).hasSize(3);
    }

    @Test
    void twoConcurrentTriesOfTheSameScale_leaveExactlyN() {
      seedReplica(1, healthcheck("/health"));
      DockerActivities first = activities(config(true), List.of());
      DockerActivities second = activities(config(true), List.of());
      ActionRequest request = scale(4, false);

      CompletableFuture<ActionResult> a =
          CompletableFuture.supplyAsync(() -> first.scaleService(request));
      CompletableFuture<ActionResult> b =
          CompletableFuture.supplyAsync(() -> second.scaleService(request));

      assertThat(a.join().affected()).hasSize(4);
      assertThat(b.join().affected()).hasSize(4);
      assertThat(containerNames())
          .containsExactly(service + "-1", service + "-2", service + "-3", service + "-4");
    }

    @Test
    void replicaThatNeverGetsHealthy_failsNotReady_namingReplicaStatusAndTimeout() {
      // Slot 1 serves /health; the template's HEALTHCHECK asks for a path that does not exist,
      // so every replica stays unhealthy.
      seedReplica(1, healthcheck("/missing"));
      // A short heartbeat timeout: the SDK throttles heartbeats to 80% of it.
      DockerActivities actions = activities(config(true), List.of(), Duration.ofSeconds(1));
      ActionRequest request = scale(2, false, Map.of("readinessTimeout", "2s"));

      ApplicationFailure failure = failureOf(() -> actions.scaleService(request));

      assertThat(failure.getType()).isEqualTo(ActionErrors.NOT_READY);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage())
          .startsWith("docker service " + service + " not ready within 2s (waited 2s")
          .contains(service + "-2: health ")
          .contains("last check exit 1")
          .contains("404");
      assertThat(heartbeats).anyMatch(h -> h.contains("waiting for"));
    }

    @Test
    void replicaThatExits_failsNotReadyAtOnce_withItsExitCode() {
      // Only the replica on the base port serves; the others exit with code 3.
      seedReplica(
          1,
          null,
          List.of(
              "sh",
              "-c",
              "if [ \"$PORT\" = \""
                  + basePort
                  + "\" ]; then exec busybox httpd -f -p 127.0.0.1:$PORT -h /www; else exit 3; fi"));
      DockerActivities actions = activities(config(true), List.of());

      ApplicationFailure failure = failureOf(() -> actions.scaleService(scale(2, false)));

      assertThat(failure.getType()).isEqualTo(ActionErrors.NOT_READY);
      assertThat(failure.getOriginalMessage())
          .contains("not ready after")
          .contains(service + "-2: exited with code 3");
    }

    @Test
    void probeLabel_makesReadinessWaitForTheHttpEndpoint() {
      seedReplica(1, null);
      DockerActivities actions = activities(config(true), List.of());

      ActionResult result = actions.scaleService(scale(2, false));

      assertThat(result.details()).containsEntry("ready", "2");
      assertThat(httpGet(basePort + 1, "/health")).isEqualTo(200);
    }

    @Test
    void serviceWithoutReplicas_isCreatedFromTheConfiguredTemplate() {
      DockerServiceConfig template =
          new DockerServiceConfig(
              service,
              image,
              List.of("sh", "-c", "exec busybox httpd -f -p 127.0.0.1:$PORT -h /www"),
              null,
              List.of("GREETING=hello"),
              List.of("traefik.enable=true"),
              "host",
              basePort,
              "/health",
              List.of("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:$PORT/health"),
              Duration.ofMillis(250),
              Duration.ofSeconds(1),
              3,
              null);
      DockerActivities actions = activities(config(true), List.of(template));

      ActionResult result = actions.scaleService(scale(2, false));

      assertThat(result.details()).containsEntry("previous", "0").containsEntry("ready", "2");
      InspectContainerResponse second = docker.inspectContainerCmd(service + "-2").exec();
      assertThat(second.getConfig().getLabels())
          .containsEntry("traefik.enable", "true")
          .containsEntry(ServiceLabels.PORT, String.valueOf(basePort));
      assertThat(second.getConfig().getEnv()).contains("GREETING=hello", "PORT=" + (basePort + 1));
    }

    @Test
    void dryRun_plansTheScale_andChangesNothing() {
      seedReplica(1, healthcheck("/health"));
      DockerActivities actions = activities(config(true), List.of());

      ActionResult plan = actions.scaleService(scale(2, true));

      assertThat(plan.outcome()).isEqualTo(ActionResult.Outcome.WOULD_DO);
      assertThat(plan.summary())
          .isEqualTo("would scale docker service " + service + " from 1 to 2 replicas");
      assertThat(containerNames()).containsExactly(service + "-1");
    }
  }

  @Nested
  class Restart {

    @Test
    void restartsEveryReplicaOneByOne_andWaitsForReadiness() {
      seedReplica(1, healthcheck("/health"));
      seedReplica(2, healthcheck("/health"));
      String firstStart = startedAt(service + "-1");
      String secondStart = startedAt(service + "-2");
      DockerActivities actions = activities(config(true), List.of());

      ActionResult result = actions.restartContainer(restart(Map.of()));

      assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
      assertThat(result.affected()).containsExactly(service + "-1", service + "-2");
      assertThat(startedAt(service + "-1")).isNotEqualTo(firstStart);
      assertThat(startedAt(service + "-2")).isNotEqualTo(secondStart);
      assertThat(health(service + "-1")).isEqualTo("healthy");
      assertThat(health(service + "-2")).isEqualTo("healthy");
      assertThat(heartbeats).anyMatch(h -> h.contains("restarting " + service + "-1"));
    }

    @Test
    void restartsOnlyTheNamedContainer() {
      seedReplica(1, null);
      seedReplica(2, null);
      String firstStart = startedAt(service + "-1");
      DockerActivities actions = activities(config(true), List.of());

      ActionResult result = actions.restartContainer(restart(Map.of("container", service + "-2")));

      assertThat(result.affected()).containsExactly(service + "-2");
      assertThat(startedAt(service + "-1")).isEqualTo(firstStart);
    }

    @Test
    void unknownContainer_isTargetNotFound() {
      seedReplica(1, null);
      DockerActivities actions = activities(config(true), List.of());

      ApplicationFailure failure =
          failureOf(() -> actions.restartContainer(restart(Map.of("container", "nope"))));

      assertThat(failure.getType()).isEqualTo(ActionErrors.TARGET_NOT_FOUND);
      assertThat(failure.getOriginalMessage()).contains("no container 'nope'", service + "-1");
    }
  }

  @Nested
  class Errors {

    @Test
    void unknownService_isTargetNotFound() {
      DockerActivities actions = activities(config(true), List.of());

      ApplicationFailure failure = failureOf(() -> actions.scaleService(scale(2, false)));

      assertThat(failure.getType()).isEqualTo(ActionErrors.TARGET_NOT_FOUND);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("no docker service '" + service + "'");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private DockerConfig config(boolean enabled) {
    return new DockerConfig(
        enabled,
        TestDocker.host(),
        5,
        READINESS,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        "127.0.0.1",
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        Duration.ofSeconds(60));
  }

  private DockerActivities activities(DockerConfig config, List<DockerServiceConfig> templates) {
    return activities(config, templates, Duration.ofSeconds(10));
  }

  private DockerActivities activities(
      DockerConfig config, List<DockerServiceConfig> templates, Duration heartbeatTimeout) {
    if (activityDocker == null) {
      activityDocker = DockerClientFactory.create(config);
    }
    DockerClient client =
        config.host().equals(TestDocker.host())
            ? activityDocker
            : DockerClientFactory.create(config);
    DockerServices services = new DockerServices(client, config, templates);
    DockerActivitiesImpl impl =
        new DockerActivitiesImpl(
            config, services, new ReplicaReadiness(services, config), new InMemoryActionJournal());
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    environments.add(env);
    env.registerActivitiesImplementations(impl);
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
    return env.newActivityStub(
        DockerActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setHeartbeatTimeout(heartbeatTimeout)
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /** A replica as an operator would start it, following the port convention. */
  private void seedReplica(int slot, HealthCheck healthcheck) {
    seedReplica(
        slot, healthcheck, List.of("sh", "-c", "exec busybox httpd -f -p 127.0.0.1:$PORT -h /www"));
  }

  private void seedReplica(int slot, HealthCheck healthcheck, List<String> cmd) {
    int port = basePort + slot - 1;
    Map<String, String> labels = new HashMap<>();
    labels.put(ServiceLabels.SERVICE, service);
    labels.put(ServiceLabels.SLOT, String.valueOf(slot));
    labels.put(ServiceLabels.PORT, String.valueOf(basePort));
    labels.put(ServiceLabels.PROBE_PATH, "/health");
    labels.put("traefik.enable", "true");
    labels.put("traefik.http.routers." + service + ".rule", "Host(`" + service + ".local`)");
    labels.put(
        "traefik.http.services." + service + ".loadbalancer.server.port", String.valueOf(port));
    var create =
        docker
            .createContainerCmd(image)
            .withName(service + "-" + slot)
            .withLabels(labels)
            .withEnv("PORT=" + port)
            .withCmd(cmd)
            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host"));
    if (healthcheck != null) {
      create.withHealthcheck(healthcheck);
    }
    String id = create.exec().getId();
    docker.startContainerCmd(id).exec();
  }

  private static HealthCheck healthcheck(String path) {
    return new HealthCheck()
        .withTest(List.of("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:$PORT" + path))
        .withInterval(Duration.ofMillis(250).toNanos())
        .withTimeout(Duration.ofSeconds(1).toNanos())
        .withRetries(2);
  }

  private ActionRequest scale(int replicas, boolean dryRun) {
    return scale(replicas, dryRun, Map.of());
  }

  private ActionRequest scale(int replicas, boolean dryRun, Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(extra);
    params.put("replicas", String.valueOf(replicas));
    return request("docker.scale", dryRun, params);
  }

  private ActionRequest restart(Map<String, String> params) {
    return request("docker.restart", false, params);
  }

  private ActionRequest request(String action, boolean dryRun, Map<String, String> params) {
    String resourceId = "docker/service/" + service;
    ActionContext context =
        new ActionContext(
            "remediation:" + resourceId,
            "incident-" + service,
            resourceId,
            1,
            KEYS.incrementAndGet(),
            ActionContext.Kind.ACTION,
            dryRun);
    return new ActionRequest(
        context,
        new ResourceRef(resourceId, "docker/service", "default", null, service, Map.of()),
        action,
        "self",
        params);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  private List<String> containerNames() {
    List<Container> containers =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(ServiceLabels.SERVICE, service))
            .exec();
    return containers.stream()
        .map(c -> c.getNames()[0].substring(1))
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private String startedAt(String name) {
    return docker.inspectContainerCmd(name).exec().getState().getStartedAt();
  }

  private String health(String name) {
    return docker.inspectContainerCmd(name).exec().getState().getHealth().getStatus();
  }

  private static int httpGet(int port, String path) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new AssertionError("GET http://127.0.0.1:" + port + path + " failed", e);
    }
  }
}
