package dev.vigil.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads from {@code src/test/resources}, optionally adapted to a test's own resource. */
public final class Fixtures {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  public static String text(String resource) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String resource) {
    try {
      return JSON.readTree(text(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An Alertmanager webhook fixture moved to another pod: the pod label and the fingerprints
   * change, as they would for a different alert.
   */
  public static String alertmanagerForPod(String resource, String pod) {
    JsonNode root = json(resource);
    for (JsonNode alert : root.get("alerts")) {
      ((ObjectNode) alert.get("labels")).put("pod", pod);
      ((ObjectNode) alert)
          .put(
              "fingerprint",
              alert.get("fingerprint").asText() + Integer.toHexString(pod.hashCode()));
    }
    ((ObjectNode) root.get("commonLabels")).put("pod", pod);
    ((ObjectNode) root.get("groupLabels")).put("pod", pod);
    return root.toString();
  }
}
