package dev.vigil.activities;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The wall clock the state-record activities stamp rows with (leases, cooldowns, the journal).
 * Tests replace it by registering their own {@link Clock} bean.
 */
@Factory
public class ClockFactory {

  @Singleton
  @Requires(missingBeans = Clock.class)
  Clock systemClock() {
    return Clock.systemUTC();
  }
}
