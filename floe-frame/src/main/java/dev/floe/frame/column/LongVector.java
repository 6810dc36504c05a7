package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Values in a {@code long[]}: {@code INT64}, {@code DATETIME}, {@code DURATION}, {@code TIME}, and decimals of up to 18
 * digits (whole numbers of {@code 10^-scale}). Immutable; {@link #slice} shares the array.
 */
public final class LongVector extends AbstractVector implements Vector {
    private final long[] values;

    /** All of {@code values}, with nulls where {@code validity} says (null: none). */
    public LongVector(DataType type, long[] values, Validity validity) {
        this(type, values, 0, values.length, validity);
    }

    public LongVector(DataType type, long[] values, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (type != DataType.INT64 && type != DataType.DATETIME && type != DataType.DURATION && type != DataType.TIME
                && !type.isLongDecimal()) {
            throw new IllegalArgumentException("a LongVector holds INT64, DATETIME, DURATION, TIME and decimals of up to "
                    + DataType.MAX_LONG_DECIMAL_PRECISION + " digits, not " + type);
        }
        java.util.Objects.checkFromIndexSize(offset, length, values.length);
        this.values = values;
    }

    /** Values without nulls, of type {@code INT64}. */
    public static LongVector of(long... values) {
        return new LongVector(DataType.INT64, values, null);
    }

    /** The array behind the vector: value {@code i} is {@code values()[offset() + i]}. */
    public long[] values() {
        return values;
    }

    /** Value {@code index}; meaningless (but harmless) where the value is null. */
    public long getLong(int index) {
        return values[offset + java.util.Objects.checkIndex(index, length)];
    }

    @Override
    public LongVector slice(int from, int count) {
        checkSlice(from, count);
        return new LongVector(type, values, offset + from, count, sliceValidity(from, count));
    }

    @Override
    public Object get(int index) {
        java.util.Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        long value = values[offset + index];
        return switch (type.id()) {
            case DATETIME -> Temporals.datetime(value);
            case DURATION -> Duration.of(value, ChronoUnit.MICROS);
            case TIME -> Temporals.time(value);
            case DECIMAL -> java.math.BigDecimal.valueOf(value, type.scale());
            default -> value;
        };
    }

    /** A copy of the values of this vector's range. */
    public long[] toArray() {
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

    /** Builds a {@link LongVector} value by value. Not thread-safe. */
    public static final class Builder {
        private final DataType type;
        private long[] values;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(DataType type, int expectedLength) {
            this.type = type;
            this.values = new long[Math.max(8, expectedLength)];
        }

        public Builder append(long value) {
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

        public LongVector build() {
            return new LongVector(type, values, 0, length, validity.build());
        }
    }
}
