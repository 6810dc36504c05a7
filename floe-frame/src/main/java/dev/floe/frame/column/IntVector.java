package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.time.LocalDate;
import java.util.Arrays;

/** Values in a {@code int[]}: {@code INT32}, {@code DATE}. Immutable; {@link #slice} shares the array. */
public final class IntVector extends AbstractVector implements Vector {
    private final int[] values;

    /** All of {@code values}, with nulls where {@code validity} says (null: none). */
    public IntVector(DataType type, int[] values, Validity validity) {
        this(type, values, 0, values.length, validity);
    }

    public IntVector(DataType type, int[] values, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (type != DataType.INT32 && type != DataType.DATE) {
            throw new IllegalArgumentException("a IntVector holds INT32, DATE, not " + type);
        }
        java.util.Objects.checkFromIndexSize(offset, length, values.length);
        this.values = values;
    }

    /** Values without nulls, of type {@code INT32}. */
    public static IntVector of(int... values) {
        return new IntVector(DataType.INT32, values, null);
    }

    /** The array behind the vector: value {@code i} is {@code values()[offset() + i]}. */
    public int[] values() {
        return values;
    }

    /** Value {@code index}; meaningless (but harmless) where the value is null. */
    public int getInt(int index) {
        return values[offset + java.util.Objects.checkIndex(index, length)];
    }

    @Override
    public IntVector slice(int from, int count) {
        checkSlice(from, count);
        return new IntVector(type, values, offset + from, count, sliceValidity(from, count));
    }

    @Override
    public Object get(int index) {
        java.util.Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        int value = values[offset + index];
        return type == DataType.DATE ? (Object) LocalDate.ofEpochDay(value) : (Object) value;
    }

    /** A copy of the values of this vector's range. */
    public int[] toArray() {
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

    /** Builds a {@link IntVector} value by value. Not thread-safe. */
    public static final class Builder {
        private final DataType type;
        private int[] values;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(DataType type, int expectedLength) {
            this.type = type;
            this.values = new int[Math.max(8, expectedLength)];
        }

        public Builder append(int value) {
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

        public IntVector build() {
            return new IntVector(type, values, 0, length, validity.build());
        }
    }
}
