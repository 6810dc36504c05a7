package dev.floe.frame.plan;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import java.util.List;
import java.util.Objects;

/** Reads an in-memory frame. */
public record Scan(DataFrame frame) implements PlanNode {
    public Scan {
        Objects.requireNonNull(frame, "frame is null");
    }

    @Override
    public Schema schema() {
        return frame.schema();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scan that && frame == that.frame;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(frame);
    }

    @Override
    public String toString() {
        return "DF " + frame.columns() + "; " + frame.height() + " rows";
    }
}
