package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.Kernels;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** Per group: each value (a Long, a Double or the text's bytes) with its count and first row. */
    private Map<Object, long[]>[] counts = newMaps(16);
    /** How many (group, value) entries the maps hold, for the memory estimate. */
    private long entries;

    ModeAccumulator(DataType type, boolean entropy) {
        this.type = type;
        this.entropy = entropy;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, long[]>[] newMaps(int n) {
        return (Map<Object, long[]>[]) new Map[n];
    }

    private void ensure(int groupCount) {
        if (counts.length < groupCount) {
            Map<Object, long[]>[] grown = newMaps(Math.max(groupCount, counts.length * 2));
            System.arraycopy(counts, 0, grown, 0, counts.length);
            counts = grown;
        }
    }

    @Override
    public void add(int[] groups, int n, int groupCount, List<Vector> inputs, long firstRow) {
        ensure(groupCount);
        Vector input = inputs.get(0);
        if (input.type() == DataType.NULL) {
            return;
        }
        Utf8Vector text = !type.isText() ? null
                : input instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) input;
        double[] doubles = type.isFloat() ? Kernels.doubles(input) : null;
        long[] longs = type.isText() || type.isFloat() ? null : Kernels.longs(input);
        for (int i = 0; i < n; i++) {
            if (input.isNull(i)) {
                continue;
            }
            Object value;
            if (text != null) {
                int start = text.start(i);
                value = ByteBuffer.wrap(java.util.Arrays.copyOfRange(text.data(), start, start + text.byteLength(i)));
            } else if (doubles != null) {
                double d = doubles[i];
                value = Double.isNaN(d) ? Double.NaN : d == 0 ? 0.0 : d;
            } else {
                value = longs[i];
            }
            offer(groups[i], value, 1, firstRow + i);
        }
    }

    private void offer(int group, Object value, long count, long row) {
        Map<Object, long[]> map = counts[group];
        if (map == null) {
            map = new HashMap<>();
            counts[group] = map;
        }
        long[] seen = map.get(value);
        if (seen == null) {
            map.put(value, new long[] {count, row});
            entries++;
        } else {
            seen[0] += count;
            seen[1] = Math.min(seen[1], row);
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ModeAccumulator that = (ModeAccumulator) other;
        ensure(groupCount);
        for (int g = 0; g < mapping.length && g < that.counts.length; g++) {
            if (that.counts[g] == null || mapping[g] < 0) {
                continue;
            }
            for (Map.Entry<Object, long[]> entry : that.counts[g].entrySet()) {
                offer(mapping[g], entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
            }
        }
    }

    /** Each group's {@code -sum(p * log2(p))} over its values' shares; 0 for a group with none. */
    private Vector entropies(int[] order) {
        int n = order.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            Map<Object, long[]> map = g < counts.length ? counts[g] : null;
            if (map == null || map.isEmpty()) {
                continue;
            }
            long total = 0;
            for (long[] seen : map.values()) {
                total += seen[0];
            }
            double sum = 0;
            for (long[] seen : map.values()) {
                double p = (double) seen[0] / total;
                sum -= p * Math.log(p);
            }
            out[i] = sum / Math.log(2) + 0.0; // no -0.0 for a single value
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, n, null);
    }

    @Override
    public long sizeInBytes(int groups) {
        return 32L * groups + 96L * entries;
    }

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        if (entropy) {
            return entropies(order);
        }
        Object[] modes = new Object[n];
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            Map<Object, long[]> map = g < counts.length ? counts[g] : null;
            if (map == null || map.isEmpty()) {
                continue;
            }
            Object best = null;
            long[] bestSeen = null;
            for (Map.Entry<Object, long[]> entry : map.entrySet()) {
                long[] seen = entry.getValue();
                if (bestSeen == null || seen[0] > bestSeen[0] || (seen[0] == bestSeen[0] && seen[1] < bestSeen[1])) {
                    best = entry.getKey();
                    bestSeen = seen;
                }
            }
            modes[i] = best;
            bits[i >>> 6] |= 1L << i;
        }
        Validity validity = Validity.of(bits, n);
        if (type.isText()) {
            Utf8Vector.Builder builder = new Utf8Vector.Builder(n, n * 8);
            for (Object mode : modes) {
                if (mode == null) {
                    builder.appendNull();
                } else {
                    byte[] bytes = ((ByteBuffer) mode).array();
                    builder.append(bytes, 0, bytes.length);
                }
            }
            Utf8Vector built = builder.build();
            return type == DataType.CATEGORICAL ? CastKernel.textToCategorical(built) : built;
        }
        if (type.isFloat()) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = modes[i] == null ? 0 : (Double) modes[i];
            }
            return Kernels.fromDoubles(type, out, n, validity);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = modes[i] == null ? 0 : (Long) modes[i];
        }
        return type == DataType.NULL ? Kernels.nulls(type, n) : Kernels.fromLongs(type, out, n, validity);
    }
}
