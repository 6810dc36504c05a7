package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Objects;

/** What every vector has: a type, a range of its arrays, and its validity. */
abstract class AbstractVector {
    final DataType type;
    final int offset;
    final int length;
    final Validity validity;

    AbstractVector(DataType type, int offset, int length, Validity validity) {
        this.type = Objects.requireNonNull(type, "type is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, got " + offset + " and " + length);
        }
        if (validity != null && validity.length() != length) {
            throw new IllegalArgumentException("validity covers " + validity.length() + " values, the vector "
                    + length);
        }
        this.offset = offset;
        this.length = length;
        this.validity = validity;
    }

    public DataType type() {
        return type;
    }

    public int length() {
        return length;
    }

    public Validity validity() {
        return validity;
    }

    /** Index of value {@code index} in the arrays. */
    public int offset() {
        return offset;
    }

    final void checkSlice(int from, int count) {
        Objects.checkFromIndexSize(from, count, length);
    }

    final Validity sliceValidity(int from, int count) {
        return validity == null ? null : validity.slice(from, count);
    }

    final long validityBytes() {
        return validity == null ? 0 : validity.retainedSizeInBytes();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(getClass().getSimpleName()).append('[').append(type).append(", ")
                .append(length).append(" values");
        int shown = Math.min(length, 10);
        text.append(": ");
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(((Vector) this).get(i));
        }
        return text.append(length > shown ? ", …]" : "]").toString();
    }
}
