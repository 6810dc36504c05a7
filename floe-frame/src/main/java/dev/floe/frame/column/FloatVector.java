package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Arrays;

/** Values in a {@code float[]}: {@code FLOAT32}. Immutable; {@link #slice} shares the array. */
public final class FloatVector extends AbstractVector implements Vector {
    private final float[] values;

    /** All of {@code values}, with nulls where {@code validity} says (null: none). */
    public FloatVector(DataType type, float[] values, Validity validity) {
        this(type, values, 0, values.length, validity);
    }

    public FloatVector(DataType type, float[] values, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (type != DataType.FLOAT32) {
            throw new IllegalArgumentException("a FloatVector holds FLOAT32, not " + type);
        }
        java.util.Objects.checkFromIndexSize(offset, length, values.length);
        this.values = values;
    }

    /** Values without nulls, of type {@code FLOAT32}. */
    public static FloatVector of(float... values) {
        return new FloatVector(DataType.FLOAT32, values, null);
    }

    /** The array behind the vector: value {@code i} is {@code values()[offset() + i]}. */
    public float[] values() {
        return values;
    }

    /** Value {@code index}; meaningless (but harmless) where the value is null. */
    public float getFloat(int index) {
        return values[offset + java.util.Objects.checkIndex(index, length)];
    }

    @Override
    public FloatVector slice(int from, int count) {
        checkSlice(from, count);
        return new FloatVector(type, values, offset + from, count, sliceValidity(from, count));
    }

    @Override
    public Object get(int index) {
        java.util.Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        return values[offset + index];
    }

    /** A copy of the values of this vector's range. */
    public float[] toArray() {
        return Arrays.copyOfRange(values, offset, offset + length);
    }

    @Override
    public long sizeInBytes() {
        return (long) 4 * length + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 16L + (long) 4 * values.length + validityBytes();
    }

    /** Builds a {@link FloatVector} value by value. Not thread-safe. */
    public static final class Builder {
        private final DataType type;
        private float[] values;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(DataType type, int expectedLength) {
            this.type = type;
            this.values = new float[Math.max(8, expectedLength)];
        }

        public Builder append(float value) {
            if (length == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[length++] = value;
            validity.append(true);
            return this;
        }

        public Builder appendNull() {
            if (length == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            length++;
            validity.append(false);
            return this;
        }

        public int length() {
            return length;
        }

        public FloatVector build() {
            return new FloatVector(type, values, 0, length, validity.build());
        }
    }
}
