package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.Types;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.ScalarFunction;

/**
 * The map functions, on the offsets and the key and value vectors: a map made from a list of keys
 * and a list of values, its keys, values and size, and the lookup of a key (one comparison of every
 * entry with its row's key, then a pass over each row's entries).
 */
final class MapKernel {
    private MapKernel() {}

    /** {@link ScalarFunction#MAP_KEYS}, {@link ScalarFunction#MAP_VALUES} and {@link ScalarFunction#MAP_LEN}. */
    static Vector apply(ScalarFunction function, Vector input, DataType type) {
        int rows = input.length();
        if (!(input instanceof MapVector map)) {
            return Kernels.nulls(type, rows);
        }
        return switch (function) {
            case MAP_KEYS -> new ListVector(map.offsets(), map.keys(), map.offset(), rows, map.validity());
            case MAP_VALUES -> new ListVector(map.offsets(), map.values(), map.offset(), rows, map.validity());
            case MAP_LEN -> {
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = map.size(i);
                }
                yield Kernels.fromLongs(DataType.INT64, out, rows, map.validity());
            }
            default -> throw new IllegalArgumentException("not a map function: " + function);
        };
    }

    /**
     * The maps of {@code keys[i]} to {@code values[i]} (two lists per row), null where either list is;
     * a null key, a key given twice, or lists of other lengths fail naming the row, as DuckDB's {@code map}.
     */
    static Vector fromLists(Vector keys, Vector values, DataType type, long start, String expression) {
        int rows = keys.length();
        if (!(keys instanceof ListVector k) || !(values instanceof ListVector v)) {
            return Kernels.nulls(type, rows);
        }
        long[] bits = new long[(rows + 63) >>> 6];
        int[] keyPositions = new int[rows + 1];
        int[] offsets = new int[rows + 1];
        int total = 0;
        for (int i = 0; i < rows; i++) {
            if (!k.isNull(i) && !v.isNull(i)) {
                if (k.size(i) != v.size(i)) {
                    throw new FloeException("map needs as many keys as values, not " + k.size(i) + " keys and "
                            + v.size(i) + " values (row " + (start + i) + "), in expression " + expression);
                }
                bits[i >>> 6] |= 1L << i;
                total += k.size(i);
            }
            offsets[i + 1] = total;
        }
        int[] keyAt = new int[total];
        int[] valueAt = new int[total];
        for (int i = 0, at = 0; i < rows; i++) {
            if ((bits[i >>> 6] & 1L << i) != 0) {
                for (int e = 0, n = k.size(i); e < n; e++, at++) {
                    keyAt[at] = k.start(i) + e;
                    valueAt[at] = v.start(i) + e;
                }
            }
        }
        Vector entryKeys = Kernels.gather(k.elements(), keyAt, total);
        Vector entryValues = Kernels.gather(v.elements(), valueAt, total);
        requireDistinctKeys(entryKeys, offsets, rows, start, expression);
        return new MapVector(type, offsets, entryKeys, entryValues, 0, rows, Validity.of(bits, rows));
    }

    /** Fails naming the row where a key is null or given twice among {@code keys[offsets[i] .. offsets[i + 1])}. */
    private static void requireDistinctKeys(Vector keys, int[] offsets, int rows, long start, String expression) {
        int[] order = new int[keys.length()];
        int[] scratch = new int[keys.length()];
        RowComparator ascending = RowComparator.of(keys, false, true);
        for (int i = 0; i < rows; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            for (int e = from; e < to; e++) {
                if (keys.isNull(e)) {
                    throw new FloeException("a map's keys cannot be null (row " + (start + i) + "), in expression "
                            + expression);
                }
                order[e] = e;
            }
            if (to - from > 1) {
                MergeSort.sort(order, scratch, from, to, ascending);
                for (int e = from + 1; e < to; e++) {
                    if (ascending.compare(order[e - 1], order[e]) == 0) {
                        throw new FloeException("a map's keys must be distinct, but " + keys.get(order[e])
                                + " is given twice (row " + (start + i) + "), in expression " + expression);
                    }
                }
            }
        }
    }

    /**
     * {@link ScalarFunction#MAP_GET}, {@link ScalarFunction#MAP_EXTRACT} and
     * {@link ScalarFunction#MAP_CONTAINS}: each row's key looked up among its map's keys.
     */
    static Vector lookup(ScalarFunction function, Vector input, Vector key, DataType type) {
        int rows = input.length();
        if (!(input instanceof MapVector map) || key.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        int first = rows == 0 ? 0 : map.start(0);
        int count = (rows == 0 ? 0 : map.start(rows)) - first;
        Vector keys = map.keys().slice(first, count);
        // every entry next to its row's key, both in the type they compare in
        int[] owners = new int[count];
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.fill(owners, map.start(i) - first, map.start(i + 1) - first, i);
        }
        Vector wanted = Kernels.gather(key, owners, count);
        DataType common = Types.comparisonType(keys.type(), key.type());
        if (common != null && !common.isText()) {
            keys = CastKernel.cast(keys, common, true, 0, "a map's keys");
            wanted = CastKernel.cast(wanted, common, true, 0, "a map's key");
        }
        ByteVector equal = ComparisonKernel.apply(BinaryOperator.EQ, keys, wanted);
        byte[] hits = equal.values();
        int[] found = new int[rows];
        long[] bits = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            found[i] = -1;
            if (map.isNull(i) || key.isNull(i)) {
                continue;
            }
            bits[i >>> 6] |= 1L << i;
            for (int e = map.start(i) - first, end = e + map.size(i); e < end; e++) {
                if (hits[equal.offset() + e] != 0 && !equal.isNull(e)) {
                    found[i] = first + e;
                    break;
                }
            }
        }
        Validity validity = Validity.of(bits, rows);
        return switch (function) {
            case MAP_CONTAINS -> {
                byte[] out = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = found[i] >= 0 ? (byte) 1 : 0;
                }
                yield Kernels.booleans(out, rows, validity);
            }
            case MAP_GET -> Kernels.gatherOrNull(map.values(), found, rows);
            case MAP_EXTRACT -> {
                // a list of the value where the key is there, else an empty list (null where the map or key is)
                int[] offsets = new int[rows + 1];
                int[] positions = new int[rows];
                int n = 0;
                for (int i = 0; i < rows; i++) {
                    if (found[i] >= 0) {
                        positions[n++] = found[i];
                    }
                    offsets[i + 1] = n;
                }
                yield new ListVector(offsets, Kernels.gather(map.values(), positions, n), 0, rows, validity);
            }
            default -> throw new IllegalArgumentException("not a map lookup: " + function);
        };
    }
}
