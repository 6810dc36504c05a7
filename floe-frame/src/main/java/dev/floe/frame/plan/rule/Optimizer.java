package dev.floe.frame.plan.rule;

import dev.floe.frame.plan.PlanNode;
import java.util.List;

/**
 * Rewrites a plan into one that gives the same result faster, applying the rules in turn until
 * none changes anything: constant folding, predicate pushdown, slice pushdown, top-k fusion,
 * then projection pushdown.
 */
public final class Optimizer {
    private static final List<Rule> RULES = List.of(new ConstantFolding(), new PredicatePushdown(),
            new SlicePushdown(), new TopKFusion(), new ProjectionPushdown());
    private static final int MAX_PASSES = 8;

    private Optimizer() {}

    public static PlanNode optimize(PlanNode plan) {
        PlanNode current = plan;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            PlanNode before = current;
            for (Rule rule : RULES) {
                current = rule.apply(current);
            }
            if (current.equals(before)) {
                break;
            }
        }
        return current;
    }
}
