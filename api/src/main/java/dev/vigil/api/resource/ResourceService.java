package dev.vigil.api.resource;

import dev.vigil.api.ApiConfig;
import dev.vigil.api.AuditedReads;
import dev.vigil.api.Caller;
import dev.vigil.api.mitigation.LiveRemediations;
import dev.vigil.api.mitigation.TemporalUnavailableException;
import dev.vigil.api.paging.Cursor;
import dev.vigil.api.paging.Page;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import dev.vigil.workflows.workflow.ActionRecord;
import dev.vigil.workflows.workflow.RemediationStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource state for the API. Lists come from PostgreSQL alone (one query per page, never one
 * Temporal call per row); a single resource also asks its running workflow, whose answer is newer
 * than the last {@code recordPhase} row.
 */
@Singleton
public class ResourceService {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceService.class);

  private final ResourceRepository repository;
  private final LiveRemediations live;
  private final ApiConfig config;
  private final AuditedReads reads;

  public ResourceService(
      ResourceRepository repository, LiveRemediations live, ApiConfig config, AuditedReads reads) {
    this.repository = repository;
    this.live = live;
    this.config = config;
    this.reads = reads;
  }

  /** A page of the resources {@code caller} sees (audited as {@code resource.list}). */
  public Page<ResourceView> list(
      Caller caller, ResourceFilter filter, @Nullable Integer limit, @Nullable String cursor) {
    return reads.run(
        caller,
        "resource.list",
        "resources",
        filter,
        () -> {
          int size = config.limit(limit);
          String afterId =
              cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, 1).get(0);
          List<ResourceView> rows = repository.list(caller.visibility(), filter, afterId, size + 1);
          return Page.of(rows, size, r -> Cursor.encode(r.id()));
        });
  }

  /**
   * One resource, 404 when it does not exist or {@code caller} does not see it (audited as {@code
   * resource.get}).
   */
  public ResourceView get(Caller caller, String id) {
    return reads.run(caller, "resource.get", id, null, () -> read(caller, id));
  }

  private ResourceView read(Caller caller, String id) {
    ResourceView stored =
        repository
            .find(caller.visibility(), id)
            .orElseThrow(() -> new ProblemException(Problems.notFound("no resource " + id)));
    try {
      Optional<RemediationStatus> status = live.status(id);
      return status.map(s -> stored.withMitigationStatus(merge(s, stored))).orElse(stored);
    } catch (TemporalUnavailableException e) {
      // PostgreSQL's copy is at most one phase behind; better than failing a read.
      LOG.warn("answering {} from PostgreSQL: {}", id, e.getMessage());
      return stored;
    }
  }

  static MitigationStatus merge(RemediationStatus live, ResourceView stored) {
    MitigationStatus s = stored.mitigationStatus();
    List<ActionRecord> actions = live.lastActions() == null ? List.of() : live.lastActions();
    String lastAction =
        actions.isEmpty()
            ? (s == null ? null : s.lastAction())
            : actions.get(actions.size() - 1).action();
    String incidentId =
        live.incidentId() != null ? live.incidentId() : (s == null ? null : s.incidentId());
    return new MitigationStatus(
        live.attempts(),
        lastAction,
        live.phase() == null ? null : live.phase().name(),
        live.workflowId(),
        incidentId);
  }
}
