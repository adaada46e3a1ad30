package dev.vigil.ingest.eventrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ingest.envelope.ParsedBatch;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventrouterEventsTest {
  private final EventrouterEvents events =
      new EventrouterEvents(
          "prod", Clock.fixed(Instant.parse("2026-01-08T11:00:00Z"), ZoneOffset.UTC));

  private ParsedBatch parse(String body) {
    return events.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void jsonLines_twoPodsWithTheSameNameInTwoNamespaces_areTwoResources() {
    ParsedBatch batch = parse(Fixtures.text("eventrouter/backoff-two-namespaces.jsonl"));

    assertThat(batch.drafts())
        .extracting(SignalDraft::resourceId)
        .containsExactly("k8s/prod/payments/Pod/api", "k8s/prod/checkout/Pod/api");
    SignalDraft first = batch.drafts().get(0);
    assertThat(first.resourceType()).isEqualTo("k8s/Pod");
    assertThat(first.code()).isEqualTo("K8sEvent");
    assertThat(first.reason()).isEqualTo("BackOff");
    assertThat(first.eventType()).isEqualTo("Warning");
    assertThat(first.component()).isEqualTo("api");
    assertThat(first.observedAt()).isEqualTo(Instant.parse("2026-01-08T09:58:40Z"));
    assertThat(first.id()).isEqualTo("k8s-event:0b7d3c1e-2f4a-4b6c-8d9e-1a2b3c4d5e6f:48211937");
  }

  @Test
  void anArrayAndASingleObject_areReadToo() {
    String[] lines = Fixtures.text("eventrouter/backoff-two-namespaces.jsonl").split("\n");

    assertThat(parse("[" + lines[0] + "," + lines[1] + "]").drafts()).hasSize(2);
    assertThat(parse(lines[1]).drafts()).hasSize(1);
  }

  @Test
  void clusterScopedKinds_haveNoNamespacePart_andDeletedVerbsAreIgnored() {
    String node =
        "{\"verb\":\"ADDED\",\"event\":{\"metadata\":{\"uid\":\"u1\",\"resourceVersion\":\"7\"},"
            + "\"involvedObject\":{\"kind\":\"Node\",\"name\":\"node-1\"},\"reason\":\"NodeNotReady\","
            + "\"type\":\"Warning\",\"lastTimestamp\":\"2026-01-08T10:00:00Z\"}}\n"
            + "{\"verb\":\"DELETED\",\"event\":{\"involvedObject\":{\"kind\":\"Node\",\"name\":\"node-1\"},\"reason\":\"NodeNotReady\"}}";

    ParsedBatch batch = parse(node);

    assertThat(batch.drafts())
        .singleElement()
        .extracting(SignalDraft::resourceId)
        .isEqualTo("k8s/prod/Node/node-1");
    assertThat(batch.ignored()).isEqualTo(1);
  }
}
