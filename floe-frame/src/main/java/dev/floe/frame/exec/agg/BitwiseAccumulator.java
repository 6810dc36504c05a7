package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * The bitwise and, or or exclusive or of each group's non-null integers, in their own type
 * (128-bit integers as two words); null for a group with none.
 */
final class BitwiseAccumulator implements Accumulator {
    /** Which operation folds the values. */
    enum Operation {
        AND, OR, XOR
    }

    private final Operation operation;
    private final DataType type;
    private long[] counts = new long[16];
    private long[] high = new long[16];
    private long[] low = new long[16];

    BitwiseAccumulator(Operation operation, DataType type) {
        this.operation = operation;
        this.type = type;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        ensure(groupCount);
        Vector input = inputs.get(0);
        if (input.type() == DataType.NULL) {
            return;
        }
        Validity validity = input.validity();
        if (input.type() == DataType.INT128) {
            long[][] words = Kernels.int128Words(input);
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    fold(groups[i], words[0][i], words[1][i], 1);
                }
            }
            return;
        }
        long[] values = Kernels.longs(input);
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                long value = values[i];
                fold(groups[i], value >> 63, value, 1);
            }
        }
    }

    private void fold(int group, long valueHigh, long valueLow, long count) {
        if (counts[group] == 0) {
            high[group] = valueHigh;
            low[group] = valueLow;
        } else {
            switch (operation) {
                case AND -> {
                    high[group] &= valueHigh;
                    low[group] &= valueLow;
                }
                case OR -> {
                    high[group] |= valueHigh;
                    low[group] |= valueLow;
                }
                case XOR -> {
                    high[group] ^= valueHigh;
                    low[group] ^= valueLow;
                }
            }
        }
        counts[group] += count;
    }

    private void ensure(int groups) {
        counts = Growable.ensure(counts, groups);
        high = Growable.ensure(high, groups);
        low = Growable.ensure(low, groups);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ensure(groupCount);
        BitwiseAccumulator that = (BitwiseAccumulator) other;
        for (int g = 0; g < mapping.length; g++) {
            long m = g < that.counts.length ? that.counts[g] : 0;
            if (m > 0 && mapping[g] >= 0) {
                fold(mapping[g], that.high[g], that.low[g], m);
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        int rows = order.length;
        long[] outLow = new long[rows];
        long[] outHigh = type == DataType.INT128 ? new long[rows] : null;
        long[] bits = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            int g = order[i];
            if (g < counts.length && counts[g] > 0) {
                outLow[i] = low[g];
                if (outHigh != null) {
                    outHigh[i] = high[g];
                }
                bits[i >>> 6] |= 1L << i;
            }
        }
        Validity validity = Validity.of(bits, rows);
        if (outHigh != null) {
            return new Int128Vector(outHigh, outLow, 0, rows, validity);
        }
        return Kernels.fromLongs(type == DataType.NULL ? DataType.INT32 : type, outLow, rows, validity);
    }

    @Override
    public long sizeInBytes(int groups) {
        return 24L * groups;
    }
}
