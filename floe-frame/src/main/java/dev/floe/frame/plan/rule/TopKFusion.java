package dev.floe.frame.plan.rule;

import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Slice;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.TopK;

/** {@code sort(...).head(k)} becomes a top-k, which keeps k rows per worker instead of sorting them all. */
public final class TopKFusion implements Rule {
    @Override
    public PlanNode apply(PlanNode plan) {
        return Rule.transformUp(plan, node -> node instanceof Slice slice && slice.offset() == 0
                && slice.input() instanceof Sort sort ? new TopK(sort.input(), sort.keys(), slice.length()) : node);
    }
}
