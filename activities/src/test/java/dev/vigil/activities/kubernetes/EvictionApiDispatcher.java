package dev.vigil.activities.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * fabric8's CRUD mock dispatcher plus the two API server behaviours a drain relies on and the CRUD
 * mock lacks (it answers {@code POST pods/{name}/eviction} with a 409 and ignores the {@code
 * spec.nodeName} field selector):
 *
 * <ul>
 *   <li>the Eviction subresource (policy/v1): for each PodDisruptionBudget in the pod's namespace
 *       whose selector matches the pod, count the healthy (Running, not terminating) pods it
 *       selects; when evicting one more would go below {@code minAvailable} (or above {@code
 *       maxUnavailable}) answer 429 as the API server does, otherwise delete the pod and answer
 *       201. This stands in for the disruption controller plus the eviction REST handler.
 *   <li>{@code fieldSelector=spec.nodeName=...} on pod lists.
 * </ul>
 */
final class EvictionApiDispatcher extends KubernetesCrudDispatcher {
  private static final Pattern EVICTION =
      Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/eviction$");
  private static final Pattern NODE_SELECTOR = Pattern.compile("spec\\.nodeName=([^,&]+)");

  private final KubernetesSerialization json = new KubernetesSerialization();
  private final AtomicInteger refusals = new AtomicInteger();

  /** How many evictions were refused with 429 so far. */
  int refusals() {
    return refusals.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    Matcher eviction = EVICTION.matcher(path);
    if ("POST".equals(request.getMethod()) && eviction.matches()) {
      return evict(eviction.group(1), eviction.group(2));
    }
    if ("GET".equals(request.getMethod()) && path.contains("fieldSelector=")) {
      return listOnNode(path);
    }
    return super.dispatch(request);
  }

  private MockResponse evict(String namespace, String name) {
    String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + name;
    MockResponse found = handleGet(podPath);
    if (found.code() == 404) {
      return status(404, "NotFound", "pods \"" + name + "\" not found", null);
    }
    Pod pod = json.unmarshal(found.getBody().readUtf8(), Pod.class);
    List<Pod> namespacePods =
        json.unmarshal(
                handleGet("/api/v1/namespaces/" + namespace + "/pods").getBody().readUtf8(),
                PodList.class)
            .getItems();
    MockResponse budgets =
        handleGet("/apis/policy/v1/namespaces/" + namespace + "/poddisruptionbudgets");
    List<PodDisruptionBudget> pdbs =
        budgets.code() == 200
            ? json.unmarshal(budgets.getBody().readUtf8(), PodDisruptionBudgetList.class).getItems()
            : List.of();
    for (PodDisruptionBudget pdb : pdbs) {
      LabelSelector selector = pdb.getSpec().getSelector();
      if (!matches(selector, pod)) {
        continue;
      }
      List<Pod> selected = namespacePods.stream().filter(p -> matches(selector, p)).toList();
      long healthy = selected.stream().filter(EvictionApiDispatcher::healthy).count();
      if (healthy - 1 < required(pdb, selected.size())) {
        refusals.incrementAndGet();
        return status(
            429,
            "TooManyRequests",
            "Cannot evict pod as it would violate the pod's disruption budget.",
            "The disruption budget "
                + pdb.getMetadata().getName()
                + " needs "
                + required(pdb, selected.size())
                + " healthy pods and has "
                + healthy
                + " currently");
      }
    }
    handleDelete(podPath);
    return status(201, null, null, null);
  }

  /** Pods that must stay healthy: minAvailable, or all but maxUnavailable (integers only). */
  private static long required(PodDisruptionBudget pdb, int expected) {
    IntOrString min = pdb.getSpec().getMinAvailable();
    if (min != null) {
      return min.getIntVal();
    }
    IntOrString max = pdb.getSpec().getMaxUnavailable();
    return max == null ? 0 : expected - max.getIntVal();
  }

  private static boolean healthy(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase());
  }

  private static boolean matches(LabelSelector selector, Pod pod) {
    Map<String, String> labels =
        pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    Map<String, String> wanted =
        selector == null || selector.getMatchLabels() == null
            ? Map.of()
            : selector.getMatchLabels();
    return !wanted.isEmpty()
        && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private MockResponse listOnNode(String path) {
    String[] parts = path.split("\\?", 2);
    String query = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
    Matcher node = NODE_SELECTOR.matcher(query);
    String rest =
        Arrays.stream(parts[1].split("&"))
            .filter(p -> !p.startsWith("fieldSelector="))
            .collect(Collectors.joining("&"));
    MockResponse all = handleGet(rest.isEmpty() ? parts[0] : parts[0] + "?" + rest);
    if (!node.find() || all.code() != 200) {
      return all;
    }
    PodList list = json.unmarshal(all.getBody().readUtf8(), PodList.class);
    list.setItems(
        list.getItems().stream()
            .filter(p -> p.getSpec() != null && node.group(1).equals(p.getSpec().getNodeName()))
            .toList());
    return new MockResponse().setResponseCode(200).setBody(json.asJson(list));
  }

  private MockResponse status(int code, String reason, String message, String cause) {
    StatusBuilder status =
        new StatusBuilder()
            .withCode(code)
            .withStatus(code < 300 ? "Success" : "Failure")
            .withReason(reason)
            .withMessage(message);
    if (cause != null) {
      status
          .withNewDetails()
          .withCauses(
              new StatusCauseBuilder().withReason("DisruptionBudget").withMessage(cause).build())
          .endDetails();
    }
    return new MockResponse().setResponseCode(code).setBody(json.asJson(status.build()));
  }
}
