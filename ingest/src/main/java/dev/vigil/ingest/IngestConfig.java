package dev.vigil.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * Settings of the ingest service ({@code vigil.ingest.*}); every default is documented in {@code
 * application.yml}.
 *
 * @param maxBodySize largest request body a receiver accepts; larger ones get 413. Alertmanager
 *     sends a whole alert group in one body (10,000 alerts are about 6 MB) and retries a 413
 *     forever, so the default leaves room for the largest groups
 * @param sendTimeout how long a receiver waits for Kafka to acknowledge before answering 503
 * @param topics the Kafka topics
 */
@ConfigurationProperties("vigil.ingest")
public record IngestConfig(
    @Bindable(defaultValue = "16MB") @ReadableBytes int maxBodySize,
    @Bindable(defaultValue = "10s") Duration sendTimeout,
    Topics topics) {

  public IngestConfig {
    topics = topics == null ? Topics.DEFAULTS : topics;
  }

  /**
   * Kafka topics ({@code vigil.ingest.topics.*}).
   *
   * @param signals normalized envelopes, key = resourceId
   * @param dlq records the consumer cannot parse, with the error in headers
   * @param incidents incident CloudEvents the relay publishes from the outbox
   */
  @ConfigurationProperties("topics")
  public record Topics(
      @Bindable(defaultValue = "vigil.signals") String signals,
      @Bindable(defaultValue = "vigil.signals.dlq") String dlq,
      @Bindable(defaultValue = "vigil.incidents") String incidents) {
    public static final Topics DEFAULTS =
        new Topics("vigil.signals", "vigil.signals.dlq", "vigil.incidents");
  }
}
