package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Arrays;

/** Values in a {@code double[]}: {@code FLOAT64}. Immutable; {@link #slice} shares the array. */
public final class DoubleVector extends AbstractVector implements Vector {
    private final double[] values;

    /** All of {@code values}, with nulls where {@code validity} says (null: none). */
    public DoubleVector(DataType type, double[] values, Validity validity) {
        this(type, values, 0, values.length, validity);
    }

    public DoubleVector(DataType type, double[] values, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (type != DataType.FLOAT64) {
            throw new IllegalArgumentException("a DoubleVector holds FLOAT64, not " + type);
        }
        java.util.Objects.checkFromIndexSize(offset, length, values.length);
        this.values = values;
    }

    /** Values without nulls, of type {@code FLOAT64}. */
    public static DoubleVector of(double... values) {
        return new DoubleVector(DataType.FLOAT64, values, null);
    }

    /** The array behind the vector: value {@code i} is {@code values()[offset() + i]}. */
    public double[] values() {
        return values;
    }

    /** Value {@code index}; meaningless (but harmless) where the value is null. */
    public double getDouble(int index) {
        return values[offset + java.util.Objects.checkIndex(index, length)];
    }

    @Override
    public DoubleVector slice(int from, int count) {
        checkSlice(from, count);
        return new DoubleVector(type, values, offset + from, count, sliceValidity(from, count));
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
    public double[] toArray() {
        return Arrays.copyOfRange(values, offset, offset + length);
    }

    @Override
    public long sizeInBytes() {
        return (long) 8 * length + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 16L + (long) 8 * values.length + validityBytes();
    }

    /** Builds a {@link DoubleVector} value by value. Not thread-safe. */
    public static final class Builder {
        private final DataType type;
        private double[] values;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(DataType type, int expectedLength) {
            this.type = type;
            this.values = new double[Math.max(8, expectedLength)];
        }

        public Builder append(double value) {
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

        public DoubleVector build() {
            return new DoubleVector(type, values, 0, length, validity.build());
        }
    }
}
