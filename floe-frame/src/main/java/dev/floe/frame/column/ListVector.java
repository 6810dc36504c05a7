package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A list of values per row: the elements of every row in one vector, with {@code int} offsets:
 * row {@code i}'s elements are {@code elements[offsets[offset + i] .. offsets[offset + i + 1])}.
 * A null row's range (usually empty) is ignored. Immutable; {@link #slice} shares the offsets and the elements.
 */
public final class ListVector extends AbstractVector implements Vector {
    private final int[] offsets;
    private final Vector elements;

    public ListVector(int[] offsets, Vector elements, int offset, int length, Validity validity) {
        super(DataType.listOf(elements.type()), offset, length, validity);
        Objects.checkFromIndexSize(offset, length + 1, offsets.length);
        if (offsets[offset + length] > elements.length()) {
            throw new IllegalArgumentException("offsets reach element " + offsets[offset + length] + " of "
                    + elements.length());
        }
        this.offsets = offsets;
        this.elements = elements;
    }

    public int[] offsets() {
        return offsets;
    }

    /** Every row's elements, those outside this vector's range included. */
    public Vector elements() {
        return elements;
    }

    /** Index in {@link #elements()} of row {@code index}'s first element. */
    public int start(int index) {
        return offsets[offset + index];
    }

    /** Number of elements in row {@code index}'s range (check {@link #isNull} first). */
    public int size(int index) {
        return offsets[offset + index + 1] - offsets[offset + index];
    }

    @Override
    public ListVector slice(int from, int count) {
        checkSlice(from, count);
        return new ListVector(offsets, elements, offset + from, count, sliceValidity(from, count));
    }

    /** Row {@code index} as an unmodifiable {@code List} of its elements' Java values; null for a null row. */
    @Override
    public List<Object> get(int index) {
        Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        int start = start(index);
        int size = size(index);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(elements.get(start + i));
        }
        return Collections.unmodifiableList(values);
    }

    @Override
    public long sizeInBytes() {
        int from = offsets[offset];
        int to = offsets[offset + length];
        return 4L * (length + 1) + elements.slice(from, to - from).sizeInBytes()
                + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 32L + 4L * offsets.length + elements.retainedSizeInBytes() + validityBytes();
    }
}
