package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.Kernels;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code nUnique()}: the distinct (group, value) pairs, counted per group at the end; null counts
 * as one value. Numbers and temporal values are kept as {@code long} bits in an open-addressing
 * set; text in a hash set of strings.
 */
final class NUniqueAccumulator implements Accumulator {
    private final DataType type;
    private boolean[] hasNull = new boolean[16];
    private long[] keys = new long[1024];
    private int[] keyGroups = new int[1024];
    private boolean[] used = new boolean[1024];

    @Override
    public long sizeInBytes(int groups) {
        return 13L * keys.length + groups;
    }
    private int entries;
    private final Set<GroupText> texts = new HashSet<>();

    private record GroupText(int group, String value) {}

    NUniqueAccumulator(DataType type) {
        this.type = type;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        hasNull = Growable.ensure(hasNull, groupCount);
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        if (type.isText()) {
            Utf8Vector text = input instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) input;
            for (int i = 0; i < rows; i++) {
                if (validity != null && validity.isNull(i)) {
                    hasNull[groups[i]] = true;
                } else {
                    texts.add(new GroupText(groups[i], text.getString(i)));
                }
            }
            return;
        }
        if (type == DataType.INT128) {
            // 128-bit values are rare (sums): kept by their decimal text, as strings are
            for (int i = 0; i < rows; i++) {
                if (validity != null && validity.isNull(i)) {
                    hasNull[groups[i]] = true;
                } else {
                    texts.add(new GroupText(groups[i], input.get(i).toString()));
                }
            }
            return;
        }
        long[] bits = bitsOf(input);
        for (int i = 0; i < rows; i++) {
            if (validity != null && validity.isNull(i)) {
                hasNull[groups[i]] = true;
            } else {
                insert(groups[i], bits[i]);
            }
        }
    }

    private long[] bitsOf(Vector input) {
        if (type == DataType.NULL) {
            return new long[input.length()];
        }
        if (!type.isFloat()) {
            return Kernels.longs(input);
        }
        double[] values = Kernels.doubles(input);
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = values[i] == 0.0 ? 0L : Double.doubleToLongBits(values[i]);
        }
        return bits;
    }

    private void insert(int group, long key) {
        if ((entries + 1) * 2 > used.length) {
            grow();
        }
        int mask = used.length - 1;
        int slot = (int) (mix(key) ^ (group * 0x9E3779B97F4A7C15L)) & mask;
        while (used[slot]) {
            if (keys[slot] == key && keyGroups[slot] == group) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = key;
        keyGroups[slot] = group;
        entries++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldGroups = keyGroups;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        keyGroups = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        entries = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                insert(oldGroups[i], oldKeys[i]);
            }
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        NUniqueAccumulator that = (NUniqueAccumulator) other;
        hasNull = Growable.ensure(hasNull, groupCount);
        for (int g = 0; g < Math.min(mapping.length, that.hasNull.length); g++) {
            if (mapping[g] >= 0) {
                hasNull[mapping[g]] |= that.hasNull[g];
            }
        }
        for (int i = 0; i < that.used.length; i++) {
            if (that.used[i] && mapping[that.keyGroups[i]] >= 0) {
                insert(mapping[that.keyGroups[i]], that.keys[i]);
            }
        }
        for (GroupText text : that.texts) {
            if (mapping[text.group()] >= 0) {
                texts.add(new GroupText(mapping[text.group()], text.value()));
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        int groupCount = 0;
        for (int g : order) {
            groupCount = Math.max(groupCount, g + 1);
        }
        long[] counts = new long[groupCount];
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                counts[keyGroups[i]]++;
            }
        }
        for (GroupText text : texts) {
            counts[text.group()]++;
        }
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            int g = order[i];
            out[i] = counts[g] + (g < hasNull.length && hasNull[g] ? 1 : 0);
        }
        return Kernels.fromLongs(DataType.INT64, out, order.length, null);
    }
}
