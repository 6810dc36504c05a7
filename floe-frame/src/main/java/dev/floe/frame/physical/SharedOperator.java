package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import java.util.List;

/**
 * A subplan that occurs more than once in one plan: the first occurrence to run computes its
 * rows and holds them; every other reads them ({@link LocalEngine} asks {@link #computed} before
 * running the input again). One per query: the planner makes it for the plan it plans.
 */
final class SharedOperator implements PhysicalNode.BreakerOperator {
    private final Schema schema;
    private final int uses;
    private DataFrame rows;

    SharedOperator(Schema schema, int uses) {
        this.schema = schema;
        this.uses = uses;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** The rows, once an occurrence has computed them; else null. */
    synchronized DataFrame computed() {
        return rows;
    }

    @Override
    public DataFrame run(List<Pipeline> inputs, ExecutionContext context) {
        DataFrame frame = HoldingOperator.collect(inputs.get(0), context);
        synchronized (this) {
            if (rows == null) {
                rows = frame;
            }
            return rows;
        }
    }

    @Override
    public String describe() {
        return "SHARED (occurs " + uses + " times, computed once)";
    }
}
