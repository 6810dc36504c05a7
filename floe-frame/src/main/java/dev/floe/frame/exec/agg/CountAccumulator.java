package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.util.List;

/** {@code count()} (non-null values) and {@code len()} (rows). */
final class CountAccumulator implements Accumulator {
    private final boolean rows;
    private long[] counts = new long[16];

    /** @param rows count every row ({@code len}) rather than the non-null values ({@code count}) */
    CountAccumulator(boolean rows) {
        this.rows = rows;
    }

    @Override
    public void add(int[] groups, int n, int groupCount, List<Vector> inputs, long firstRow) {
        counts = Growable.ensure(counts, groupCount);
        Validity validity = rows ? null : inputs.get(0).validity();
        if (groupCount == 1 && (validity == null || validity.length() == n)) {
            // one group (a count of the whole input): every row is group 0, and the validity knows its nulls
            counts[0] += validity == null ? n : n - validity.nullCount();
            return;
        }
        if (validity == null) {
            for (int i = 0; i < n; i++) {
                counts[groups[i]]++;
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (validity.isValid(i)) {
                    counts[groups[i]]++;
                }
            }
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        counts = Growable.ensure(counts, groupCount);
        long[] theirs = ((CountAccumulator) other).counts;
        for (int g = 0; g < mapping.length; g++) {
            if (mapping[g] >= 0) {
                counts[mapping[g]] += theirs[g];
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = order[i] < counts.length ? counts[order[i]] : 0;
        }
        return new LongVector(DataType.INT64, out, null);
    }
}
