package dev.vigil.activities.journal;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test double of {@link ActionJournal} for actuator tests that do not need PostgreSQL: same
 * contract (dry run plans, a succeeded key is not performed twice), kept in memory. The JDBC
 * journal has its own tests against a real PostgreSQL.
 */
public final class InMemoryActionJournal implements ActionJournal {
  private final Map<String, ActionResult> done = new ConcurrentHashMap<>();

  @Override
  public ActionResult execute(ActionRequest request, ActionStep step) {
    String key = request.context().idempotencyKey();
    ActionResult previous = done.get(key);
    if (previous != null) {
      return new ActionResult(
          previous.action(),
          ActionResult.Outcome.ALREADY_DONE,
          previous.summary(),
          previous.affected(),
          previous.details());
    }
    if (request.context().dryRun()) {
      ActionResult wouldDo =
          new ActionResult(
              request.action(), ActionResult.Outcome.WOULD_DO, step.plan(), List.of(), Map.of());
      done.put(key, wouldDo);
      return wouldDo;
    }
    ActionResult result = step.perform();
    done.put(key, result);
    return result;
  }
}
