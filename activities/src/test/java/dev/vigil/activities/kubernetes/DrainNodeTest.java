package dev.vigil.activities.kubernetes;

import static dev.vigil.activities.kubernetes.KubernetesFixtures.CONFIG;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.NS;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.node;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.nodeRef;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.owner;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.pod;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.request;
import static dev.vigil.activities.support.ActivityRunner.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.journal.InMemoryActionJournal;
import dev.vigil.activities.support.ActivityRunner;
import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.policy.ActionCatalog;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code k8s.drain} against fabric8's mock API server in CRUD mode (no real API server can run on
 * these machines). The CRUD mock implements neither the Eviction subresource nor
 * PodDisruptionBudget enforcement, so the server runs {@link EvictionApiDispatcher}, which answers
 * evictions as the API server does: 429 when a budget forbids, else the pod is deleted. No
 * controllers run, so the test creates the pods a cluster would hold: web pods from a Deployment,
 * two db pods a PDB protects ({@code minAvailable: 2}), a DaemonSet pod and a mirror (static) pod
 * on node-a, and a pod on node-b that must stay. The drain runs through temporal-testing's {@code
 * TestActivityEnvironment} so its heartbeats are seen.
 */
@Timeout(60)
class DrainNodeTest {
  private final EvictionApiDispatcher api = new EvictionApiDispatcher();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private ActivityRunner runner;
  private KubernetesActivities activities;

  @BeforeEach
  void setUp() {
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
    server.init();
    try (KubernetesClient serverClient = server.createClient()) {
      // fabric8 would otherwise resend each 429 itself for ~20 s; the drain handles 429 itself.
      client =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder(serverClient.getConfiguration())
                      .withRequestRetryBackoffLimit(0)
                      .build())
              .build();
    }
    runner =
        new ActivityRunner(
            new KubernetesActivitiesImpl(CONFIG, client, new InMemoryActionJournal()));
    activities = runner.stub(KubernetesActivities.class);

    client.nodes().resource(node("node-a")).create();
    client.nodes().resource(node("node-b")).create();
    client
        .pods()
        .resource(pod("web-1", "node-a", Map.of("app", "web"), owner("ReplicaSet", "web-5d")))
        .create();
    client
        .pods()
        .resource(pod("web-2", "node-a", Map.of("app", "web"), owner("ReplicaSet", "web-5d")))
        .create();
    client
        .pods()
        .resource(pod("db-0", "node-a", Map.of("app", "db"), owner("StatefulSet", "db")))
        .create();
    client
        .pods()
        .resource(pod("db-1", "node-a", Map.of("app", "db"), owner("StatefulSet", "db")))
        .create();
    client
        .pods()
        .resource(
            pod("log-agent-x", "node-a", Map.of("app", "log"), owner("DaemonSet", "log-agent")))
        .create();
    Pod mirror = pod("etcd-node-a", "node-a", Map.of("component", "etcd"));
    mirror.getMetadata().setAnnotations(Map.of(NodeDrainer.MIRROR_ANNOTATION, "abc"));
    client.pods().resource(mirror).create();
    client
        .pods()
        .resource(pod("web-3", "node-b", Map.of("app", "web"), owner("ReplicaSet", "web-5d")))
        .create();
  }

  @AfterEach
  void tearDown() {
    runner.close();
    client.close();
    server.destroy();
  }

  private void givenDbBudget(int minAvailable) {
    client
        .policy()
        .v1()
        .podDisruptionBudget()
        .resource(
            new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withNamespace(NS)
                .withName("db-pdb")
                .endMetadata()
                .withNewSpec()
                .withMinAvailable(new IntOrString(minAvailable))
                .withNewSelector()
                .addToMatchLabels("app", "db")
                .endSelector()
                .endSpec()
                .build())
        .create();
  }

  private boolean exists(String pod) {
    return client.pods().inNamespace(NS).withName(pod).get() != null;
  }

  @Test
  void drain_cordons_evictsEverythingButDaemonSetAndMirrorPods_andHeartbeats() {
    ActionResult result =
        activities.drainNode(
            request(nodeRef("node-a"), ActionCatalog.K8S_DRAIN, "self", Map.of("timeout", "5s")));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.affected())
        .containsExactlyInAnyOrder(
            "payments/web-1", "payments/web-2", "payments/db-0", "payments/db-1");
    assertThat(result.summary())
        .isEqualTo("drained node node-a: evicted 4 pod(s), skipped 2 DaemonSet/mirror pod(s)");
    assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable()).isTrue();
    assertThat(exists("web-1") || exists("web-2") || exists("db-0") || exists("db-1")).isFalse();
    assertThat(exists("log-agent-x")).as("DaemonSet pod stays").isTrue();
    assertThat(exists("etcd-node-a")).as("mirror pod stays").isTrue();
    assertThat(exists("web-3")).as("other node untouched").isTrue();
    assertThat(runner.heartbeats()).anyMatch(h -> h.startsWith("draining node node-a: evicted 4"));
  }

  @Test
  void podsAPdbProtects_stay_andTheDrainFailsBlockedByPolicyAfterItsTimeout() {
    givenDbBudget(2);

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.drainNode(
                    request(
                        nodeRef("node-a"),
                        ActionCatalog.K8S_DRAIN,
                        "self",
                        Map.of("timeout", "4s"))));

    assertThat(failure.getType()).isEqualTo(ActionErrors.BLOCKED_BY_POLICY);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("gave up after 4s", "payments/db-0", "payments/db-1", "evicted 2");
    assertThat(exists("db-0")).isTrue();
    assertThat(exists("db-1")).isTrue();
    assertThat(exists("web-1")).isFalse();
    assertThat(exists("web-2")).isFalse();
    assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable()).isTrue();
    // refused pods are retried (every 100 ms here) until the timeout: more than one round
    assertThat(api.refusals()).isGreaterThanOrEqualTo(4);
    assertThat(runner.heartbeats()).anyMatch(h -> h.contains("refused 2"));
  }

  @Test
  void aBudgetWithRoomForOne_letsOnePodGo_andHoldsTheOther() {
    givenDbBudget(1);

    ApplicationFailure failure =
        failureOf(
            () ->
                activities.drainNode(
                    request(
                        nodeRef("node-a"),
                        ActionCatalog.K8S_DRAIN,
                        "self",
                        Map.of("timeout", "500ms"))));

    assertThat(failure.getType()).isEqualTo(ActionErrors.BLOCKED_BY_POLICY);
    assertThat(exists("db-0") ^ exists("db-1")).as("exactly one db pod left").isTrue();
  }

  @Test
  void dryRun_plansTheDrain_andChangesNothing() {
    ActionResult result =
        activities.drainNode(
            request(
                nodeRef("node-a"), ActionCatalog.K8S_DRAIN, "self", Map.of("timeout", "5s"), true));

    assertThat(result.outcome()).isEqualTo(Outcome.WOULD_DO);
    assertThat(result.summary())
        .startsWith("would cordon node node-a and evict 4 pod(s) from node node-a (")
        .contains("payments/db-0")
        .endsWith("skipping 2 DaemonSet/mirror pod(s)");
    assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable())
        .isNotEqualTo(true);
    assertThat(exists("web-1")).isTrue();
  }

  @Test
  void malformedTimeout_isInvalidParams() {
    ApplicationFailure failure =
        failureOf(
            () ->
                activities.drainNode(
                    request(
                        nodeRef("node-a"),
                        ActionCatalog.K8S_DRAIN,
                        "self",
                        Map.of("timeout", "soon"))));

    assertThat(failure.getType()).isEqualTo(ActionErrors.INVALID_PARAMS);
  }
}
