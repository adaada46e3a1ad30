package dev.vigil.workflows.workflow;

/** The {@code resolveManually} signal: a human fixed it (or accepts the state) and says so. */
public record ManualResolution(String by, String note) {}
