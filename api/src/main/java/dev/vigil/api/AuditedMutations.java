package dev.vigil.api;

import dev.vigil.api.tenancy.OutOfScope;
import dev.vigil.web.ProblemException;
import dev.vigil.web.audit.AuditEntry;
import dev.vigil.web.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Runs an API mutation and writes its {@code audit_log} row, whatever the outcome: {@code accepted}
 * (202), or the problem's status as a word ({@code invalid}, {@code not_found}, {@code conflict},
 * {@code unavailable}, {@code failed}). Every transport (REST, gRPC) goes through the same service
 * methods and so through this.
 */
@Singleton
public class AuditedMutations {
  /** The result word of a request about something the caller does not see (answered 404). */
  public static final String OUT_OF_SCOPE = "out_of_scope";

  private final AuditLog audit;
  private final JsonMapper json;

  public AuditedMutations(AuditLog audit, JsonMapper json) {
    this.audit = audit;
    this.json = json;
  }

  public <T> T run(
      Caller caller, String action, String target, @Nullable Object body, Supplier<T> mutation) {
    return audited(
        mutation,
        "accepted",
        202,
        (result, status) -> write(caller, action, target, body, result, status));
  }

  /** Where a request's outcome goes: its result word and HTTP status. */
  @FunctionalInterface
  public interface Outcome {
    void record(String result, int status);
  }

  /**
   * Runs {@code call} and records how it ended, whatever that was: {@code success} and {@code
   * successStatus}, {@link #OUT_OF_SCOPE}, the problem's status as a word ({@link #result}), or
   * {@code failed} (500); the exception is rethrown.
   */
  public static <T> T audited(
      Supplier<T> call, String success, int successStatus, Outcome outcome) {
    try {
      T answer = call.get();
      outcome.record(success, successStatus);
      return answer;
    } catch (OutOfScope e) {
      outcome.record(OUT_OF_SCOPE, e.problem().status());
      throw e;
    } catch (ProblemException e) {
      outcome.record(result(e.problem().status()), e.problem().status());
      throw e;
    } catch (RuntimeException e) {
      outcome.record("failed", 500);
      throw e;
    }
  }

  private void write(
      Caller caller,
      String action,
      String target,
      @Nullable Object body,
      String result,
      int status) {
    audit.record(entry(caller, action, target, body, result, status));
  }

  /** The audit row of a caller's request, its body (or query) as JSON. */
  public AuditEntry entry(
      Caller caller,
      String action,
      String target,
      @Nullable Object body,
      String result,
      int status) {
    return new AuditEntry(
        caller.actor(), action, target, toJson(body), result, status, caller.traceId());
  }

  private @Nullable String toJson(@Nullable Object body) {
    try {
      return body == null ? null : json.writeValueAsString(body);
    } catch (IOException e) {
      return null;
    }
  }

  public static String result(int status) {
    return switch (status) {
      case 400 -> "invalid";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 429 -> "too_many";
      case 503 -> "unavailable";
      default -> "failed";
    };
  }
}
