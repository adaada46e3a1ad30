package dev.vigil.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The objects `helm template` produced, parsed from its YAML stream, with finders by kind and name.
 */
final class RenderedChart {

  private static final YAMLMapper YAML = new YAMLMapper();

  private final String manifest;
  private final List<JsonNode> objects;

  private RenderedChart(String manifest, List<JsonNode> objects) {
    this.manifest = manifest;
    this.objects = objects;
  }

  static RenderedChart parse(String manifest) {
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(manifest)) {
      var it = new ObjectMapper().readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && node.hasNonNull("kind")) {
          objects.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm produced invalid YAML:\n" + manifest, e);
    }
    return new RenderedChart(manifest, List.copyOf(objects));
  }

  String manifest() {
    return manifest;
  }

  List<JsonNode> objects() {
    return objects;
  }

  Stream<JsonNode> all(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
  }

  Optional<JsonNode> find(String kind, String name) {
    return all(kind).filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    kind + " " + name + " not rendered; rendered: " + summary()));
  }

  /** A YAML document embedded as a string (a ConfigMap key, say), parsed. */
  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> summary() {
    return objects.stream()
        .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
        .toList();
  }
}
