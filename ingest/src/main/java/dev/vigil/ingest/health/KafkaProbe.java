package dev.vigil.ingest.health;

import dev.vigil.platform.health.DependencyProbe;
import dev.vigil.platform.health.HealthConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.management.health.indicator.annotation.Readiness;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Readiness: the Kafka cluster answers. Without it the receivers cannot accept signals (they answer
 * 503 with {@code Retry-After}), so ingest is not ready. Replaces micronaut-kafka's own indicator,
 * which could hold the probe for longer than the kubelet waits while the broker was stopped.
 */
@Context
@Readiness
public class KafkaProbe extends DependencyProbe {
  private final AdminClient admin;

  public KafkaProbe(AdminClient admin, HealthConfig config) {
    super("kafka", config);
    this.admin = admin;
    start();
  }

  @Override
  protected void check(Duration timeout) throws Exception {
    int millis = (int) timeout.toMillis();
    admin
        .describeCluster(new DescribeClusterOptions().timeoutMs(millis))
        .nodes()
        .get(millis, TimeUnit.MILLISECONDS);
  }
}
