package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A map from keys to values per row: the keys of every row in one vector and their values in
 * another of the same length, with {@code int} offsets: row {@code i}'s entries are
 * {@code [offsets[offset + i], offsets[offset + i + 1])} of both. Within a row the keys are
 * distinct and not null (whoever builds the vector sees to it); a value may be null. A null row's
 * range (usually empty) is ignored. Immutable; {@link #slice} shares the offsets, keys and values.
 */
public final class MapVector extends AbstractVector implements Vector {
    private final int[] offsets;
    private final Vector keys;
    private final Vector values;

    public MapVector(int[] offsets, Vector keys, Vector values, int offset, int length, Validity validity) {
        this(DataType.mapOf(keys.type(), values.type()), offsets, keys, values, offset, length, validity);
    }

    /** A vector of {@code type}: the map type of its keys' and values' types. */
    public MapVector(DataType type, int[] offsets, Vector keys, Vector values, int offset, int length,
            Validity validity) {
        super(type, offset, length, validity);
        if (!type.isMap() || keys.type() != type.keyType() || values.type() != type.valueType()) {
            throw new IllegalArgumentException("keys of " + keys.type() + " and values of " + values.type()
                    + " do not make a " + type);
        }
        Objects.checkFromIndexSize(offset, length + 1, offsets.length);
        if (keys.length() != values.length()) {
            throw new IllegalArgumentException(keys.length() + " keys but " + values.length() + " values");
        }
        if (offsets[offset + length] > keys.length()) {
            throw new IllegalArgumentException("offsets reach entry " + offsets[offset + length] + " of "
                    + keys.length());
        }
        this.offsets = offsets;
        this.keys = keys;
        this.values = values;
    }

    public int[] offsets() {
        return offsets;
    }

    /** Every row's keys, those outside this vector's range included. */
    public Vector keys() {
        return keys;
    }

    /** Every row's values, in the places of their keys. */
    public Vector values() {
        return values;
    }

    /** Index in {@link #keys()} and {@link #values()} of row {@code index}'s first entry. */
    public int start(int index) {
        return offsets[offset + index];
    }

    /** Number of entries in row {@code index}'s range (check {@link #isNull} first). */
    public int size(int index) {
        return offsets[offset + index + 1] - offsets[offset + index];
    }

    @Override
    public MapVector slice(int from, int count) {
        checkSlice(from, count);
        return new MapVector(type, offsets, keys, values, offset + from, count, sliceValidity(from, count));
    }

    /** Row {@code index} as an unmodifiable {@code Map} of its keys' and values' Java values, in their order; null for a null row. */
    @Override
    public Map<Object, Object> get(int index) {
        Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        int start = start(index);
        int size = size(index);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(keys.get(start + i), values.get(start + i));
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public long sizeInBytes() {
        int from = offsets[offset];
        int to = offsets[offset + length];
        return 4L * (length + 1) + keys.slice(from, to - from).sizeInBytes()
                + values.slice(from, to - from).sizeInBytes() + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 32L + 4L * offsets.length + keys.retainedSizeInBytes() + values.retainedSizeInBytes() + validityBytes();
    }
}
