package dev.vigil.ingest.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming read of a record's envelope gives the draft the tree reader gives, or leaves the
 * record to it; either way {@code readRecord} accepts and rejects exactly what the tree reader
 * does, with the same message.
 */
class EnvelopeStreamTest {
  private static final Instant TIMESTAMP = Instant.parse("2026-12-03T10:00:00Z");

  /** The tree reader's outcome: the draft, or the message of the 400 it gives. */
  private static Object tree(String json) {
    try {
      return EnvelopeReader.read(
          JsonInput.parse(json.getBytes(StandardCharsets.UTF_8)), "", null, TIMESTAMP);
    } catch (InvalidSignalException e) {
      return "400 " + e.field() + ": " + e.getMessage();
    }
  }

  private static Object record(String json) {
    try {
      return EnvelopeReader.readRecord(json.getBytes(StandardCharsets.UTF_8), TIMESTAMP);
    } catch (InvalidSignalException e) {
      return "400 " + e.field() + ": " + e.getMessage();
    }
  }

  private static SignalDraft stream(String json) {
    return EnvelopeStream.read(json.getBytes(StandardCharsets.UTF_8), TIMESTAMP);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"e1\",\"source\":\"bench\",\"resourceId\":\"k8s/c/ns/Pod/p\",\"resourceType\":\"k8s/Pod\","
            + "\"cluster\":\"c\",\"namespace\":\"ns\",\"code\":\"Alert\",\"reason\":\"Heartbeat\","
            + "\"severity\":\"info\",\"status\":\"firing\",\"message\":\"m\","
            + "\"observedAt\":\"2026-12-03T09:00:00.123Z\"}",
        "{\"resourceId\":\"docker/service/app\",\"reason\":\"OOMKilled\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"status\":\"RESOLVED\",\"critical\":true,"
            + "\"labels\":{\"team\":\"a\",\"gone\":null,\"ü\":\"\\\"q\\\"\"},\"component\":\"db\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"unknown\":{\"deep\":[1,2,{\"a\":null}]},\"n\":5}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"id\":\"  \",\"message\":null,\"critical\":null}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"observedAt\":\"2026-12-03T09:00:00+02:00\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"labels\":{\"a\":null,\"b\":\"1\",\"a\":\"2\"}}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"reason\":\"y\",\"labels\":{\"a\":\"1\"},\"labels\":null}",
      })
  void commonEnvelopes_areReadInOnePass_asTheTreeReadsThem(String json) {
    SignalDraft fast = stream(json);

    assertThat(fast).isNotNull().isEqualTo(tree(json));
    assertThat(record(json)).isEqualTo(tree(json));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "[]",
        "\"text\"",
        "{",
        "{\"resourceId\":\"r\",\"reason\":\"x\"} {}",
        "{\"resourceId\":\"r\",\"reason\":\"x\"}]",
        "{\"reason\":\"x\"}",
        "{\"resourceId\":\"r\"}",
        "{\"resourceId\":\"r\",\"reason\":\"   \"}",
        "{\"resourceId\":5,\"reason\":\"x\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"status\":\"maybe\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"critical\":\"yes\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"labels\":[\"a\"]}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"labels\":{\"a\":1}}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"observedAt\":\"yesterday\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"observedAt\":\"2026-12-03T09:00Z\"}",
        "{\"resourceId\":\"r\",\"reason\":\"x\",\"observedAt\":12345}",
        "{\"reason\":\"x\",\"cluster\":7}",
        "{\"resourceId\":\"r\",\"reason\":5,\"reason\":\"y\"}",
      })
  void everythingElse_isLeftToTheTree_whichDecidesAsBefore(String json) {
    assertThat(stream(json)).isNull();
    assertThat(record(json)).isEqualTo(tree(json));
  }

  @Test
  void randomEnvelopes_readAsTheTreeReadsThem() {
    Random random = new Random(3);
    String[] fields = {
      "id", "source", "resourceId", "resourceType", "cluster", "namespace", "component", "code",
      "reason", "severity", "status", "message", "observedAt", "critical", "labels", "extra"
    };
    int streamed = 0;
    for (int n = 0; n < 3_000; n++) {
      List<String> parts = new ArrayList<>();
      for (String field : fields) {
        if (random.nextInt(5) == 0 && !field.equals("resourceId") && !field.equals("reason")) {
          continue;
        }
        parts.add("\"" + field + "\":" + value(field, random));
      }
      java.util.Collections.shuffle(parts, random);
      String json = "{" + String.join(",", parts) + "}";
      SignalDraft fast = stream(json);
      if (fast != null) {
        streamed++;
        assertThat(fast).as(json).isEqualTo(tree(json));
      }
      assertThat(record(json)).as(json).isEqualTo(tree(json));
    }
    assertThat(streamed).as("most random envelopes take the streaming path").isGreaterThan(500);
  }

  private static String value(String field, Random random) {
    int odd = random.nextInt(20);
    if (odd == 0) {
      return "null";
    }
    if (odd == 1) {
      return "42";
    }
    if (odd == 2) {
      return "\" \"";
    }
    return switch (field) {
      case "critical" -> random.nextBoolean() ? "true" : "false";
      case "labels" -> "{\"a\":\"1\",\"b\":" + (random.nextBoolean() ? "null" : "\"é\"") + "}";
      case "status" -> random.nextInt(10) == 0 ? "\"maybe\"" : "\"resolved\"";
      case "observedAt" ->
          random.nextInt(10) == 0 ? "\"2026-12-03T09:00Z\"" : "\"2026-12-03T09:00:00.5+01:00\"";
      case "extra" -> "{\"x\":[1,{\"y\":null}]}";
      default -> "\"" + field + "-" + random.nextInt(100) + "\"";
    };
  }
}
