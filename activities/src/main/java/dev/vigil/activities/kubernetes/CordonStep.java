package dev.vigil.activities.kubernetes;

import dev.vigil.workflows.activity.ActionRequest;
import dev.vigil.workflows.activity.ActionResult;
import dev.vigil.workflows.activity.ActionResult.Outcome;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s.cordon} and {@code k8s.uncordon}: one step in two directions, since both only switch
 * the node's {@code spec.unschedulable}. A node already so is {@code UNCHANGED}, so a retry after a
 * lost reply is harmless without an idempotency stamp.
 */
final class CordonStep implements KubernetesStep {
  private final TargetResolver targets;
  private final Nodes nodes;
  private final boolean schedulable;
  private final String verb;

  private CordonStep(TargetResolver targets, Nodes nodes, boolean schedulable) {
    this.targets = targets;
    this.nodes = nodes;
    this.schedulable = schedulable;
    this.verb = schedulable ? "uncordon" : "cordon";
  }

  /** Marks the node unschedulable: running pods stay, no new ones land. */
  static CordonStep cordon(TargetResolver targets, Nodes nodes) {
    return new CordonStep(targets, nodes, false);
  }

  /** Makes the node schedulable again. */
  static CordonStep uncordon(TargetResolver targets, Nodes nodes) {
    return new CordonStep(targets, nodes, true);
  }

  @Override
  public String preview(ActionRequest request, String action) {
    Target node = targets.node(request);
    boolean unschedulable = Nodes.isUnschedulable(nodes.require(node));
    return unschedulable == !schedulable
        ? node.describe() + " is already " + verb + "ed: nothing to do"
        : "would " + verb + " " + node.describe();
  }

  @Override
  public ActionResult act(ActionRequest request, String action) {
    Target node = targets.node(request);
    boolean changed = nodes.setUnschedulable(node, !schedulable);
    return new ActionResult(
        action,
        changed ? Outcome.SUCCEEDED : Outcome.UNCHANGED,
        changed ? verb + "ed " + node.describe() : node.describe() + " already " + verb + "ed",
        List.of(node.name()),
        Map.of("unschedulable", Boolean.toString(!schedulable)));
  }
}
