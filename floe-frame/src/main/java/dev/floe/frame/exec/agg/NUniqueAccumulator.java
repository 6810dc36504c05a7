package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * {@code nUnique()}: the distinct (group, value) pairs, counted per group at the end; null counts
 * as one value. The pairs are kept in a {@link GroupValueTable}: numbers and temporal values as
 * their 64 bits (a float's canonical bits: -0.0 as 0.0, every NaN as one), text as its bytes, a
 * 128-bit integer as its 16 bytes.
 */
final class NUniqueAccumulator implements Accumulator {
    private final DataType type;
    private boolean[] hasNull = new boolean[16];
    private final GroupValueTable values;

    NUniqueAccumulator(DataType type) {
        this.type = type;
        this.values = new GroupValueTable(type.isText() || type.isWide());
    }

    @Override
    public long sizeInBytes(int groups) {
        return values.sizeInBytes() + groups;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        hasNull = Growable.ensure(hasNull, groupCount);
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        if (type.isText()) {
            Utf8Vector text = input instanceof CategoricalVector c ? CastKernel.categoricalToText(c) : (Utf8Vector) input;
            byte[] data = text.data();
            for (int i = 0; i < rows; i++) {
                if (validity != null && validity.isNull(i)) {
                    hasNull[groups[i]] = true;
                } else {
                    values.add(groups[i], data, text.start(i), text.byteLength(i));
                }
            }
            return;
        }
        if (type.isWide()) {
            long[][] words = Kernels.int128Words(input);
            byte[] bytes = new byte[16];
            for (int i = 0; i < rows; i++) {
                if (validity != null && validity.isNull(i)) {
                    hasNull[groups[i]] = true;
                } else {
                    for (int b = 0; b < 8; b++) {
                        bytes[b] = (byte) (words[0][i] >>> (56 - 8 * b));
                        bytes[8 + b] = (byte) (words[1][i] >>> (56 - 8 * b));
                    }
                    values.add(groups[i], bytes, 0, 16);
                }
            }
            return;
        }
        long[] bits = bitsOf(input);
        for (int i = 0; i < rows; i++) {
            if (validity != null && validity.isNull(i)) {
                hasNull[groups[i]] = true;
            } else {
                values.add(groups[i], bits[i]);
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
        double[] doubles = Kernels.doubles(input);
        long[] bits = new long[doubles.length];
        for (int i = 0; i < doubles.length; i++) {
            bits[i] = GroupValueTable.floatBits(doubles[i]);
        }
        return bits;
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
        for (int e = 0; e < that.values.size(); e++) {
            int group = mapping[that.values.group(e)];
            if (group >= 0) {
                values.addFrom(that.values, e, group);
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
        for (int e = 0; e < values.size(); e++) {
            int g = values.group(e);
            if (g < groupCount) {
                counts[g]++;
            }
        }
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            int g = order[i];
            out[i] = counts[g] + (g < hasNull.length && hasNull[g] ? 1 : 0);
        }
        return Kernels.fromLongs(DataType.INT64, out, order.length, null);
    }
}
