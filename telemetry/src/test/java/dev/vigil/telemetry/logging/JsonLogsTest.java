package dev.vigil.telemetry.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The services' log configuration ({@code vigil-logback.xml}) as they load it: one JSON object a
 * line with the contract's fields, and secrets masked in both formats.
 */
class JsonLogsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cr3t-T0ken.abc";
  private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";
  private static final String PASSWORD = "hunter2-Pa55";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private LoggerContext context;

  @AfterEach
  void stop() {
    if (context != null) {
      context.stop();
    }
  }

  @Test
  void jsonLine_carriesTimestampComponentTraceIdsMdcAndErrorClass() throws Exception {
    Logger log = configure("json").getLogger("dev.vigil.ingest.outbox.OutboxRelay");
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    Span span = tracing.get("test").spanBuilder("deliver").startSpan();
    try (Scope ignored = span.makeCurrent();
        MDC.MDCCloseable r = MDC.putCloseable("resourceId", "docker/service/app");
        MDC.MDCCloseable i = MDC.putCloseable("incidentId", "inc-1")) {
      log.warn("delivery failed", new IllegalStateException("temporal down"));
    } finally {
      span.end();
    }

    JsonNode line = lines().get(0);
    assertThat(line.path("timestamp").asText()).isNotBlank();
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("component").asText()).isEqualTo("dev.vigil.ingest.outbox.OutboxRelay");
    assertThat(line.path("service").asText()).isEqualTo("vigil-test");
    assertThat(line.path("message").asText()).isEqualTo("delivery failed");
    assertThat(line.path("trace_id").asText()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(line.path("span_id").asText()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(line.path("resourceId").asText()).isEqualTo("docker/service/app");
    assertThat(line.path("incidentId").asText()).isEqualTo("inc-1");
    assertThat(line.path("error_class").asText()).isEqualTo("java.lang.IllegalStateException");
    tracing.close();
  }

  @Test
  void jsonLine_masksTokensRoutingKeysAndPasswords() throws Exception {
    Logger log = configure("json").getLogger("dev.vigil.activities.paging.PagerDutySink");
    log.info("calling with Authorization: Bearer {}", TOKEN);
    log.info("payload {\"routing_key\":\"{}\",\"event_action\":\"trigger\"}", ROUTING_KEY);
    log.info("jdbc user=vigil password={} token={}", PASSWORD, TOKEN);
    try (MDC.MDCCloseable ignored = MDC.putCloseable("token", TOKEN)) {
      log.info("mdc with a secret field");
    }

    String all = out.toString(StandardCharsets.UTF_8);
    assertThat(all).doesNotContain(TOKEN).doesNotContain(ROUTING_KEY).doesNotContain(PASSWORD);
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).path("message").asText())
        .isEqualTo("calling with Authorization: Bearer ****");
    assertThat(lines.get(1).path("message").asText()).contains("\"routing_key\":\"****\"");
    assertThat(lines.get(2).path("message").asText())
        .isEqualTo("jdbc user=vigil password=**** token=****");
    assertThat(lines.get(3).path("token").asText()).isEqualTo("****");
  }

  @Test
  void textFormat_staysHumanReadable_andMasksToo() throws Exception {
    Logger log = configure("text").getLogger("dev.vigil.worker.TemporalWorker");
    log.info("routingKey={} ready", ROUTING_KEY);

    String all = out.toString(StandardCharsets.UTF_8);
    assertThat(all).contains("INFO").contains("routingKey=**** ready").doesNotContain(ROUTING_KEY);
    assertThat(all.trim()).doesNotStartWith("{");
  }

  private LoggerContext configure(String format) throws JoranException {
    context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    String xml =
        """
        <configuration>
          <property name="VIGIL_SERVICE" value="vigil-test"/>
          <include resource="vigil-logback.xml"/>
          <root level="INFO"><appender-ref ref="%s"/></root>
        </configuration>
        """
            .formatted(format);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    // The appender as configured, writing to this test's buffer instead of the console.
    ((OutputStreamAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(format))
        .setOutputStream(out);
    return context;
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
