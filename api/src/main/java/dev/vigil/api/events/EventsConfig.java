package dev.vigil.api.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The event stream ({@code vigil.api.events.*}).
 *
 * @param pollInterval how often the one shared poller reads new {@code outbox} rows
 * @param batchSize rows read per poll at most
 * @param heartbeat interval of the comment line that keeps idle connections (and proxies) alive
 * @param bufferSize events queued per client; a client that falls this far behind is dropped
 * @param gapGrace how long a gap in outbox ids is waited for (a transaction that took its id but
 *     has not committed yet) before the poller moves past it
 * @param retry the reconnect delay suggested to clients ({@code retry:})
 * @param maxStreamsPerCaller event streams one token subject may hold at once, SSE, WebSocket and
 *     gRPC StreamEvents together
 */
@ConfigurationProperties("vigil.api.events")
public record EventsConfig(
    @Bindable(defaultValue = "500ms") Duration pollInterval,
    @Bindable(defaultValue = "500") int batchSize,
    @Bindable(defaultValue = "15s") Duration heartbeat,
    @Bindable(defaultValue = "256") int bufferSize,
    @Bindable(defaultValue = "5s") Duration gapGrace,
    @Bindable(defaultValue = "3s") Duration retry,
    @Bindable(defaultValue = "8") int maxStreamsPerCaller) {}
