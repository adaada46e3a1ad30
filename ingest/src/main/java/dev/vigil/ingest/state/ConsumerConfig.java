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
 * @param fetchMinBytes bytes the broker gathers before it answers an owner's fetch, unless {@code
 *     fetchMaxWait} passes first: at moderate rates an owner then fetches and writes a few dozen
 *     milliseconds of records at a time instead of a handful per fetch and transaction
 * @param fetchMaxWait longest the broker holds a fetch for {@code fetchMinBytes}: the latency it
 *     may add to an event when records trickle in
 * @param commitInterval how often, at most, an owner tells Kafka its stored offsets while records
 *     keep coming (lag monitoring only: PostgreSQL's offsets are the ones an owner starts from); at
 *     once when it goes idle
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
    @Bindable(defaultValue = "200000") int cacheSize,
    @Bindable(defaultValue = "262144") int fetchMinBytes,
    @Bindable(defaultValue = "20ms") Duration fetchMaxWait,
    @Bindable(defaultValue = "1s") Duration commitInterval) {}
