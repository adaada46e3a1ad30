package dev.vigil.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Readers for the pod template of a rendered Deployment or Job. */
final class Pods {

  private Pods() {}

  static JsonNode podSpec(JsonNode workload) {
    return workload.at("/spec/template/spec");
  }

  static JsonNode container(JsonNode workload, String name) {
    return find(podSpec(workload).path("containers"), name)
        .orElseThrow(() -> new NoSuchElementException("no container " + name));
  }

  static Optional<JsonNode> initContainer(JsonNode workload, String name) {
    return find(podSpec(workload).path("initContainers"), name);
  }

  static Optional<JsonNode> env(JsonNode container, String name) {
    return find(container.path("env"), name);
  }

  static String envValue(JsonNode container, String name) {
    return env(container, name)
        .map(e -> e.path("value").asText())
        .orElseThrow(() -> new NoSuchElementException("no env " + name));
  }

  static List<String> envNames(JsonNode container) {
    List<String> names = new ArrayList<>();
    container.path("env").forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  static Optional<JsonNode> volume(JsonNode workload, String name) {
    return find(podSpec(workload).path("volumes"), name);
  }

  static Optional<JsonNode> volumeMount(JsonNode container, String name) {
    return find(container.path("volumeMounts"), name);
  }

  private static Optional<JsonNode> find(JsonNode array, String name) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(n -> name.equals(n.path("name").asText()))
        .findFirst();
  }
}
