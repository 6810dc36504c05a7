package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * {@code mode()}: the group's most frequent non-null value; among values as frequent, the one that
 * occurs first in input order (as DuckDB answers), whatever the split among workers. Floats are
 * counted by value, -0.0 with 0.0 and every NaN together. Null for a group with no values.
 * With {@code entropy}, {@code entropy()} instead: the Shannon entropy of the same counts.
 */
final class ModeAccumulator implements Accumulator {
    private final DataType type;
    /** The entropy of the counts (in bits) instead of the most frequent value. */
    private final boolean entropy;
    /** Each group's distinct values: a float's canonical bits, an integer's value, a text's bytes. */
    private final GroupValueTable values;
    /** Per entry of {@link #values}: how often the value occurs in its group, and its first row. */
    private long[] counts = new long[32];
    private long[] firstRows = new long[32];
    /** The groups made so far. */
    private int groupCount;

    ModeAccumulator(DataType type, boolean entropy) {
        this.type = type;
        this.entropy = entropy;
        this.values = new GroupValueTable(type.isText() || type.isWide()); // 128-bit values as 16 bytes
    }

    @Override
    public void add(int[] groups, int n, int groupCount, List<Vector> inputs, long firstRow) {
        this.groupCount = Math.max(this.groupCount, groupCount);
        Vector input = inputs.get(0);
        if (input.type() == DataType.NULL) {
            return;
        }
        Validity validity = input.validity();
        if (type.isText()) {
            Utf8Vector text = input instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) input;
            byte[] data = text.data();
            for (int i = 0; i < n; i++) {
                if (validity == null || !validity.isNull(i)) {
                    counted(values.add(groups[i], data, text.start(i), text.byteLength(i)), 1, firstRow + i);
                }
            }
        } else if (type.isWide()) {
            long[][] words = Kernels.int128Words(input);
            byte[] bytes = new byte[16];
            java.nio.ByteBuffer pair = java.nio.ByteBuffer.wrap(bytes);
            for (int i = 0; i < n; i++) {
                if (validity == null || !validity.isNull(i)) {
                    pair.putLong(0, words[0][i]).putLong(8, words[1][i]);
                    counted(values.add(groups[i], bytes, 0, 16), 1, firstRow + i);
                }
            }
        } else if (type.isFloat()) {
            double[] doubles = Kernels.doubles(input);
            for (int i = 0; i < n; i++) {
                if (validity == null || !validity.isNull(i)) {
                    counted(values.add(groups[i], GroupValueTable.floatBits(doubles[i])), 1, firstRow + i);
                }
            }
        } else {
            long[] longs = Kernels.longs(input);
            for (int i = 0; i < n; i++) {
                if (validity == null || !validity.isNull(i)) {
                    counted(values.add(groups[i], longs[i]), 1, firstRow + i);
                }
            }
        }
    }

    /** Adds {@code count} occurrences, the first at {@code row}, to {@code entry} (a new one has none yet). */
    private void counted(int entry, long count, long row) {
        if (entry >= counts.length) {
            counts = Growable.ensure(counts, entry + 1);
            firstRows = Growable.ensure(firstRows, entry + 1);
        }
        if (counts[entry] == 0) {
            counts[entry] = count;
            firstRows[entry] = row;
        } else {
            counts[entry] += count;
            firstRows[entry] = Math.min(firstRows[entry], row);
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ModeAccumulator that = (ModeAccumulator) other;
        this.groupCount = Math.max(this.groupCount, groupCount);
        for (int e = 0; e < that.values.size(); e++) {
            int from = that.values.group(e);
            if (from >= mapping.length || mapping[from] < 0) {
                continue;
            }
            counted(values.addFrom(that.values, e, mapping[from]), that.counts[e], that.firstRows[e]);
        }
    }

    /** Each group's {@code -sum(p * log2(p))} over its values' shares; 0 for a group with none. */
    private Vector entropies(int[] order) {
        int entries = values.size();
        long[] totals = new long[groupCount];
        for (int e = 0; e < entries; e++) {
            totals[values.group(e)] += counts[e];
        }
        double[] sums = new double[groupCount];
        for (int e = 0; e < entries; e++) {
            int g = values.group(e);
            double p = (double) counts[e] / totals[g];
            sums[g] -= p * Math.log(p);
        }
        int n = order.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            out[i] = g < groupCount ? sums[g] / Math.log(2) + 0.0 : 0.0; // no -0.0 for a single value
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, null);
    }

    @Override
    public long sizeInBytes(int groups) {
        return values.sizeInBytes() + 16L * counts.length;
    }

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        if (entropy) {
            return entropies(order);
        }
        // each group's most frequent value, the first seen among the most frequent
        int[] best = new int[groupCount];
        Arrays.fill(best, -1);
        for (int e = 0; e < values.size(); e++) {
            int g = values.group(e);
            int b = best[g];
            if (b < 0 || counts[e] > counts[b] || (counts[e] == counts[b] && firstRows[e] < firstRows[b])) {
                best[g] = e;
            }
        }
        long[] bits = new long[(n + 63) >>> 6];
        int[] modes = new int[n];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            modes[i] = g < groupCount ? best[g] : -1;
            if (modes[i] >= 0) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        Validity validity = Validity.of(bits, n);
        if (type.isText()) {
            Utf8Vector.Builder builder = new Utf8Vector.Builder(n, n * 8);
            byte[] data = values.textBytes();
            for (int mode : modes) {
                if (mode < 0) {
                    builder.appendNull();
                } else {
                    builder.append(data, values.textStart(mode), values.textLength(mode));
                }
            }
            Utf8Vector built = builder.build();
            return type == DataType.CATEGORICAL ? CastKernel.textToCategorical(built) : built;
        }
        if (type == DataType.NULL) {
            return Kernels.nulls(type, n);
        }
        if (type.isWide()) {
            java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(values.textBytes());
            long[] high = new long[n];
            long[] low = new long[n];
            for (int i = 0; i < n; i++) {
                if (modes[i] >= 0) {
                    high[i] = data.getLong(values.textStart(modes[i]));
                    low[i] = data.getLong(values.textStart(modes[i]) + 8);
                }
            }
            return new dev.floe.frame.column.Int128Vector(type, high, low, 0, n, validity);
        }
        if (type.isFloat()) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = modes[i] < 0 ? 0 : Double.longBitsToDouble(values.bits(modes[i]));
            }
            return Kernels.fromDoubles(type, out, n, validity);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = modes[i] < 0 ? 0 : values.bits(modes[i]);
        }
        return Kernels.fromLongs(type, out, n, validity);
    }
}
