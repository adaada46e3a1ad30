package dev.vigil.ingest.state;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The signal consumer ({@code vigil.ingest.consumer.*}).
 *
 * @param groupId Kafka consumer group of the ingest replicas
 * @param inboxRetention how long event ids are kept for dedup; longer than any redelivery or
 *     Alertmanager resend you want absorbed
 * @param inboxPruneInterval how often the inbox retention job runs
 * @param pruneBatchSize rows deleted per statement by the retention jobs
 */
@ConfigurationProperties("vigil.ingest.consumer")
public record ConsumerConfig(
    @Bindable(defaultValue = "vigil-ingest") String groupId,
    @Bindable(defaultValue = "48h") Duration inboxRetention,
    @Bindable(defaultValue = "10m") Duration inboxPruneInterval,
    @Bindable(defaultValue = "5000") int pruneBatchSize) {}
