package dev.vigil.activities.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Runs activity implementations the way a worker does (temporal-testing's {@link
 * TestActivityEnvironment}: real activity context, heartbeats, payload conversion), one attempt per
 * call so failures show as they reach the workflow.
 */
public final class ActivityRunner implements AutoCloseable {
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();

  public ActivityRunner(Object... implementations) {
    env.registerActivitiesImplementations(implementations);
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
  }

  public <T> T stub(Class<T> activityInterface) {
    return env.newActivityStub(
        activityInterface,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setHeartbeatTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  public List<String> heartbeats() {
    return heartbeats;
  }

  /** The {@link ApplicationFailure} the workflow would see when the activity fails. */
  public static ApplicationFailure failureOf(ThrowingCallable call) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(
            () -> {
              try {
                call.call();
              } catch (Throwable t) {
                caught[0] = t;
                throw t;
              }
            })
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) caught[0].getCause();
  }

  @Override
  public void close() {
    env.close();
  }
}
