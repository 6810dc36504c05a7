package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import java.util.List;
import java.util.Objects;

/**
 * The first {@code k} rows of the input sorted by {@code keys}: what {@code sort(...).head(k)}
 * becomes, computed without sorting every row. Stable, like {@link Sort}.
 */
public record TopK(PlanNode input, List<SortKey> keys, long k) implements PlanNode {
    public TopK {
        Objects.requireNonNull(input, "input is null");
        if (k < 0) {
            throw new IllegalArgumentException("k must be at least 0, got " + k);
        }
        keys = Sort.comparable(keys, input.schema()); // the same checks and keys as a sort
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new TopK(inputs.get(0), keys, k);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "TOP " + k + " BY " + keys;
    }
}
