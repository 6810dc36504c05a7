package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import java.util.List;

/**
 * A node of a logical plan: a small immutable value naming an operation and its inputs. Its
 * schema is checked when it is built, so a wrong column or type fails at the call that added it.
 * Plans are data: printable ({@link PlanPrinter}), comparable, and rewritten by the optimizer.
 */
public sealed interface PlanNode permits Scan, Select, WithColumns, Filter, Slice, Aggregate, Sort, Join, TopK, Unique,
        WithRowIndex, Concat, Window, Explode, FileScan {
    /** The columns this node produces. */
    Schema schema();

    /** The nodes this one reads. */
    List<PlanNode> inputs();

    /** The same node reading {@code inputs} instead (as many as {@link #inputs()}). */
    PlanNode withInputs(List<PlanNode> inputs);

    /**
     * Whether a join or an aggregation is among {@code node} and its inputs: a subplan worth
     * computing once where it occurs more than once (a scan or a filter alone is not).
     */
    static boolean joinsOrAggregates(PlanNode node) {
        if (node instanceof Join || node instanceof Aggregate) {
            return true;
        }
        for (PlanNode input : node.inputs()) {
            if (joinsOrAggregates(input)) {
                return true;
            }
        }
        return false;
    }
}
