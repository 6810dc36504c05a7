package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * {@code first()} and {@code last()}: the value of the group's earliest (or latest) input row,
 * null or not; or, passing over nulls, of its earliest row with a value ({@code firstNonNull()}). Keeps each group's row number and the position of that row's value, and gathers
 * the values once at the end.
 */
final class FirstLastAccumulator implements Accumulator {
    private final boolean last;
    private final boolean ignoreNulls;
    private final DataType type;
    private long[] rows = new long[16];
    private boolean[] seen = new boolean[16];
    private final ValueStore values;

    FirstLastAccumulator(DataType type, boolean last, boolean ignoreNulls) {
        this.type = type;
        this.last = last;
        this.ignoreNulls = ignoreNulls;
        this.values = new ValueStore(type);
    }

    @Override
    public void add(int[] groups, int n, int groupCount, List<Vector> inputs, long firstRow) {
        rows = Growable.ensure(rows, groupCount);
        seen = Growable.ensure(seen, groupCount);
        values.ensure(groupCount);
        Vector input = inputs.get(0);
        values.bind(input);
        boolean skipNulls = ignoreNulls && input.validity() != null;
        for (int i = 0; i < n; i++) {
            if (skipNulls && input.isNull(i)) {
                continue;
            }
            int g = groups[i];
            long row = firstRow + i;
            if (!seen[g] || (last ? row > rows[g] : row < rows[g])) {
                seen[g] = true;
                rows[g] = row;
                values.set(g, i);
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        FirstLastAccumulator that = (FirstLastAccumulator) other;
        rows = Growable.ensure(rows, groupCount);
        seen = Growable.ensure(seen, groupCount);
        values.ensure(groupCount);
        for (int g = 0; g < mapping.length; g++) {
            if (g >= that.seen.length || !that.seen[g] || mapping[g] < 0) {
                continue;
            }
            int group = mapping[g];
            if (!seen[group] || (last ? that.rows[g] > rows[group] : that.rows[g] < rows[group])) {
                seen[group] = true;
                rows[group] = that.rows[g];
                values.copy(group, that.values, g);
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        return type == DataType.NULL ? Kernels.nulls(type, order.length) : values.finish(order, seen);
    }
}
