package dev.vigil.ingest.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.ingest.envelope.InvalidSignalException;
import dev.vigil.ingest.envelope.NormalizationRules.LabelNames;
import dev.vigil.ingest.envelope.SignalDraft;
import dev.vigil.ingest.envelope.SignalStatus;
import dev.vigil.ingest.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerWebhookTest {
  private final AlertmanagerWebhook webhook =
      new AlertmanagerWebhook(
          LabelNames.DEFAULTS,
          "default",
          Clock.fixed(Instant.parse("2026-01-08T11:00:00Z"), ZoneOffset.UTC));

  private List<SignalDraft> parse(String json) {
    return webhook.parse(json.getBytes(StandardCharsets.UTF_8)).drafts();
  }

  @Test
  void everyAlertOfTheGroup_becomesADraft_aboutThePod() {
    List<SignalDraft> drafts = parse(Fixtures.text("alertmanager/crashloop-firing.json"));

    assertThat(drafts).hasSize(3);
    assertThat(drafts)
        .extracting(SignalDraft::resourceId)
        .containsOnly("k8s/prod-eu/payments/Pod/api-7c9b8d-x2x4l");
    SignalDraft crashLoop = drafts.get(0);
    assertThat(crashLoop.resourceType()).isEqualTo("k8s/Pod");
    assertThat(crashLoop.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(drafts.get(1).reason()).isEqualTo("KubePodNotReady");
    assertThat(crashLoop.code()).isEqualTo("Alert");
    assertThat(crashLoop.rawSeverity()).isEqualTo("warning");
    assertThat(crashLoop.component()).isEqualTo("api");
    assertThat(crashLoop.message()).isEqualTo("Pod is crash looping.");
    assertThat(crashLoop.observedAt()).isEqualTo(Instant.parse("2026-01-08T09:58:07.123Z"));
    assertThat(crashLoop.id())
        .isEqualTo("alertmanager:4f6c3a9d2b1e8c07:firing:2026-01-08T09:58:07.123Z");
  }

  @Test
  void resolvedAlerts_areObservedAtTheirEnd_andGetTheirOwnId() {
    List<SignalDraft> drafts = parse(Fixtures.text("alertmanager/crashloop-resolved.json"));

    assertThat(drafts).extracting(SignalDraft::status).containsOnly(SignalStatus.RESOLVED);
    assertThat(drafts.get(0).observedAt()).isEqualTo(Instant.parse("2026-01-08T10:12:07.123Z"));
    assertThat(drafts.get(0).id())
        .isEqualTo("alertmanager:4f6c3a9d2b1e8c07:resolved:2026-01-08T09:58:07.123Z");
  }

  @Test
  void theSameGroupFromBothMembersOfAnHaPair_hasTheSameIds() {
    String group = Fixtures.text("alertmanager/crashloop-firing.json");

    assertThat(parse(group))
        .extracting(SignalDraft::id)
        .isEqualTo(parse(group).stream().map(SignalDraft::id).toList());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"alertname\":\"X\",\"resource_id\":\"/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1\",\"resource_type\":\"Microsoft.ContainerService/managedClusters\",\"pod\":\"p\",\"namespace\":\"n\"}"
            + "|/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/c1|Microsoft.ContainerService/managedClusters",
        "{\"alertname\":\"HighCPU\",\"docker_service\":\"app\"}|docker/service/app|docker/service",
        "{\"alertname\":\"X\",\"cluster\":\"c\",\"namespace\":\"n\",\"pod\":\"p\"}|k8s/c/n/Pod/p|k8s/Pod",
        "{\"alertname\":\"X\",\"namespace\":\"n\",\"deployment\":\"d\"}|k8s/default/n/Deployment/d|k8s/Deployment",
        "{\"alertname\":\"X\",\"namespace\":\"n\",\"statefulset\":\"s\"}|k8s/default/n/StatefulSet/s|k8s/StatefulSet",
        "{\"alertname\":\"X\",\"cluster\":\"c\",\"node\":\"node-1\"}|k8s/c/Node/node-1|k8s/Node",
        "{\"alertname\":\"X\",\"pod\":\"p-without-namespace\",\"instance\":\"10.0.0.1:9100\"}|alert/X/10.0.0.1:9100|alert",
        "{\"alertname\":\"InstanceDown\",\"job\":\"node\"}|alert/InstanceDown/node|alert",
      })
  void resourceIds_followTheDesignTable(String labels, String resourceId, String resourceType) {
    String webhook =
        "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
            + labels
            + ",\"startsAt\":\"2026-01-08T10:00:00Z\",\"fingerprint\":\"f1\"}]}";

    SignalDraft draft = parse(webhook).get(0);

    assertThat(draft.resourceId()).isEqualTo(resourceId);
    assertThat(draft.resourceType()).isEqualTo(resourceType);
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\":\"4\",\"alerts\":[{\"labels\":{},\"startsAt\":\"2026-01-08T10:00:00Z\",\"status\":\"firing\"}]}"))
        .isInstanceOf(InvalidSignalException.class)
        .extracting(e -> ((InvalidSignalException) e).field())
        .isEqualTo("alerts[0].labels.alertname");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\":\"4\",\"alerts\":[{\"labels\":{\"alertname\":\"X\"},\"status\":\"firing\"}]}"))
        .extracting(e -> ((InvalidSignalException) e).field())
        .isEqualTo("alerts[0].startsAt");
    assertThatThrownBy(() -> parse("{\"version\":\"3\",\"alerts\":[]}"))
        .extracting(e -> ((InvalidSignalException) e).field())
        .isEqualTo("version");
    assertThatThrownBy(() -> parse("{\"alerts\":{}}"))
        .hasMessage("alerts must be an array, not an object");
  }
}
