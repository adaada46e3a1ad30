package dev.vigil.activities.docker;

import dev.vigil.activities.journal.ActionStep;

/** A Docker action as the journal runs it, with a plan that needs no answer from the daemon. */
interface DockerStep extends ActionStep {

  /**
   * What the step would do, said from its parameters alone: the dry-run plan while the daemon does
   * not answer (e.g. "would scale docker service app to 2 replicas").
   */
  String planUnseen();
}
