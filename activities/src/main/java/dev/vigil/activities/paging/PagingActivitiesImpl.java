package dev.vigil.activities.paging;

import dev.vigil.workflows.activity.ActionErrors;
import dev.vigil.workflows.activity.PageRequest;
import dev.vigil.workflows.activity.PageResult;
import dev.vigil.workflows.activity.PagingActivities;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages a human through the configured sink (PagerDuty, else the webhook). Without a sink a page is
 * logged and answered {@code DISABLED}; a dry run answers {@code WOULD_PAGE} and sends nothing.
 * Counts {@code vigil.pages{sink,outcome}}.
 */
@Singleton
public class PagingActivitiesImpl implements PagingActivities {
  public static final String NO_SINK = "none";
  static final String METRIC = "vigil.pages";

  private static final Logger log = LoggerFactory.getLogger(PagingActivitiesImpl.class);

  private final PageSink sink;
  private final MeterRegistry meters;

  public PagingActivitiesImpl(List<PageSink> sinks, MeterRegistry meters) {
    this.sink = sinks.stream().min(Comparator.comparingInt(PageSink::getOrder)).orElse(null);
    this.meters = meters;
  }

  @Override
  public PageResult triggerPage(PageRequest request) {
    return page(PageAction.TRIGGER, request);
  }

  @Override
  public PageResult resolvePage(PageRequest request) {
    return page(PageAction.RESOLVE, request);
  }

  private PageResult page(PageAction action, PageRequest request) {
    String dedupKey = request.dedupKey();
    if (dedupKey == null || dedupKey.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a page needs a dedup key (the incident id)", ActionErrors.INVALID_PARAMS);
    }
    String sinkName = sink == null ? NO_SINK : sink.name();
    if (request.dryRun()) {
      log.info(
          "dry run: would {} page {} via {}: {}",
          action.eventAction(),
          dedupKey,
          sinkName,
          request.summary());
      return counted(new PageResult(dedupKey, "WOULD_PAGE", sinkName));
    }
    if (sink == null) {
      log.warn(
          "no paging sink configured (vigil.paging.pagerduty.routing-key or"
              + " vigil.paging.webhook.url): {} page {} not sent: {}",
          action.eventAction(),
          dedupKey,
          request.summary());
      return counted(new PageResult(dedupKey, "DISABLED", NO_SINK));
    }
    try {
      sink.deliver(action, request);
    } catch (RuntimeException e) {
      count(sinkName, "failed");
      throw e;
    }
    log.info("{} page {} via {}: {}", action.eventAction(), dedupKey, sinkName, request.summary());
    return counted(new PageResult(dedupKey, action.outcome(), sinkName));
  }

  private PageResult counted(PageResult result) {
    count(result.sink(), result.outcome().toLowerCase(Locale.ROOT));
    return result;
  }

  private void count(String sinkName, String outcome) {
    Counter.builder(METRIC)
        .description("Pages sent to humans, by sink and outcome")
        .tag("sink", sinkName)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
