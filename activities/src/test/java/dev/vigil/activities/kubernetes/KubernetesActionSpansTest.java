package dev.vigil.activities.kubernetes;

import static dev.vigil.activities.kubernetes.KubernetesFixtures.CONFIG;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.owner;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.pod;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.podRef;
import static dev.vigil.activities.kubernetes.KubernetesFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.activities.journal.InMemoryActionJournal;
import dev.vigil.activities.support.ActivityRunner;
import dev.vigil.workflows.activity.KubernetesActivities;
import dev.vigil.workflows.policy.ActionCatalog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fabric8 calls of a Kubernetes action run inside client spans (children of whatever span is
 * current: the activity's, under the worker's tracing interceptor) with bounded attributes only.
 * Against fabric8's mock API server in CRUD mode (no real API server runs here).
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(60)
class KubernetesActionSpansTest {
  KubernetesClient mockClient;

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private ActivityRunner runner;

  @AfterEach
  void tearDown() {
    if (runner != null) {
      runner.close();
    }
    tracing.close();
  }

  @Test
  void deletePod_planAndPerformAreClientSpans_namedByAction_withoutResourceNamesInAttributes() {
    mockClient
        .pods()
        .resource(pod("api-7c9", "node-a", Map.of("app", "api"), owner("ReplicaSet", "api-7c")))
        .create();
    runner =
        new ActivityRunner(
            new KubernetesActivitiesImpl(
                CONFIG, mockClient, new InMemoryActionJournal(), tracing.get("test")));

    runner
        .stub(KubernetesActivities.class)
        .deletePod(request(podRef("api-7c9"), ActionCatalog.K8S_DELETE_POD, "self", Map.of()));

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).extracting(SpanData::getName).contains("kubernetes k8s.deletePod perform");
    SpanData perform =
        finished.stream()
            .filter(s -> s.getName().equals("kubernetes k8s.deletePod perform"))
            .findFirst()
            .orElseThrow();
    assertThat(perform.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(perform.getAttributes().get(AttributeKey.stringKey("vigil.action")))
        .isEqualTo("k8s.deletePod");
    assertThat(perform.getAttributes().asMap().values())
        .allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain("api-7c9", "payments"));
  }
}
