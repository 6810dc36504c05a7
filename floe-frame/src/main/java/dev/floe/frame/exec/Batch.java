package dev.floe.frame.exec;

import dev.floe.frame.column.Vector;
import java.util.ArrayList;
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

    /** The columns {@code columns} of this batch (by index, in that order), the same rows. */
    public Batch select(int[] columns) {
        List<Vector> picked = new ArrayList<>(columns.length);
        for (int column : columns) {
            picked.add(this.columns.get(column));
        }
        return new Batch(picked, rows, start);
    }

    /** Rows {@code positions[0, count)} of this batch, in that order, as a batch that begins at row {@code start}. */
    public Batch gather(int[] positions, int count, long start) {
        List<Vector> gathered = new ArrayList<>(columns.size());
        // long runs of consecutive rows (a filter that keeps most rows) are copied run by run
        int[] runs = columns.isEmpty() ? null : Kernels.runs(positions, count);
        for (Vector column : columns) {
            gathered.add(count == 0 ? column.slice(0, 0)
                    : runs != null ? dev.floe.frame.column.Vectors.ranges(column, runs)
                    : Kernels.gather(column, positions, count));
        }
        return new Batch(gathered, count, start);
    }
}
