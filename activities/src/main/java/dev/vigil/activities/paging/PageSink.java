package dev.vigil.activities.paging;

import dev.vigil.workflows.activity.PageRequest;
import io.micronaut.core.order.Ordered;

/**
 * Somewhere a page can be delivered. Sinks are beans that exist only when configured; the one with
 * the lowest {@link #getOrder()} is used.
 */
public interface PageSink extends Ordered {

  /** {@code pagerduty} or {@code webhook}: the {@code sink} of results and metrics. */
  String name();

  /**
   * Delivers the page, retrying throttling and server errors a bounded number of times. Throws a
   * retryable {@code ApplicationFailure} when the sink stays unavailable and a non-retryable one
   * when it rejects the page.
   */
  void deliver(PageAction action, PageRequest request);
}
