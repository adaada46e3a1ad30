package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.policy.Durations;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code kubectl drain} through the Eviction API (policy/v1): cordon, then evict every pod on the
 * node except DaemonSet and mirror pods. The API server refuses (HTTP 429) an eviction that would
 * break a PodDisruptionBudget; those pods are retried every {@code retryInterval} until the
 * timeout, then the drain fails with {@code BlockedByPolicy} naming them.
 */
final class NodeDrainer {
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  private final KubernetesClient client;
  private final Nodes nodes;
  private final Duration retryInterval;

  NodeDrainer(KubernetesClient client, Nodes nodes, Duration retryInterval) {
    this.client = client;
    this.nodes = nodes;
    this.retryInterval = retryInterval;
  }

  /** What a drain of the node would do now. */
  record Plan(Target node, boolean cordoned, List<Pod> toEvict, List<Pod> skipped) {
    String describe() {
      return (cordoned ? "" : "cordon " + node.describe() + " and ")
          + "evict "
          + toEvict.size()
          + " pod(s) from "
          + node.describe()
          + (toEvict.isEmpty() ? "" : " (" + String.join(", ", paths(toEvict)) + ")")
          + (skipped.isEmpty() ? "" : ", skipping " + skipped.size() + " DaemonSet/mirror pod(s)");
    }
  }

  /**
   * What a drain did.
   *
   * @param cordoned whether this drain cordoned the node (false: it already was)
   * @param evicted pods evicted (or already gone)
   * @param skipped DaemonSet and mirror pods left in place
   * @param terminating evicted pods still terminating when the timeout ran out
   */
  record Report(
      Target node,
      boolean cordoned,
      List<String> evicted,
      List<String> skipped,
      List<String> terminating) {}

  Plan plan(Target node) {
    boolean cordoned = Nodes.isUnschedulable(nodes.require(node));
    List<Pod> toEvict = new ArrayList<>();
    List<Pod> skipped = new ArrayList<>();
    for (Pod pod : podsOn(node)) {
      (isDaemonSetPod(pod) || isMirrorPod(pod) ? skipped : toEvict).add(pod);
    }
    return new Plan(node, cordoned, List.copyOf(toEvict), List.copyOf(skipped));
  }

  Report drain(Target node, Duration timeout, Consumer<String> heartbeat) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean cordoned = nodes.setUnschedulable(node, true);
    Plan plan = plan(node);
    List<Pod> pending = plan.toEvict();
    List<Pod> evicted = new ArrayList<>();
    while (true) {
      List<Pod> refused = new ArrayList<>();
      for (Pod pod : pending) {
        (evict(pod) ? evicted : refused).add(pod);
      }
      heartbeat.accept(
          "draining "
              + node.describe()
              + ": evicted "
              + evicted.size()
              + ", refused "
              + refused.size());
      if (refused.isEmpty()) {
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw KubernetesFailures.blockedByPolicy(
            "drain of "
                + node.describe()
                + " gave up after "
                + Durations.format(timeout)
                + ": a PodDisruptionBudget refuses to evict "
                + String.join(", ", paths(refused))
                + " (evicted "
                + evicted.size()
                + (evicted.isEmpty() ? "" : ": " + String.join(", ", paths(evicted)))
                + "; the node stays cordoned)");
      }
      pause(Math.min(retryInterval.toNanos(), left));
      pending = refused;
    }
    List<String> terminating = waitUntilGone(evicted, deadline, heartbeat);
    return new Report(node, cordoned, paths(evicted), paths(plan.skipped()), terminating);
  }

  /** True when evicted (or already gone); false when the API refused for a disruption budget. */
  private boolean evict(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Eviction eviction =
        new EvictionBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .build();
    try {
      return client.pods().inNamespace(namespace).withName(name).evict(eviction);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return true;
      }
      throw e;
    }
  }

  /** Waits, within the deadline, until each evicted pod is gone (or replaced by a new one). */
  private List<String> waitUntilGone(List<Pod> evicted, long deadline, Consumer<String> heartbeat) {
    List<Pod> remaining = new ArrayList<>(evicted);
    while (true) {
      remaining.removeIf(this::isGone);
      if (remaining.isEmpty()) {
        return List.of();
      }
      heartbeat.accept("waiting for " + remaining.size() + " evicted pod(s) to terminate");
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return paths(remaining);
      }
      pause(Math.min(retryInterval.toNanos(), left));
    }
  }

  private boolean isGone(Pod pod) {
    Pod now =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .get();
    return now == null || !now.getMetadata().getUid().equals(pod.getMetadata().getUid());
  }

  private List<Pod> podsOn(Target node) {
    return client.pods().inAnyNamespace().withField("spec.nodeName", node.name()).list().getItems();
  }

  static boolean isDaemonSetPod(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(ref -> "DaemonSet".equals(ref.getKind()));
  }

  static boolean isMirrorPod(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(MIRROR_ANNOTATION);
  }

  private static List<String> paths(List<Pod> pods) {
    return pods.stream()
        .map(pod -> pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
        .toList();
  }

  private static void pause(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("drain interrupted", "Interrupted");
    }
  }
}
