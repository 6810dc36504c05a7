package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * {@code min()} and {@code max()} of the non-null values: numbers (NaN is passed over unless a
 * group has nothing else; {@code nanMax()} takes NaN as larger than every number), temporal values and booleans by value, text by code point. Null for a
 * group with no values.
 */
final class MinMaxAccumulator implements Accumulator {
    private final boolean max;
    private final boolean nanLargest;
    private final DataType type;
    private boolean[] seen = new boolean[16];
    private boolean[] onlyNaN = new boolean[16];
    private long[] longs = new long[16];
    private long[] highs = new long[0];
    private double[] doubles = new double[16];
    private byte[][] texts = new byte[16][];

    MinMaxAccumulator(DataType type, boolean max, boolean nanLargest) {
        this.type = type;
        this.max = max;
        this.nanLargest = nanLargest;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        seen = Growable.ensure(seen, groupCount);
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        if (type.isText()) {
            texts = Growable.ensure(texts, groupCount);
            Utf8Vector text = input instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) input;
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    offerText(groups[i], text.data(), text.start(i), text.byteLength(i));
                }
            }
        } else if (type.isFloat()) {
            doubles = Growable.ensure(doubles, groupCount);
            onlyNaN = Growable.ensure(onlyNaN, groupCount);
            double[] values = Kernels.doubleArray(input);
            int offset = Kernels.doubleOffset(input);
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    offerDouble(groups[i], values[offset + i]);
                }
            }
        } else if (type.isWide()) {
            longs = Growable.ensure(longs, groupCount);
            highs = Growable.ensure(highs, groupCount);
            long[][] words = Kernels.int128Words(input);
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    offerWide(groups[i], words[0][i], words[1][i]);
                }
            }
        } else if (type != DataType.NULL) {
            longs = Growable.ensure(longs, groupCount);
            long[] values = Kernels.longArray(input);
            int offset = Kernels.longOffset(input);
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    offerLong(groups[i], values[offset + i]);
                }
            }
        }
    }

    private void offerLong(int group, long value) {
        if (!seen[group] || (max ? value > longs[group] : value < longs[group])) {
            longs[group] = value;
            seen[group] = true;
        }
    }

    private void offerWide(int group, long high, long low) {
        int order = seen[group] ? Int128.compare(high, low, highs[group], longs[group]) : 0;
        if (!seen[group] || (max ? order > 0 : order < 0)) {
            highs[group] = high;
            longs[group] = low;
            seen[group] = true;
        }
    }

    private void offerDouble(int group, double value) {
        if (nanLargest) {
            // NaN above every number: once a group holds one, it is the maximum
            if (!seen[group] || Double.isNaN(value) || !Double.isNaN(doubles[group]) && value > doubles[group]) {
                doubles[group] = value;
                seen[group] = true;
            }
            return;
        }
        if (Double.isNaN(value)) {
            if (!seen[group]) {
                seen[group] = true;
                onlyNaN[group] = true;
                doubles[group] = value;
            }
            return;
        }
        if (!seen[group] || onlyNaN[group] || (max ? value > doubles[group] : value < doubles[group])) {
            doubles[group] = value;
            seen[group] = true;
            onlyNaN[group] = false;
        }
    }

    private void offerText(int group, byte[] data, int start, int length) {
        byte[] best = texts[group];
        if (!seen[group]) {
            texts[group] = Arrays.copyOfRange(data, start, start + length);
            seen[group] = true;
            return;
        }
        int order = Arrays.compareUnsigned(data, start, start + length, best, 0, best.length);
        if (max ? order > 0 : order < 0) {
            texts[group] = Arrays.copyOfRange(data, start, start + length);
        }
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        MinMaxAccumulator that = (MinMaxAccumulator) other;
        seen = Growable.ensure(seen, groupCount);
        longs = Growable.ensure(longs, groupCount);
        doubles = Growable.ensure(doubles, groupCount);
        onlyNaN = Growable.ensure(onlyNaN, groupCount);
        texts = Growable.ensure(texts, groupCount);
        if (type.isWide()) {
            highs = Growable.ensure(highs, groupCount);
        }
        for (int g = 0; g < mapping.length; g++) {
            if (g >= that.seen.length || !that.seen[g] || mapping[g] < 0) {
                continue;
            }
            int group = mapping[g];
            if (type.isText()) {
                offerText(group, that.texts[g], 0, that.texts[g].length);
            } else if (type.isFloat()) {
                offerDouble(group, that.doubles[g]);
            } else if (type.isWide()) {
                offerWide(group, that.highs[g], that.longs[g]);
            } else {
                offerLong(group, that.longs[g]);
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            if (order[i] < seen.length && seen[order[i]]) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        Validity validity = Validity.of(bits, n);
        if (type == DataType.NULL) {
            return Kernels.nulls(type, n);
        }
        if (type.isText()) {
            Utf8Vector.Builder builder = new Utf8Vector.Builder(n, n * 8);
            for (int i = 0; i < n; i++) {
                int g = order[i];
                if (g < seen.length && seen[g]) {
                    builder.append(texts[g], 0, texts[g].length);
                } else {
                    builder.appendNull();
                }
            }
            Utf8Vector text = builder.build();
            return type == DataType.CATEGORICAL ? CastKernel.textToCategorical(text) : text;
        }
        if (type.isFloat()) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = order[i] < doubles.length ? doubles[order[i]] : 0;
            }
            return Kernels.fromDoubles(type, out, n, validity);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i] < longs.length ? longs[order[i]] : 0;
        }
        if (type.isWide()) {
            long[] high = new long[n];
            for (int i = 0; i < n; i++) {
                high[i] = order[i] < highs.length ? highs[order[i]] : 0;
            }
            return new Int128Vector(type, high, out, 0, n, validity);
        }
        return Kernels.fromLongs(type, out, n, validity);
    }
}
