package dev.vigil.workflows.workflow;

import java.time.Instant;

/**
 * One action the repair ran (or would have run), as {@code status()} reports it.
 *
 * @param rung 1-based rung number
 * @param attempt the remediation attempt it belonged to
 * @param action the action name, e.g. {@code docker.scale}
 * @param compensation true when it undid an earlier action
 * @param outcome {@code SUCCEEDED}, {@code UNCHANGED}, {@code WOULD_DO}, {@code ALREADY_DONE} or
 *     {@code FAILED}
 * @param message the action's summary or the failure's message
 * @param at workflow time when it finished
 */
public record ActionRecord(
    int rung,
    int attempt,
    String action,
    boolean compensation,
    String outcome,
    String message,
    Instant at) {}
