package dev.vigil.ingest.ttl;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import java.time.Duration;
import java.util.Map;

/**
 * Signal TTLs ({@code vigil.ingest.ttl.*}): signals that never resolve themselves (Kubernetes
 * events) stop being active when not seen for their TTL.
 *
 * @param byCode TTL per signal code; {@code K8sEvent} defaults to 15m, other codes have none
 * @param byReason TTL per reason, overriding the code's; {@code 0s} means no TTL
 * @param sweepInterval how often each partition owner applies the expiries of its partitions
 * @param sweepBatchSize rows per sweep transaction
 * @param sweeperEnabled apply expiries at all (the partition owners do; off only in tests)
 */
@ConfigurationProperties("vigil.ingest.ttl")
public record TtlConfig(
    @Nullable @MapFormat(keyFormat = StringConvention.RAW) Map<String, Duration> byCode,
    @Nullable @MapFormat(keyFormat = StringConvention.RAW) Map<String, Duration> byReason,
    @Bindable(defaultValue = "30s") Duration sweepInterval,
    @Bindable(defaultValue = "500") int sweepBatchSize,
    @Bindable(defaultValue = "true") boolean sweeperEnabled) {

  public static final Map<String, Duration> DEFAULT_BY_CODE =
      Map.of("K8sEvent", Duration.ofMinutes(15));

  public TtlConfig {
    byCode = byCode == null ? Map.of() : Map.copyOf(byCode);
    byReason = byReason == null ? Map.of() : Map.copyOf(byReason);
  }
}
