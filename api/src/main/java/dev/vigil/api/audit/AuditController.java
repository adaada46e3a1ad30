package dev.vigil.api.audit;

import dev.vigil.api.ApiConfig;
import dev.vigil.api.ApiInput;
import dev.vigil.api.AuditedReads;
import dev.vigil.api.Caller;
import dev.vigil.api.paging.Cursor;
import dev.vigil.api.paging.Page;
import dev.vigil.api.tenancy.Tenancy;
import dev.vigil.web.ProblemException;
import dev.vigil.web.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/audit}: the audit log, what operators and dashboards did and read. */
@Controller("/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "audit")
public class AuditController {
  private final AuditRepository repository;
  private final Tenancy tenancy;
  private final AuditedReads reads;
  private final ApiConfig config;

  public AuditController(
      AuditRepository repository, Tenancy tenancy, AuditedReads reads, ApiConfig config) {
    this.repository = repository;
    this.tenancy = tenancy;
    this.reads = reads;
    this.config = config;
  }

  @Get
  @Operation(
      summary = "The audit log",
      description =
          "Newest first: every mutation (refused ones too) and every read of resource and incident"
              + " data, with who, what, the request, when and how it ended. A token of every org"
              + " (org:*) reads every row; one limited to orgs reads its own rows and those about"
              + " resources and incidents of its orgs. Reading it is audited too (audit.list)."
              + " Needs audit:read.")
  public Page<AuditRecord> list(
      @Parameter(description = "ISO-8601 instant; rows written at or after it (default: 1 h ago)")
          @QueryValue
          @Nullable
          String since,
      @Parameter(description = "only this actor (a token's subject)") @QueryValue @Nullable
          String actor,
      @Parameter(description = "only this action, e.g. mitigation.cancel") @QueryValue @Nullable
          String action,
      @Parameter(description = "page size (default 50, at most 500)") @QueryValue @Nullable
          Integer limit,
      @Parameter(description = "nextCursor of the previous page") @QueryValue @Nullable
          String cursor,
      HttpRequest<?> request) {
    Caller caller = tenancy.caller(request);
    Instant from = since(since);
    String byActor = ApiInput.name(blankToNull(actor), "actor");
    String byAction = ApiInput.name(blankToNull(action), "action");
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("since", from.toString());
    query.put("actor", byActor);
    query.put("action", byAction);
    return reads.run(
        caller,
        "audit.list",
        "audit",
        query,
        () -> {
          int size = config.limit(limit);
          Long beforeId = beforeId(cursor);
          List<AuditRecord> rows =
              repository.list(
                  caller.visibility(), caller.actor(), from, byActor, byAction, beforeId, size + 1);
          return Page.of(rows, size, r -> Cursor.encode(Long.toString(r.id())));
        });
  }

  private static Instant since(@Nullable String since) {
    if (since == null || since.isBlank()) {
      return Instant.now().minusSeconds(3600);
    }
    try {
      return Instant.parse(since.trim());
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          Problems.badRequest("since is an ISO-8601 instant, e.g. 2026-12-03T10:00:00Z", "since"));
    }
  }

  private static @Nullable Long beforeId(@Nullable String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(Cursor.decode(cursor, 1).get(0));
    } catch (NumberFormatException e) {
      throw new ProblemException(
          Problems.badRequest("cursor is not one this API issued", "cursor"));
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
