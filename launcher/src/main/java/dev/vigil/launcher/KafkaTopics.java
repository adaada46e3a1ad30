package dev.vigil.launcher;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates Vigil's topics when missing (4 partitions, one replica: a single local broker). */
public final class KafkaTopics {
  public static final List<String> VIGIL_TOPICS =
      List.of("vigil.signals", "vigil.signals.dlq", "vigil.incidents");

  private KafkaTopics() {}

  public static void ensure(String bootstrap, List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, 4, (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      }
    }
  }
}
