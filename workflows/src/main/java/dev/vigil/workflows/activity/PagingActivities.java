package dev.vigil.workflows.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Pages a human: PagerDuty Events API v2, or a generic JSON webhook. */
@ActivityInterface
public interface PagingActivities {

  /** {@code trigger} with {@code dedup_key} = incident id; retried on 429 and 5xx. */
  @ActivityMethod
  PageResult triggerPage(PageRequest request);

  /** {@code resolve} for the same {@code dedup_key}. */
  @ActivityMethod
  PageResult resolvePage(PageRequest request);
}
