package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Arrays;

/** Values in a {@code byte[]}: {@code BOOLEAN}, {@code INT8}. Immutable; {@link #slice} shares the array. */
public final class ByteVector extends AbstractVector implements Vector {
    private final byte[] values;

    /** All of {@code values}, with nulls where {@code validity} says (null: none). */
    public ByteVector(DataType type, byte[] values, Validity validity) {
        this(type, values, 0, values.length, validity);
    }

    public ByteVector(DataType type, byte[] values, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (type != DataType.BOOLEAN && type != DataType.INT8) {
            throw new IllegalArgumentException("a ByteVector holds BOOLEAN, INT8, not " + type);
        }
        java.util.Objects.checkFromIndexSize(offset, length, values.length);
        this.values = values;
    }

    /** Values without nulls, of type {@code INT8}. */
    public static ByteVector of(byte... values) {
        return new ByteVector(DataType.INT8, values, null);
    }

    /** The array behind the vector: value {@code i} is {@code values()[offset() + i]}. */
    public byte[] values() {
        return values;
    }

    /** Value {@code index}; meaningless (but harmless) where the value is null. */
    public byte getByte(int index) {
        return values[offset + java.util.Objects.checkIndex(index, length)];
    }

    @Override
    public ByteVector slice(int from, int count) {
        checkSlice(from, count);
        return new ByteVector(type, values, offset + from, count, sliceValidity(from, count));
    }

    @Override
    public Object get(int index) {
        java.util.Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        return type == DataType.BOOLEAN ? (Object) (values[offset + index] != 0) : (Object) values[offset + index];
    }

    /** A copy of the values of this vector's range. */
    public byte[] toArray() {
        return Arrays.copyOfRange(values, offset, offset + length);
    }

    @Override
    public long sizeInBytes() {
        return (long) 1 * length + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 16L + (long) 1 * values.length + validityBytes();
    }

    /** Builds a {@link ByteVector} value by value. Not thread-safe. */
    public static final class Builder {
        private final DataType type;
        private byte[] values;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(DataType type, int expectedLength) {
            this.type = type;
            this.values = new byte[Math.max(8, expectedLength)];
        }

        public Builder append(byte value) {
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

        public ByteVector build() {
            return new ByteVector(type, values, 0, length, validity.build());
        }
    }
}
