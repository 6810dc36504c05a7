package dev.floe.frame.plan;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Reads an in-memory frame: all its columns, or only {@code projection} (in that order) when the
 * optimizer found the rest unused.
 */
public record Scan(DataFrame frame, List<String> projection) implements PlanNode {
    public Scan {
        Objects.requireNonNull(frame, "frame is null");
        if (projection != null) {
            projection = List.copyOf(projection);
            for (String column : projection) {
                frame.schema().indexOf(column);
            }
        }
    }

    /** A scan of every column. */
    public Scan(DataFrame frame) {
        this(frame, null);
    }

    /** The frame as this scan reads it: only the projected columns. */
    public DataFrame read() {
        return projection == null ? frame : DataFrame.of(projection.stream().map(frame::column).toList());
    }

    @Override
    public Schema schema() {
        return projection == null ? frame.schema()
                : Schema.of(projection.stream().map(name -> new Schema.Field(name, frame.schema().type(name))).toList());
    }

    @Override
    public PlanNode withInputs(List<PlanNode> inputs) {
        return this;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scan that && frame == that.frame && Objects.equals(projection, that.projection);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(frame) * 31 + Objects.hashCode(projection);
    }

    @Override
    public String toString() {
        String columns = projection == null ? frame.columns().toString()
                : projection + " (" + projection.size() + " of " + frame.width() + " columns)";
        return "DF " + columns + "; " + frame.height() + (frame.height() == 1 ? " row" : " rows");
    }
}
