package dev.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.workflows.policy.Policy;
import dev.vigil.workflows.policy.PolicyLoader;
import dev.vigil.workflows.policy.Rung;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files under {@code examples/} are valid: policies load, payloads parse as their sources. */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void policies_loadAndCoverPodsDeploymentsNodesAndDockerServices() {
    List<Policy> policies = PolicyLoader.load(EXAMPLES.resolve("policies.yaml"));

    assertThat(policies)
        .extracting(p -> p.match().resourceType())
        .contains("k8s/Pod", "k8s/Deployment", "k8s/Node", "docker/service");
    Policy eventPulse =
        policies.stream().filter(p -> p.name().equals("app-high-cpu")).findFirst().orElseThrow();
    assertThat(eventPulse.match().reasons()).containsExactly("HighCPU");
    assertThat(eventPulse.revertOn()).containsExactly("LowCPU");
    assertThat(eventPulse.ladder()).extracting(Rung::action).containsExactly("docker.scale");
  }

  @Test
  void alertmanagerExamples_areVersion4WebhooksWithTheLabelsIngestReads() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES.resolve("alertmanager"))) {
      List<Path> all = files.sorted().toList();
      assertThat(all).hasSizeGreaterThanOrEqualTo(5);
      for (Path file : all) {
        JsonNode body = JSON.readTree(file.toFile());
        assertThat(body.path("version").asText()).as(file.toString()).isEqualTo("4");
        assertThat(body.path("alerts").size()).as(file.toString()).isGreaterThan(0);
        JsonNode labels = body.path("alerts").get(0).path("labels");
        assertThat(labels.has("docker_service") || labels.has("pod") || labels.has("node"))
            .as(file + " names its resource")
            .isTrue();
      }
    }
  }

  @Test
  void eventrouterExamples_areEventrouterObjectsOrJsonLines() throws IOException {
    JsonNode single = JSON.readTree(EXAMPLES.resolve("eventrouter/pod-backoff.json").toFile());
    assertThat(single.path("event").path("involvedObject").path("kind").asText()).isEqualTo("Pod");
    List<String> lines = Files.readAllLines(EXAMPLES.resolve("eventrouter/events.jsonl"));
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      assertThat(JSON.readTree(line).path("verb").asText()).isIn("ADDED", "UPDATED");
    }
  }
}
