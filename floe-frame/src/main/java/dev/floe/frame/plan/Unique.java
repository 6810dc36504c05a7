package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import java.util.List;
import java.util.Objects;

/**
 * One row per distinct value of {@code subset} (every column when empty): the first or the last
 * row of each, in input order. Null is a value like any other here.
 */
public record Unique(PlanNode input, List<String> subset, boolean keepLast) implements PlanNode {
    public Unique {
        Objects.requireNonNull(input, "input is null");
        subset = List.copyOf(subset);
        for (String column : subset.isEmpty() ? input.schema().names() : subset) {
            Aggregate.requireHashable(input.schema().type(column), "make rows unique by '" + column + "'");
        }
    }

    /** The columns whose values make a row distinct. */
    public List<String> keys() {
        return subset.isEmpty() ? input.schema().names() : subset;
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Unique(inputs.get(0), subset, keepLast);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "UNIQUE " + (subset.isEmpty() ? "*" : subset) + " KEEP " + (keepLast ? "LAST" : "FIRST");
    }
}
