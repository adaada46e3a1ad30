package dev.vigil.activities.kubernetes;

import static dev.vigil.activities.kubernetes.KubernetesFixtures.CONFIG;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.NS;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.deployment;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.deploymentRef;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.node;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.nodeRef;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.owner;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.pod;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.podRef;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.replicaSet;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.request;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.statefulSet;
import static dev.vigil.activities.support.ActivityRunner.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.journal.ActionJournal;
import dev.vigil.activities.journal.InMemoryActionJournal;
import dev.vigil.activities.support.ActivityRunner;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.policy.ActionCatalog;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code k8s.*} actions against fabric8's mock API server in CRUD mode: no real API server can
 * run on these machines, and no controllers run against the mock, so each test creates the pods,
 * ReplicaSets and workloads a cluster would hold and checks the objects change as the real API
 * would change them. Activities run through temporal-testing's {@code TestActivityEnvironment}.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(60)
class KubernetesActivitiesImplTest {
  KubernetesMockServer server;
  KubernetesClient mockClient;

  private KubernetesClient client;
  private ActivityRunner runner;
  private KubernetesActivities activities;

  @BeforeEach
  void setUp() {
    // The same server, without fabric8's own resends of 429/5xx: the tests see one answer each.
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(mockClient.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    runner = new ActivityRunner(activities(CONFIG, new InMemoryActionJournal()));
    activities = runner.stub(KubernetesActivities.class);
  }

  @AfterEach
  void tearDown() {
    runner.close();
    client.close();
  }

  private KubernetesActivitiesImpl activities(KubernetesConfig config, ActionJournal journal) {
    return new KubernetesActivitiesImpl(config, client, journal);
  }

  /** api-7c9 (payments) -> ReplicaSet api-7c -> Deployment api with 2 replicas, on node-a. */
  private void givenDeploymentWithPod() {
    client.apps().deployments().resource(deployment("api", 2)).create();
    client.apps().replicaSets().resource(replicaSet("api-7c", "api")).create();
    client
        .pods()
        .resource(pod("api-7c9", "node-a", Map.of("app", "api"), owner("ReplicaSet", "api-7c")))
        .create();
    client.nodes().resource(node("node-a")).create();
  }

  private Deployment deploymentNamed(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private Container apiContainer(String deployment) {
    return deploymentNamed(deployment).getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("api"))
        .findFirst()
        .orElseThrow();
  }

  @Nested
  class DeletePod {
    @Test
    void deletesThePod_soItsControllerRecreatesIt() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.deletePod(
              request(podRef("api-7c9"), ActionCatalog.K8S_DELETE_POD, "self", Map.of()));

      assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(result.summary()).isEqualTo("deleted pod payments/api-7c9");
      assertThat(result.affected()).containsExactly("payments/api-7c9");
      assertThat(result.details()).containsEntry("node", "node-a");
      assertThat(client.pods().inNamespace(NS).withName("api-7c9").get()).isNull();
    }

    @Test
    void dryRun_plansTheDeletion_andLeavesThePod() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.deletePod(
              request(podRef("api-7c9"), ActionCatalog.K8S_DELETE_POD, "self", Map.of(), true));

      assertThat(result.outcome()).isEqualTo(Outcome.WOULD_DO);
      assertThat(result.summary()).isEqualTo("would delete pod payments/api-7c9");
      assertThat(client.pods().inNamespace(NS).withName("api-7c9").get()).isNotNull();
    }

    @Test
    void missingPod_failsNonRetryably_asTargetNotFound() {
      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.deletePod(
                      request(podRef("gone-1"), ActionCatalog.K8S_DELETE_POD, "self", Map.of())));

      assertThat(failure.getType()).isEqualTo(ActionErrors.TARGET_NOT_FOUND);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("pod payments/gone-1 not found");
    }

    @Test
    void nodeResource_isInvalidParams() {
      client.nodes().resource(node("node-a")).create();

      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.deletePod(
                      request(nodeRef("node-a"), ActionCatalog.K8S_DELETE_POD, "self", Map.of())));

      assertThat(failure.getType()).isEqualTo(ActionErrors.INVALID_PARAMS);
    }

    @Test
    void forbidden_failsNonRetryably_asForbidden() {
      server
          .expect()
          .get()
          .withPath("/api/v1/namespaces/payments/pods/api-7c9")
          .andReturn(
              403,
              new StatusBuilder()
                  .withCode(403)
                  .withReason("Forbidden")
                  .withMessage("pods \"api-7c9\" is forbidden: User \"vigil\" cannot get pods")
                  .build())
          .always();

      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.deletePod(
                      request(podRef("api-7c9"), ActionCatalog.K8S_DELETE_POD, "self", Map.of())));

      assertThat(failure.getType()).isEqualTo(ActionErrors.FORBIDDEN);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("HTTP 403", "cannot get pods");
    }

    @Test
    void serverError_failsRetryably() {
      server
          .expect()
          .get()
          .withPath("/api/v1/namespaces/payments/pods/api-7c9")
          .andReturn(503, new StatusBuilder().withCode(503).withMessage("etcd unavailable").build())
          .always();

      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.deletePod(
                      request(podRef("api-7c9"), ActionCatalog.K8S_DELETE_POD, "self", Map.of())));

      assertThat(failure.getType()).isEqualTo(KubernetesFailures.API_UNAVAILABLE);
      assertThat(failure.isNonRetryable()).isFalse();
    }
  }

  @Nested
  class RolloutRestart {
    @Test
    void ownerOfPod_isTheDeploymentBehindItsReplicaSet_andGetsARestartedAtAnnotation() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.rolloutRestart(
              request(podRef("api-7c9"), ActionCatalog.K8S_ROLLOUT_RESTART, "owner", Map.of()));

      assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(result.summary()).isEqualTo("restarted deployment payments/api");
      assertThat(deploymentNamed("api").getSpec().getTemplate().getMetadata().getAnnotations())
          .containsKey(RolloutRestartStep.RESTARTED_AT_ANNOTATION);
      assertThat(result.details()).containsKey("restartedAt");
    }

    @Test
    void statefulSetPod_restartsItsStatefulSet() {
      client.apps().statefulSets().resource(statefulSet("db", 3)).create();
      client
          .pods()
          .resource(pod("db-0", "node-a", Map.of("app", "db"), owner("StatefulSet", "db")))
          .create();

      ActionResult result =
          activities.rolloutRestart(
              request(podRef("db-0"), ActionCatalog.K8S_ROLLOUT_RESTART, "owner", Map.of()));

      assertThat(result.summary()).isEqualTo("restarted statefulset payments/db");
      assertThat(
              client
                  .apps()
                  .statefulSets()
                  .inNamespace(NS)
                  .withName("db")
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations())
          .containsKey(RolloutRestartStep.RESTARTED_AT_ANNOTATION);
    }

    @Test
    void barePod_hasNoOwner_targetNotFound() {
      client.pods().resource(pod("lonely", "node-a", Map.of())).create();

      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.rolloutRestart(
                      request(
                          podRef("lonely"), ActionCatalog.K8S_ROLLOUT_RESTART, "owner", Map.of())));

      assertThat(failure.getType()).isEqualTo(ActionErrors.TARGET_NOT_FOUND);
      assertThat(failure.getOriginalMessage()).contains("has no owner");
    }

    @Test
    void dryRun_changesNothing() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.rolloutRestart(
              request(
                  podRef("api-7c9"), ActionCatalog.K8S_ROLLOUT_RESTART, "owner", Map.of(), true));

      assertThat(result.outcome()).isEqualTo(Outcome.WOULD_DO);
      assertThat(result.summary()).isEqualTo("would restart deployment payments/api (2 replicas)");
      assertThat(deploymentNamed("api").getSpec().getTemplate().getMetadata().getAnnotations())
          .doesNotContainKey(RolloutRestartStep.RESTARTED_AT_ANNOTATION);
    }
  }

  @Nested
  class ScaleWorkload {
    @Test
    void absoluteReplicas_setsSpecReplicas() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.scaleWorkload(
              request(
                  deploymentRef("api"), ActionCatalog.K8S_SCALE, "self", Map.of("replicas", "4")));

      assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(result.summary()).isEqualTo("scaled deployment payments/api from 2 to 4 replicas");
      assertThat(result.details()).containsEntry("previousReplicas", "2");
      assertThat(deploymentNamed("api").getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void delta_onAPod_scalesItsOwner_cappedAtMaxReplicas() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.scaleWorkload(
              request(
                  podRef("api-7c9"),
                  ActionCatalog.K8S_SCALE,
                  "owner",
                  Map.of("replicasDelta", "9")));

      assertThat(result.details()).containsEntry("replicas", "5");
      assertThat(deploymentNamed("api").getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void atMaxReplicas_aDeltaIsBlockedByPolicy() {
      client.apps().deployments().resource(deployment("api", 5)).create();

      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.scaleWorkload(
                      request(
                          deploymentRef("api"),
                          ActionCatalog.K8S_SCALE,
                          "self",
                          Map.of("replicasDelta", "1"))));

      assertThat(failure.getType()).isEqualTo(ActionErrors.BLOCKED_BY_POLICY);
      assertThat(deploymentNamed("api").getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void absoluteAboveMax_isBlockedByPolicy() {
      client.apps().deployments().resource(deployment("api", 2)).create();

      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.scaleWorkload(
                      request(
                          deploymentRef("api"),
                          ActionCatalog.K8S_SCALE,
                          "self",
                          Map.of("replicas", "80"))));

      assertThat(failure.getType()).isEqualTo(ActionErrors.BLOCKED_BY_POLICY);
      assertThat(failure.getOriginalMessage()).contains("max-replicas=5");
    }

    @Test
    void malformedOrAmbiguousParams_areInvalidParams() {
      client.apps().deployments().resource(deployment("api", 2)).create();

      for (Map<String, String> params :
          java.util.List.of(
              Map.of("replicas", "three"),
              Map.of("replicas", "3", "replicasDelta", "1"),
              Map.<String, String>of())) {
        ApplicationFailure failure =
            failureOf(
                () ->
                    activities.scaleWorkload(
                        request(deploymentRef("api"), ActionCatalog.K8S_SCALE, "self", params)));
        assertThat(failure.getType())
            .as("params %s", params)
            .isEqualTo(ActionErrors.INVALID_PARAMS);
        assertThat(failure.isNonRetryable()).isTrue();
      }
      assertThat(deploymentNamed("api").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void retryOfTheSameAttempt_afterALostReply_doesNotScaleTwice() {
      client.apps().deployments().resource(deployment("api", 2)).create();
      // A journal that remembers nothing: what the cluster itself must guarantee on a retry.
      ActionJournal forgetful = (request, step) -> step.perform();
      KubernetesActivitiesImpl impl = activities(CONFIG, forgetful);
      ActionRequest scaleUp =
          request(
              deploymentRef("api"), ActionCatalog.K8S_SCALE, "self", Map.of("replicasDelta", "1"));
      try (ActivityRunner retries = new ActivityRunner(impl)) {
        KubernetesActivities stub = retries.stub(KubernetesActivities.class);

        ActionResult first = stub.scaleWorkload(scaleUp);
        ActionResult retry = stub.scaleWorkload(scaleUp);

        assertThat(first.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(retry.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(retry.summary()).startsWith("scaled deployment payments/api from 2 to 3");
      }
      assertThat(deploymentNamed("api").getSpec().getReplicas()).isEqualTo(3);
    }
  }

  @Nested
  class CordonAndUncordon {
    @Test
    void cordon_marksTheNodeUnschedulable_andUncordonUndoesIt() {
      client.nodes().resource(node("node-a")).create();

      ActionResult cordoned =
          activities.cordonNode(
              request(nodeRef("node-a"), ActionCatalog.K8S_CORDON, "self", Map.of()));
      assertThat(cordoned.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable()).isTrue();

      ActionResult again =
          activities.cordonNode(
              request(nodeRef("node-a"), ActionCatalog.K8S_CORDON, "self", Map.of()));
      assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);

      ActionResult uncordoned =
          activities.uncordonNode(
              request(nodeRef("node-a"), ActionCatalog.K8S_UNCORDON, "self", Map.of()));
      assertThat(uncordoned.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable())
          .isNotEqualTo(true);
    }

    @Test
    void nodeTargetOfAPod_cordonsTheNodeItRunsOn() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.cordonNode(
              request(podRef("api-7c9"), ActionCatalog.K8S_CORDON, "node", Map.of()));

      assertThat(result.summary()).isEqualTo("cordoned node node-a");
      assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void dryRun_leavesTheNodeSchedulable() {
      client.nodes().resource(node("node-a")).create();

      ActionResult result =
          activities.cordonNode(
              request(nodeRef("node-a"), ActionCatalog.K8S_CORDON, "self", Map.of(), true));

      assertThat(result.outcome()).isEqualTo(Outcome.WOULD_DO);
      assertThat(result.summary()).isEqualTo("would cordon node node-a");
      assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable())
          .isNotEqualTo(true);
    }

    @Test
    void missingNode_isTargetNotFound() {
      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.cordonNode(
                      request(nodeRef("node-x"), ActionCatalog.K8S_CORDON, "self", Map.of())));

      assertThat(failure.getType()).isEqualTo(ActionErrors.TARGET_NOT_FOUND);
    }
  }

  @Nested
  class PatchResources {
    @Test
    void podTarget_patchesTheOwnersTemplate_multiplyingAndBoundingMemory() {
      givenDeploymentWithPod();

      ActionResult result =
          activities.patchResources(
              request(
                  podRef("api-7c9"),
                  ActionCatalog.K8S_PATCH_RESOURCES,
                  "owner",
                  Map.of("container", "api", "memoryFactor", "1.5", "memoryCeiling", "4Gi")));

      assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
      Container api = apiContainer("api");
      assertThat(api.getResources().getRequests().get("memory")).isEqualTo(new Quantity("768Mi"));
      // 3Gi * 1.5 = 4.5Gi, above the 4Gi ceiling
      assertThat(api.getResources().getLimits().get("memory")).isEqualTo(new Quantity("4Gi"));
      // cpu untouched without cpuFactor
      assertThat(api.getResources().getRequests().get("cpu")).isEqualTo(new Quantity("500m"));
      assertThat(result.summary())
          .isEqualTo(
              "patched deployment payments/api container api:"
                  + " memory requests 512Mi -> 768Mi, memory limits 3Gi -> 4Gi (ceiling)");
      assertThat(result.details())
          .containsEntry("previous.memory.requests", "512Mi")
          .containsEntry("memory.limits", "4Gi");
    }

    @Test
    void cpuFactor_multipliesCpu_inMillicores() {
      client.apps().deployments().resource(deployment("api", 2)).create();

      activities.patchResources(
          request(
              deploymentRef("api"),
              ActionCatalog.K8S_PATCH_RESOURCES,
              "self",
              Map.of("container", "api", "cpuFactor", "1.5")));

      Container api = apiContainer("api");
      assertThat(api.getResources().getRequests().get("cpu")).isEqualTo(new Quantity("750m"));
      assertThat(api.getResources().getLimits().get("cpu")).isEqualTo(new Quantity("1500m"));
    }

    @Test
    void withoutContainerParam_patchesTheFirstContainer() {
      client.apps().deployments().resource(deployment("api", 2)).create();

      activities.patchResources(
          request(
              deploymentRef("api"),
              ActionCatalog.K8S_PATCH_RESOURCES,
              "self",
              Map.of("memoryFactor", "2")));

      Container sidecar =
          deploymentNamed("api").getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(sidecar.getResources().getRequests().get("memory"))
          .isEqualTo(new Quantity("128Mi"));
      assertThat(apiContainer("api").getResources().getRequests().get("memory"))
          .isEqualTo(new Quantity("512Mi"));
    }

    @Test
    void everythingAtTheCeiling_isBlockedByPolicy() {
      client.apps().deployments().resource(deployment("api", 2)).create();

      ApplicationFailure failure =
          failureOf(
              () ->
                  activities.patchResources(
                      request(
                          deploymentRef("api"),
                          ActionCatalog.K8S_PATCH_RESOURCES,
                          "self",
                          Map.of(
                              "container",
                              "api",
                              "memoryFactor",
                              "1.5",
                              "memoryCeiling",
                              "256Mi"))));

      assertThat(failure.getType()).isEqualTo(ActionErrors.BLOCKED_BY_POLICY);
      assertThat(apiContainer("api").getResources().getRequests().get("memory"))
          .isEqualTo(new Quantity("512Mi"));
    }

    @Test
    void unknownContainerOrBadFactor_isInvalidParams() {
      client.apps().deployments().resource(deployment("api", 2)).create();

      for (Map<String, String> params :
          java.util.List.of(
              Map.of("container", "nope", "memoryFactor", "1.5"),
              Map.of("memoryFactor", "-1"),
              Map.of("memoryFactor", "1.5", "memoryCeiling", "lots"),
              Map.of("container", "api"))) {
        ApplicationFailure failure =
            failureOf(
                () ->
                    activities.patchResources(
                        request(
                            deploymentRef("api"),
                            ActionCatalog.K8S_PATCH_RESOURCES,
                            "self",
                            params)));
        assertThat(failure.getType())
            .as("params %s", params)
            .isEqualTo(ActionErrors.INVALID_PARAMS);
      }
    }

    @Test
    void retryOfTheSameAttempt_doesNotMultiplyTwice() {
      client.apps().deployments().resource(deployment("api", 2)).create();
      ActionJournal forgetful = (request, step) -> step.perform();
      ActionRequest patch =
          request(
              deploymentRef("api"),
              ActionCatalog.K8S_PATCH_RESOURCES,
              "self",
              Map.of("container", "api", "memoryFactor", "1.5"));
      try (ActivityRunner retries = new ActivityRunner(activities(CONFIG, forgetful))) {
        KubernetesActivities stub = retries.stub(KubernetesActivities.class);
        stub.patchResources(patch);
        assertThat(stub.patchResources(patch).outcome()).isEqualTo(Outcome.UNCHANGED);
      }
      assertThat(apiContainer("api").getResources().getRequests().get("memory"))
          .isEqualTo(new Quantity("768Mi"));
    }

    @Test
    void dryRun_plansThePatch_andChangesNothing() {
      client.apps().deployments().resource(deployment("api", 2)).create();

      ActionResult result =
          activities.patchResources(
              request(
                  deploymentRef("api"),
                  ActionCatalog.K8S_PATCH_RESOURCES,
                  "self",
                  Map.of("container", "api", "memoryFactor", "1.5"),
                  true));

      assertThat(result.outcome()).isEqualTo(Outcome.WOULD_DO);
      assertThat(result.summary())
          .isEqualTo(
              "would patch deployment payments/api container api:"
                  + " memory requests 512Mi -> 768Mi, memory limits 3Gi -> 4Gi (ceiling)");
      assertThat(apiContainer("api").getResources().getRequests().get("memory"))
          .isEqualTo(new Quantity("512Mi"));
    }
  }

  @Test
  void disabled_everyActionIsUnsupported() {
    KubernetesConfig off =
        new KubernetesConfig(
            false, 5, Duration.ofSeconds(5), Duration.ofMillis(100), "4Gi", "2", 0);
    try (ActivityRunner disabled =
        new ActivityRunner(activities(off, new InMemoryActionJournal()))) {
      KubernetesActivities stub = disabled.stub(KubernetesActivities.class);

      ApplicationFailure failure =
          failureOf(
              () ->
                  stub.deletePod(
                      request(podRef("api-7c9"), ActionCatalog.K8S_DELETE_POD, "self", Map.of())));

      assertThat(failure.getType()).isEqualTo(ActionErrors.UNSUPPORTED_ACTION);
      assertThat(failure.isNonRetryable()).isTrue();
    }
  }

  @Test
  void unknownTargetOrResourceType_isInvalidParams() {
    givenDeploymentWithPod();

    assertThat(
            failureOf(
                    () ->
                        activities.deletePod(
                            request(
                                podRef("api-7c9"),
                                ActionCatalog.K8S_DELETE_POD,
                                "sibling",
                                Map.of())))
                .getType())
        .isEqualTo(ActionErrors.INVALID_PARAMS);
    assertThat(
            failureOf(
                    () ->
                        activities.deletePod(
                            request(
                                new dev.vigil.workflows.workflow.ResourceRef(
                                    "docker/service/app",
                                    "docker/service",
                                    "default",
                                    null,
                                    "app",
                                    null),
                                ActionCatalog.K8S_DELETE_POD,
                                "self",
                                Map.of())))
                .getType())
        .isEqualTo(ActionErrors.INVALID_PARAMS);
  }
}
