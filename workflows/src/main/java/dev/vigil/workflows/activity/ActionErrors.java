package dev.vigil.workflows.activity;

import java.util.List;

/**
 * Stable {@code ApplicationFailure} types for permanent action failures. Activities throw them with
 * {@code ApplicationFailure.newNonRetryableFailure(message, TYPE)}; the workflow's retry policies
 * also list them as non-retryable, so the ladder moves on at once.
 */
public final class ActionErrors {
  /** The target does not exist (HTTP 404, no container with the service label, ...). */
  public static final String TARGET_NOT_FOUND = "TargetNotFound";

  /** Vigil may not do this (HTTP 403, RBAC). */
  public static final String FORBIDDEN = "Forbidden";

  /** The parameters cannot work (missing, malformed, out of bounds). */
  public static final String INVALID_PARAMS = "InvalidParams";

  /** The action is not known to this worker, or disabled by configuration. */
  public static final String UNSUPPORTED_ACTION = "UnsupportedAction";

  /** The action ran but its result never became ready (e.g. a replica never healthy). */
  public static final String NOT_READY = "NotReady";

  /** A policy (PodDisruptionBudget, ceiling) forbids the change. */
  public static final String BLOCKED_BY_POLICY = "BlockedByPolicy";

  public static final List<String> NON_RETRYABLE =
      List.of(
          TARGET_NOT_FOUND,
          FORBIDDEN,
          INVALID_PARAMS,
          UNSUPPORTED_ACTION,
          NOT_READY,
          BLOCKED_BY_POLICY);

  private ActionErrors() {}
}
