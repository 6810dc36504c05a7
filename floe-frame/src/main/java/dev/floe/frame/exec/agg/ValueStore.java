package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.Kernels;
import java.util.Arrays;

/**
 * One value per group, of any type, taken from batch rows: numbers in primitive arrays, text as bytes;
 * a list, map or struct as a vector it is in and its row there: the rows a batch gave are gathered
 * into a vector of their own when the next batch comes (so the store holds its groups' values, not
 * every batch they came from).
 */
final class ValueStore {
    private final DataType type;
    private Vector[] sources = new Vector[0];
    private int[] sourceRows = new int[0];
    /** The groups the bound batch gave a nested value (some twice), to be gathered from it. */
    private int[] taken = new int[16];
    private int takenCount;
    private long[] longs = new long[0];
    private long[] highs = new long[0];
    private double[] doubles = new double[0];
    private byte[][] texts = new byte[0][];
    private boolean[] nulls = new boolean[0];
    private Vector batch;
    private long[] batchLongs;
    private long[] batchHighs;
    private double[] batchDoubles;
    private Utf8Vector batchText;

    ValueStore(DataType type) {
        this.type = type;
    }

    void ensure(int groups) {
        nulls = Growable.ensure(nulls, groups);
        if (type.isNested()) {
            if (sources.length < groups) {
                sources = Arrays.copyOf(sources, Math.max(groups, 2 * sources.length));
            }
            sourceRows = Growable.ensure(sourceRows, groups);
        } else if (type.isText()) {
            texts = Growable.ensure(texts, groups);
        } else if (type.isFloat()) {
            doubles = Growable.ensure(doubles, groups);
        } else {
            longs = Growable.ensure(longs, groups);
            if (type.isWide()) {
                highs = Growable.ensure(highs, groups);
            }
        }
    }

    void bind(Vector vector) {
        if (type.isNested()) {
            gatherTaken();
            batch = vector;
            return;
        }
        batch = vector;
        if (type.isText()) {
            batchText = vector instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) vector;
        } else if (type.isFloat()) {
            batchDoubles = Kernels.doubles(vector);
        } else if (type.isWide()) {
            long[][] words = Kernels.int128Words(vector);
            batchHighs = words[0];
            batchLongs = words[1];
        } else if (type != DataType.NULL) {
            batchLongs = Kernels.longs(vector);
        }
    }

    /** Group {@code group} takes the bound batch's value at {@code row}. */
    void set(int group, int row) {
        boolean isNull = batch.isNull(row);
        nulls[group] = isNull;
        if (isNull || type == DataType.NULL) {
            return;
        }
        if (type.isNested()) {
            sources[group] = batch;
            sourceRows[group] = row;
            taken = Growable.ensure(taken, takenCount + 1);
            taken[takenCount++] = group;
        } else if (type.isText()) {
            int start = batchText.start(row);
            texts[group] = Arrays.copyOfRange(batchText.data(), start, start + batchText.byteLength(row));
        } else if (type.isFloat()) {
            doubles[group] = batchDoubles[row];
        } else {
            longs[group] = batchLongs[row];
            if (type.isWide()) {
                highs[group] = batchHighs[row];
            }
        }
    }

    /**
     * Group {@code group} takes {@code other}'s value of {@code otherGroup}. A spilled aggregation
     * merges one partial store into the stores of several partitions at once, on several threads:
     * the first of them gathers its pending nested values, under its lock, and the others read
     * them after it (they would otherwise read a source marked as gathered, or a source and a row
     * of two different moments).
     */
    void copy(int group, ValueStore other, int otherGroup) {
        if (type.isNested()) {
            synchronized (other) {
                other.gatherTaken();
                nulls[group] = other.nulls[otherGroup];
                sources[group] = other.sources[otherGroup];
                sourceRows[group] = other.sourceRows[otherGroup];
            }
            return;
        }
        nulls[group] = other.nulls[otherGroup];
        if (type.isText()) {
            texts[group] = other.texts[otherGroup];
        } else if (type.isFloat()) {
            doubles[group] = other.doubles[otherGroup];
        } else if (type != DataType.NULL) {
            longs[group] = other.longs[otherGroup];
            if (type.isWide()) {
                highs[group] = other.highs[otherGroup];
            }
        }
    }

    /** The values in {@code order}; a group not {@code present} is null. */
    Vector finish(int[] order, boolean[] present) {
        int n = order.length;
        long[] bits = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            if (g < present.length && present[g] && !nulls[g]) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        Validity validity = Validity.of(bits, n);
        if (type.isNested()) {
            return nested(order, present, n);
        }
        if (type.isText()) {
            Utf8Vector.Builder builder = new Utf8Vector.Builder(n, n * 8);
            for (int i = 0; i < n; i++) {
                int g = order[i];
                if (g < present.length && present[g] && !nulls[g]) {
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
            return new dev.floe.frame.column.Int128Vector(type, high, out, 0, n, validity);
        }
        return Kernels.fromLongs(type, out, n, validity);
    }

    /** The values the bound batch gave, gathered into a vector of their own that the groups then point into. */
    private void gatherTaken() {
        if (takenCount == 0) {
            return;
        }
        int[] rows = new int[takenCount];
        int[] groups = new int[takenCount];
        int n = 0;
        for (int t = 0; t < takenCount; t++) {
            int g = taken[t];
            if (sources[g] == batch) {
                if (!nulls[g]) {
                    groups[n] = g;
                    rows[n++] = sourceRows[g];
                }
                sources[g] = null; // marked: a group taken twice is gathered once
            }
        }
        Vector own = Kernels.gather(batch, rows, n);
        for (int k = 0; k < n; k++) {
            sources[groups[k]] = own;
            sourceRows[groups[k]] = k;
        }
        takenCount = 0;
    }

    /** Nested values: the vectors they are in, one after another, gathered at the groups' rows. */
    private Vector nested(int[] order, boolean[] present, int n) {
        gatherTaken();
        java.util.IdentityHashMap<Vector, Integer> bases = new java.util.IdentityHashMap<>();
        java.util.List<Vector> parts = new java.util.ArrayList<>();
        int total = 0;
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            if (g >= present.length || !present[g] || nulls[g]) {
                positions[i] = -1;
                continue;
            }
            Vector source = sources[g];
            Integer base = bases.get(source);
            if (base == null) {
                base = total;
                bases.put(source, base);
                parts.add(source);
                total += source.length();
            }
            positions[i] = base + sourceRows[g];
        }
        if (parts.isEmpty()) {
            return Kernels.nulls(type, n);
        }
        return Kernels.gatherOrNull(dev.floe.frame.column.Vectors.concat(type, parts), positions, n);
    }
}
