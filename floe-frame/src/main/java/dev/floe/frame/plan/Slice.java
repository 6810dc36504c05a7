package dev.floe.frame.plan;

import dev.floe.frame.Schema;
import java.util.List;
import java.util.Objects;

/** Rows {@code [offset, offset + length)} of the input, clipped to it; a negative offset counts from the end. */
public record Slice(PlanNode input, long offset, long length) implements PlanNode {
    public Slice {
        Objects.requireNonNull(input, "input is null");
        if (length < 0) {
            throw new IllegalArgumentException("slice length must be at least 0, got " + length);
        }
    }

    @Override
    public Schema schema() {
        return input.schema();
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return new Slice(inputs.get(0), offset, length);
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public String toString() {
        return "SLICE offset " + offset + ", length " + length;
    }
}
