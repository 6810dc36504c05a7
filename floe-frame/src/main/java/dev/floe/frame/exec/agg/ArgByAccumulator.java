package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.Kernels;
import java.util.Arrays;
import java.util.List;

/**
 * {@code minBy(key)} and {@code maxBy(key)} (SQL's {@code arg_min}/{@code arg_max}): the value of
 * the row whose key is the smallest / largest, over the rows where both the value and the key are
 * present, as DuckDB's. Keys order as numbers (NaN above every number, as DuckDB orders floats),
 * temporal values and booleans by value, text by code point; among equal keys the earliest row
 * wins, so the answer does not depend on how the rows were split among workers. Null for a group
 * with no such row.
 */
final class ArgByAccumulator implements Accumulator {
    private final boolean max;
    private final ValueStore values;
    private boolean[] seen = new boolean[16];
    private long[] rows = new long[16];
    private long[] longs = new long[16];
    /** The high words of 128-bit keys (i128, decimals of more than 18 digits), whose low words are in {@link #longs}. */
    private long[] highs = new long[16];
    private double[] doubles = new double[16];
    private byte[][] texts = new byte[16][];
    /** Which of the arrays holds the keys, known from the first batch with keys. */
    private KeyKind kind;

    private enum KeyKind { LONGS, WORDS, DOUBLES, TEXTS }

    ArgByAccumulator(DataType valueType, boolean max) {
        this.values = new ValueStore(valueType);
        this.max = max;
    }

    @Override
    public void add(int[] groups, int n, int groupCount, List<Vector> inputs, long firstRow) {
        ensure(groupCount);
        Vector value = inputs.get(0);
        Vector key = inputs.get(1);
        if (key.type() == DataType.NULL || value.type() == DataType.NULL) {
            return;
        }
        values.bind(value);
        DataType type = key.type();
        kind = type.isText() ? KeyKind.TEXTS : type.isFloat() ? KeyKind.DOUBLES : type.isWide() ? KeyKind.WORDS
                : KeyKind.LONGS;
        Utf8Vector text = !type.isText() ? null
                : key instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) key;
        double[] keyDoubles = type.isFloat() ? Kernels.doubles(key) : null;
        long[][] keyWords = type.isWide() ? Kernels.int128Words(key) : null;
        long[] keyLongs = type.isText() || type.isFloat() ? null : keyWords != null ? keyWords[1] : Kernels.longs(key);
        for (int i = 0; i < n; i++) {
            if (key.isNull(i) || value.isNull(i)) {
                continue;
            }
            int g = groups[i];
            long row = firstRow + i;
            int order;
            if (text != null) {
                int start = text.start(i);
                order = !seen[g] ? 0 : Arrays.compareUnsigned(text.data(), start, start + text.byteLength(i), texts[g],
                        0, texts[g].length);
                if (better(g, order, row)) {
                    texts[g] = Arrays.copyOfRange(text.data(), start, start + text.byteLength(i));
                    take(g, row, i);
                }
            } else if (keyDoubles != null) {
                order = !seen[g] ? 0 : compareDoubles(keyDoubles[i], doubles[g]);
                if (better(g, order, row)) {
                    doubles[g] = keyDoubles[i];
                    take(g, row, i);
                }
            } else if (keyWords != null) {
                order = !seen[g] ? 0 : Int128.compare(keyWords[0][i], keyLongs[i], highs[g], longs[g]);
                if (better(g, order, row)) {
                    highs[g] = keyWords[0][i];
                    longs[g] = keyLongs[i];
                    take(g, row, i);
                }
            } else {
                order = !seen[g] ? 0 : Long.compare(keyLongs[i], longs[g]);
                if (better(g, order, row)) {
                    longs[g] = keyLongs[i];
                    take(g, row, i);
                }
            }
        }
    }

    /** NaN above every number and equal to itself, -0.0 equal to 0.0, as DuckDB orders floats. */
    private static int compareDoubles(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private boolean better(int group, int order, long row) {
        return !seen[group] || (max ? order > 0 : order < 0) || (order == 0 && row < rows[group]);
    }

    private void take(int group, long row, int batchRow) {
        seen[group] = true;
        rows[group] = row;
        values.set(group, batchRow);
    }

    private void ensure(int groupCount) {
        seen = Growable.ensure(seen, groupCount);
        rows = Growable.ensure(rows, groupCount);
        longs = Growable.ensure(longs, groupCount);
        highs = Growable.ensure(highs, groupCount);
        doubles = Growable.ensure(doubles, groupCount);
        texts = Growable.ensure(texts, groupCount);
        values.ensure(groupCount);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        ArgByAccumulator that = (ArgByAccumulator) other;
        ensure(groupCount);
        for (int g = 0; g < mapping.length; g++) {
            if (g >= that.seen.length || !that.seen[g] || mapping[g] < 0) {
                continue;
            }
            int group = mapping[g];
            kind = that.kind;
            int order = !seen[group] ? 0 : switch (that.kind) {
                case TEXTS -> Arrays.compareUnsigned(that.texts[g], texts[group]);
                case DOUBLES -> compareDoubles(that.doubles[g], doubles[group]);
                case LONGS -> Long.compare(that.longs[g], longs[group]);
                case WORDS -> Int128.compare(that.highs[g], that.longs[g], highs[group], longs[group]);
            };
            if (better(group, order, that.rows[g])) {
                seen[group] = true;
                rows[group] = that.rows[g];
                longs[group] = that.longs[g];
                highs[group] = that.highs[g];
                doubles[group] = that.doubles[g];
                texts[group] = that.texts[g];
                values.copy(group, that.values, g);
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        return values.finish(order, seen);
    }
}
