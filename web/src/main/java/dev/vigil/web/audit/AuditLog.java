package dev.vigil.web.audit;

import dev.vigil.store.Sql;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.Principal;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code audit_log} rows for any Vigil service with a datasource: every mutation an API
 * caller asks for, with its outcome. A failed write is logged at ERROR and does not undo or hide
 * the mutation's answer (the signal has already reached the workflow). Rows are written in a
 * transaction of their own ({@code REQUIRES_NEW}): an audit row stays whatever the caller's
 * transaction does.
 */
@Singleton
@Requires(beans = JdbcOperations.class)
public class AuditLog {
  public static final String ANONYMOUS = "anonymous";
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Pattern TRACEPARENT =
      Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
  private static final TransactionDefinition ON_ITS_OWN =
      TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

  /** One row per entry, in batches; appends only (audit_log_pkey is its sequence). */
  static final String INSERT =
      "insert into audit_log (actor, action, target, request, result, status_code, trace_id)"
          + " values (?, ?, ?, cast(? as jsonb), ?, ?, ?)";

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> tx;
  private final JsonMapper json;

  public AuditLog(JdbcOperations jdbc, TransactionOperations<Connection> tx, JsonMapper json) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.json = json;
  }

  /** Records what {@code request}'s caller asked for; the actor is the token's subject. */
  public void record(
      HttpRequest<?> request,
      String action,
      String target,
      @Nullable Object body,
      String result,
      int statusCode) {
    record(request, actorOf(request), action, target, body, result, statusCode);
  }

  /**
   * As {@link #record(HttpRequest, String, String, Object, String, int)} with an explicit actor.
   */
  public void record(
      HttpRequest<?> request,
      String actor,
      String action,
      String target,
      @Nullable Object body,
      String result,
      int statusCode) {
    record(
        new AuditEntry(
            actor,
            action,
            target,
            toJson(body),
            result,
            statusCode,
            traceIdOf(request).orElse(null)));
  }

  public void record(AuditEntry entry) {
    recordAll(List.of(entry));
  }

  /** Writes {@code entries} in one batch and one transaction (the API's audited reads). */
  public void recordAll(List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      tx.execute(ON_ITS_OWN, status -> insert(entries));
    } catch (RuntimeException e) {
      AuditEntry first = entries.getFirst();
      LOG.error(
          "audit_log write of {} rows failed, the first: actor={} action={} target={} result={}",
          entries.size(),
          first.actor(),
          first.action(),
          first.target(),
          first.result(),
          e);
    }
  }

  private int insert(List<AuditEntry> entries) {
    return jdbc.prepareStatement(
        INSERT,
        ps -> {
          for (AuditEntry entry : entries) {
            Sql.bind(
                ps,
                Arrays.asList(
                    entry.actor(),
                    entry.action(),
                    entry.target(),
                    entry.requestJson(),
                    entry.result(),
                    entry.statusCode(),
                    entry.traceId()));
            ps.addBatch();
          }
          return ps.executeBatch().length;
        });
  }

  /** The authenticated caller's name, or {@code anonymous}. */
  public static String actorOf(HttpRequest<?> request) {
    return request.getUserPrincipal().map(Principal::getName).orElse(ANONYMOUS);
  }

  /** The trace id of a W3C {@code traceparent} header, when the caller sent one. */
  public static Optional<String> traceIdOf(HttpRequest<?> request) {
    return request
        .getHeaders()
        .getFirst("traceparent")
        .map(String::trim)
        .map(TRACEPARENT::matcher)
        .filter(java.util.regex.Matcher::matches)
        .map(m -> m.group(1));
  }

  private @Nullable String toJson(@Nullable Object body) {
    if (body == null) {
      return null;
    }
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      LOG.warn("audit: cannot serialize the request body of type {}", body.getClass().getName());
      return null;
    }
  }
}
