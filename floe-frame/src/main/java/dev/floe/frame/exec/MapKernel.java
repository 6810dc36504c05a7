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
            case MAP_ENTRIES -> new ListVector(map.offsets(), new dev.floe.frame.column.StructVector(
                    type.elementType(), java.util.List.of(map.keys(), map.values()), 0, map.keys().length(), null),
                    map.offset(), rows, map.validity());
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

    /**
     * The maps of each row's list of entries (structs of a key and a value), null where the list is; a
     * null entry, a null key or a key given twice fails naming the row, as DuckDB's {@code map_from_entries}.
     */
    static Vector fromEntries(Vector input, DataType type, long start, String expression) {
        int rows = input.length();
        if (!(input instanceof ListVector list) || !(list.elements() instanceof dev.floe.frame.column.StructVector entries)) {
            // a null list, or lists of nothing but nulls: empty maps, unless an entry is there (and null)
            if (input instanceof ListVector list) {
                for (int i = 0; i < rows; i++) {
                    if (!list.isNull(i) && list.size(i) > 0) {
                        throw new FloeException("a map's entries cannot be null (row " + (start + i)
                                + "), in expression " + expression);
                    }
                }
                return new MapVector(type, new int[rows + 1], Kernels.nulls(type.keyType(), 0),
                        Kernels.nulls(type.valueType(), 0), 0, rows, list.validity());
            }
            return Kernels.nulls(type, rows);
        }
        for (int i = 0; i < rows; i++) {
            if (!list.isNull(i)) {
                for (int e = list.start(i), end = e + list.size(i); e < end; e++) {
                    if (entries.isNull(e)) {
                        throw new FloeException("a map's entries cannot be null (row " + (start + i)
                                + "), in expression " + expression);
                    }
                }
            }
        }
        ListVector keys = new ListVector(list.offsets(), entries.field(0), list.offset(), rows, list.validity());
        ListVector values = new ListVector(list.offsets(), entries.field(1), list.offset(), rows, list.validity());
        return fromLists(keys, values, type, start, expression);
    }

    /**
     * The maps of each row one after another in one map: each key where it first appears, with the value
     * of the last map that has it; a null map adds nothing, and a row whose maps are all null is null.
     */
    static Vector concat(Vector[] maps, DataType type) {
        int rows = maps.length == 0 ? 0 : maps[0].length();
        // every row's entries, map after map
        long[] bits = new long[(rows + 63) >>> 6];
        int[] rowOffsets = new int[rows + 1];
        java.util.List<Vector> keyParts = new java.util.ArrayList<>();
        java.util.List<Vector> valueParts = new java.util.ArrayList<>();
        int[] bases = new int[maps.length];
        int total = 0;
        int[] firsts = new int[maps.length];
        for (int m = 0; m < maps.length; m++) {
            if (maps[m] instanceof MapVector map) {
                // only this batch's entries (a batch of a longer column shares all of them)
                firsts[m] = rows == 0 ? 0 : map.start(0);
                int count = (rows == 0 ? 0 : map.start(rows)) - firsts[m];
                bases[m] = total;
                keyParts.add(map.keys().slice(firsts[m], count));
                valueParts.add(map.values().slice(firsts[m], count));
                total += count;
            }
        }
        int count = 0;
        for (int i = 0; i < rows; i++) {
            for (Vector vector : maps) {
                if (vector instanceof MapVector map && !map.isNull(i)) {
                    bits[i >>> 6] |= 1L << i;
                    count += map.size(i);
                }
            }
            rowOffsets[i + 1] = count;
        }
        int[] positions = new int[count];
        for (int i = 0, at = 0; i < rows; i++) {
            for (int m = 0; m < maps.length; m++) {
                if (maps[m] instanceof MapVector map && !map.isNull(i)) {
                    for (int e = map.start(i), end = e + map.size(i); e < end; e++) {
                        positions[at++] = bases[m] + e - firsts[m];
                    }
                }
            }
        }
        if (keyParts.isEmpty()) {
            return Kernels.nulls(type, rows);
        }
        if (type.keyType() == DataType.CATEGORICAL) {
            keyParts = dev.floe.frame.column.Vectors.shareDictionary(keyParts); // maps of other dictionaries
        }
        if (type.valueType() == DataType.CATEGORICAL) {
            valueParts = dev.floe.frame.column.Vectors.shareDictionary(valueParts);
        }
        Vector keys = Kernels.gather(dev.floe.frame.column.Vectors.concat(type.keyType(), keyParts), positions, count);
        Vector values = Kernels.gather(dev.floe.frame.column.Vectors.concat(type.valueType(), valueParts), positions,
                count);
        // each row's entries sorted by key (stably): a run of equal keys keeps its first place and its last value
        int[] order = new int[count];
        int[] scratch = new int[count];
        int[] valueOf = new int[count];
        boolean[] kept = new boolean[count];
        RowComparator ascending = RowComparator.of(keys, false, true);
        for (int i = 0; i < rows; i++) {
            int from = rowOffsets[i];
            int to = rowOffsets[i + 1];
            for (int e = from; e < to; e++) {
                order[e] = e;
            }
            MergeSort.sort(order, scratch, from, to, ascending);
            for (int e = from; e < to; ) {
                int end = e + 1;
                while (end < to && ascending.compare(order[e], order[end]) == 0) {
                    end++;
                }
                kept[order[e]] = true;
                valueOf[order[e]] = order[end - 1];
                e = end;
            }
        }
        int[] offsets = new int[rows + 1];
        int[] keyAt = new int[count];
        int[] valueAt = new int[count];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            for (int e = rowOffsets[i]; e < rowOffsets[i + 1]; e++) {
                if (kept[e]) {
                    keyAt[n] = e;
                    valueAt[n++] = valueOf[e];
                }
            }
            offsets[i + 1] = n;
        }
        return new MapVector(type, offsets, Kernels.gather(keys, keyAt, n), Kernels.gather(values, valueAt, n), 0,
                rows, Validity.of(bits, rows));
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
     * {@link ScalarFunction#MAP_CONTAINS}: each row's key looked up among its map's keys;
     * {@link ScalarFunction#MAP_CONTAINS_VALUE}: each row's value among its map's values.
     */
    static Vector lookup(ScalarFunction function, Vector input, Vector key, DataType type) {
        int rows = input.length();
        if (!(input instanceof MapVector map) || key.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        int first = rows == 0 ? 0 : map.start(0);
        int count = (rows == 0 ? 0 : map.start(rows)) - first;
        // the keys, or for contains_value the values, are what the row's value is looked for among
        Vector keys = (function == ScalarFunction.MAP_CONTAINS_VALUE ? map.values() : map.keys()).slice(first, count);
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
            case MAP_CONTAINS, MAP_CONTAINS_VALUE -> {
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
