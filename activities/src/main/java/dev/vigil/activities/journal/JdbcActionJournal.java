package dev.vigil.activities.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.workflows.activity.ActionContext;
import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link ActionJournal} over PostgreSQL's {@code action_execution}: one row per idempotency key,
 * claimed before the action runs and finished after it, so a retried activity whose attempt already
 * succeeded gets the recorded result back instead of acting twice. Counts every run in {@code
 * vigil.rungs{action,outcome}}.
 *
 * <p>The action itself runs outside any transaction: a Docker or Kubernetes call must not hold a
 * database connection. Two concurrent runs of one key (a timed-out try still running while its
 * retry starts) both act; the actions converge by design (a scale to N stays N).
 */
@Singleton
@Requires(beans = DataSource.class)
public class JdbcActionJournal implements ActionJournal {
  static final String METRIC = "vigil.rungs";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_CHARS = 4000;

  private final ActionExecutionRepository executions;
  private final MeterRegistry meters;
  private final Clock clock;

  public JdbcActionJournal(
      ActionExecutionRepository executions, MeterRegistry meters, Clock clock) {
    this.executions = executions;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public ActionResult execute(ActionRequest request, ActionStep step) {
    ActionContext context = request.context();
    String key = context.idempotencyKey();
    int claimed =
        executions.claim(
            key,
            context.incidentId(),
            context.workflowId(),
            resourceId(request),
            context.rung(),
            context.attempt(),
            context.kind().name(),
            request.action(),
            request.target(),
            json(request.params()),
            context.dryRun(),
            clock.instant());
    if (claimed == 0) {
      ActionResult recorded = recorded(request, executions.findByIdempotencyKey(key).orElseThrow());
      count(request.action(), recorded.outcome());
      return recorded;
    }
    ActionResult result;
    try {
      result =
          context.dryRun()
              ? new ActionResult(
                  request.action(), ActionResult.Outcome.WOULD_DO, step.plan(), List.of(), Map.of())
              : step.perform();
    } catch (RuntimeException e) {
      executions.fail(key, errorType(e), truncate(message(e)), clock.instant());
      count(request.action(), null);
      throw e;
    }
    executions.finish(
        key, result.outcome().name(), result.summary(), json(stored(result)), clock.instant());
    count(request.action(), result.outcome());
    return result;
  }

  private static String resourceId(ActionRequest request) {
    return request.resource() != null ? request.resource().id() : request.context().resourceId();
  }

  private static Map<String, Object> stored(ActionResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("outcome", result.outcome().name());
    json.put("summary", result.summary());
    json.put("affected", result.affected());
    json.put("details", result.details());
    return json;
  }

  private static ActionResult recorded(ActionRequest request, ActionExecutionRow row) {
    Map<String, Object> json = Map.of();
    if (row.result() != null) {
      try {
        json = JSON.readValue(row.result(), new TypeReference<Map<String, Object>>() {});
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("unreadable journal result of " + row.idempotencyKey(), e);
      }
    }
    @SuppressWarnings("unchecked")
    List<String> affected = (List<String>) json.getOrDefault("affected", List.of());
    @SuppressWarnings("unchecked")
    Map<String, String> details = (Map<String, String>) json.getOrDefault("details", Map.of());
    return new ActionResult(
        request.action(), ActionResult.Outcome.ALREADY_DONE, row.summary(), affected, details);
  }

  private static String errorType(RuntimeException e) {
    return e instanceof ApplicationFailure failure && failure.getType() != null
        ? failure.getType()
        : e.getClass().getSimpleName();
  }

  private static String message(RuntimeException e) {
    return e instanceof ApplicationFailure failure ? failure.getOriginalMessage() : e.getMessage();
  }

  private static String truncate(String message) {
    if (message == null || message.length() <= MAX_ERROR_CHARS) {
      return message;
    }
    return message.substring(0, MAX_ERROR_CHARS) + "...";
  }

  /** {@code outcome} null means failed. */
  private void count(String action, ActionResult.Outcome outcome) {
    String label = outcome == null ? "failed" : outcome.name().toLowerCase(Locale.ROOT);
    Counter.builder(METRIC)
        .description("Action runs (rungs and compensations) by action and outcome")
        .tag("action", action)
        .tag("outcome", label)
        .register(meters)
        .increment();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable to JSON: " + value, e);
    }
  }
}
