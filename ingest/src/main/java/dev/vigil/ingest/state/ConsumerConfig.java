package dev.vigil.ingest.state;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The signal consumer ({@code vigil.ingest.consumer.*}).
 *
 * @param enabled run partition owners in this replica
 * @param groupId Kafka consumer group of the ingest replicas (they split the partitions)
 * @param threads partition owners per replica, each with its own Kafka consumer and cache
 * @param maxPollRecords records one poll returns at most
 * @param maxBatch records one transaction takes at most: under a backlog batches grow to this, so a
 *     resource's many events become one row write
 * @param window longest a record waits for others to join its batch while more keep arriving
 * @param pollTimeout how long a poll waits for records
 * @param retryDelay pause before a batch whose transaction failed (PostgreSQL down) is read again
 *     from the stored offsets
 * @param cacheSize rows an owner keeps in memory (least recently used out first)
 */
@ConfigurationProperties("vigil.ingest.consumer")
public record ConsumerConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "vigil-ingest") String groupId,
    @Bindable(defaultValue = "2") int threads,
    @Bindable(defaultValue = "5000") int maxPollRecords,
    @Bindable(defaultValue = "20000") int maxBatch,
    @Bindable(defaultValue = "50ms") Duration window,
    @Bindable(defaultValue = "100ms") Duration pollTimeout,
    @Bindable(defaultValue = "2s") Duration retryDelay,
    @Bindable(defaultValue = "200000") int cacheSize) {}
