package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Arrays;

/** Values in a {@code short[]}: {@code INT16}. Immutable; {@link #slice} shares the array. */
public final class ShortVector extends AbstractVector implements Vector {
    private final short[] values;

    /** All of {@code values}, with nulls where {@code validity} says (null: none). */
    public ShortVector(DataType type, short[] values, Validity validity) {
        this(type, values, 0, values.length, validity);
    }

    public ShortVector(DataType type, short[] values, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (type != DataType.INT16) {
            throw new IllegalArgumentException("a ShortVector holds INT16, not " + type);
        }
        java.util.Objects.checkFromIndexSize(offset, length, values.length);
        this.values = values;
    }

    /** Values without nulls, of type {@code INT16}. */
    public static ShortVector of(short... values) {
        return new ShortVector(DataType.INT16, values, null);
    }

    /** The array behind the vector: value {@code i} is {@code values()[offset() + i]}. */
    public short[] values() {
        return values;
    }

    /** Value {@code index}; meaningless (but harmless) where the value is null. */
    public short getShort(int index) {
        return values[offset + java.util.Objects.checkIndex(index, length)];
    }

    @Override
    public ShortVector slice(int from, int count) {
        checkSlice(from, count);
        return new ShortVector(type, values, offset + from, count, sliceValidity(from, count));
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
    public short[] toArray() {
        return Arrays.copyOfRange(values, offset, offset + length);
    }

    @Override
    public long sizeInBytes() {
        return (long) 2 * length + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 16L + (long) 2 * values.length + validityBytes();
    }

    /** Builds a {@link ShortVector} value by value. Not thread-safe. */
    public static final class Builder {
        private final DataType type;
        private short[] values;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(DataType type, int expectedLength) {
            this.type = type;
            this.values = new short[Math.max(8, expectedLength)];
        }

        public Builder append(short value) {
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

        public ShortVector build() {
            return new ShortVector(type, values, 0, length, validity.build());
        }
    }
}
