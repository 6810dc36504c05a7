package dev.floe.frame.plan.rule;

import dev.floe.frame.plan.PlanNode;

/**
 * One optimizer rewrite. A rule returns a plan that gives the same result as the one it was
 * given (the same rows in the same order, the same schema), or the very same plan if it has
 * nothing to do.
 */
public interface Rule {
    PlanNode apply(PlanNode plan);

    /** Rewrites every node bottom-up with {@code rewrite}. */
    static PlanNode transformUp(PlanNode plan, java.util.function.UnaryOperator<PlanNode> rewrite) {
        java.util.List<PlanNode> inputs = plan.inputs();
        java.util.List<PlanNode> rewritten = new java.util.ArrayList<>(inputs.size());
        boolean changed = false;
        for (PlanNode input : inputs) {
            PlanNode next = transformUp(input, rewrite);
            changed |= next != input;
            rewritten.add(next);
        }
        PlanNode node = changed ? plan.withInputs(rewritten) : plan;
        return rewrite.apply(node);
    }
}
