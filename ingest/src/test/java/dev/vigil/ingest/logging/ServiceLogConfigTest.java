package dev.vigil.ingest.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The service's own {@code logback.xml} (not the tests' logback-test.xml): JSON by default, with
 * the service name, and a bearer token in a message comes out masked.
 */
class ServiceLogConfigTest {
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void serviceLogsJsonByDefault_namedVigilIngest_withSecretsMasked() throws Exception {
    assumeTrue(System.getenv("VIGIL_LOG_FORMAT") == null, "VIGIL_LOG_FORMAT is set");
    URL config = getClass().getClassLoader().getResource("logback.xml");
    assertThat(config).isNotNull();
    context.setMDCAdapter(MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("json")).as("VIGIL_LOG_FORMAT unset: json").isNotNull();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ((OutputStreamAppender<?>) root.getAppender("json")).setOutputStream(out);

    context.getLogger("dev.vigil.ingest.Test").info("got Authorization: Bearer abc.def-123");

    JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(line.path("service").asText()).isEqualTo("vigil-ingest");
    assertThat(line.path("component").asText()).isEqualTo("dev.vigil.ingest.Test");
    assertThat(line.path("message").asText()).isEqualTo("got Authorization: Bearer ****");
  }
}
