package dev.vigil.workflows.workflow;

/** The {@code cancelMitigation} signal: who stops the repair and why. */
public record CancelRequest(String by, String reason) {}
