package dev.vigil.worker;

import io.micronaut.runtime.Micronaut;

/**
 * The Vigil worker: polls task queue {@code vigil-remediation} for RemediationWorkflow and its
 * activities, and serves {@code /health/*} and {@code /metrics}. Scale it horizontally; every
 * instance is equal.
 */
public final class WorkerApplication {
  private WorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(WorkerApplication.class).banner(false).start();
  }
}
