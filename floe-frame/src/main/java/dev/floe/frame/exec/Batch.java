package dev.floe.frame.exec;

import dev.floe.frame.column.Vector;
import java.util.List;

/**
 * A morsel: one vector per column of the pipeline's schema, all of {@code rows} values.
 * {@code start} is the row of the whole input where it begins, for error messages.
 */
public record Batch(List<Vector> columns, int rows, long start) {
    public Batch {
        columns = List.copyOf(columns);
        for (Vector column : columns) {
            if (column.length() != rows) {
                throw new IllegalArgumentException("a batch of " + rows + " rows got a vector of " + column.length());
            }
        }
    }

    public Vector column(int index) {
        return columns.get(index);
    }
}
