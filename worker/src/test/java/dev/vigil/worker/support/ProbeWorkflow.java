package dev.vigil.worker.support;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One Docker action in a workflow: the smallest thing that gives the worker real tasks to run. */
@WorkflowInterface
public interface ProbeWorkflow {
  @WorkflowMethod(name = "VigilProbe")
  ActionResult run(ActionRequest request);
}
