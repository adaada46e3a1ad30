package dev.vigil.api.mitigation;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A 202 answer: the signal reached the workflow's history; what the workflow does with it shows in
 * {@code status()}, the incident timeline and the event stream.
 */
@Serdeable
public record SignalAccepted(String workflowId, String signal, String by) {}
