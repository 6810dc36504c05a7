package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code INT128} values (SQL's {@code HUGEINT}, what integer sums give), or decimals of 19 to 38
 * digits (whole numbers of {@code 10^-scale}), in two {@code long[]}:
 * value {@code i} is {@code high[offset + i] * 2^64 + low[offset + i]}, the low word unsigned
 * (see {@link Int128}). Immutable; {@link #slice} shares the arrays.
 */
public final class Int128Vector extends AbstractVector implements Vector {
    private final long[] high;
    private final long[] low;

    /** All of the arrays (of equal length), with nulls where {@code validity} says (null: none). */
    public Int128Vector(long[] high, long[] low, Validity validity) {
        this(high, low, 0, low.length, validity);
    }

    public Int128Vector(long[] high, long[] low, int offset, int length, Validity validity) {
        this(DataType.INT128, high, low, offset, length, validity);
    }

    /** Values of {@code type}: {@code INT128}, or a decimal of more than 18 digits. */
    public Int128Vector(DataType type, long[] high, long[] low, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (type != DataType.INT128 && !(type.isDecimal() && !type.isLongDecimal())) {
            throw new IllegalArgumentException("an Int128Vector holds INT128 and decimals of more than "
                    + DataType.MAX_LONG_DECIMAL_PRECISION + " digits, not " + type);
        }
        if (high.length != low.length) {
            throw new IllegalArgumentException("high and low words differ in length: " + high.length + " and "
                    + low.length);
        }
        Objects.checkFromIndexSize(offset, length, low.length);
        this.high = high;
        this.low = low;
    }

    /** The high words: value {@code i}'s is {@code high()[offset() + i]}. */
    public long[] high() {
        return high;
    }

    /** The low words (unsigned): value {@code i}'s is {@code low()[offset() + i]}. */
    public long[] low() {
        return low;
    }

    public long getHigh(int index) {
        return high[offset + Objects.checkIndex(index, length)];
    }

    public long getLow(int index) {
        return low[offset + Objects.checkIndex(index, length)];
    }

    @Override
    public Int128Vector slice(int from, int count) {
        checkSlice(from, count);
        return new Int128Vector(type, high, low, offset + from, count, sliceValidity(from, count));
    }

    /** Value {@code index} as a {@link BigInteger} (a decimal's as a {@link java.math.BigDecimal}), or null. */
    @Override
    public Object get(int index) {
        Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        BigInteger value = Int128.toBigInteger(high[offset + index], low[offset + index]);
        return type == DataType.INT128 ? value : new java.math.BigDecimal(value, type.scale());
    }

    @Override
    public long sizeInBytes() {
        return (long) 16 * length + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 32L + (long) 16 * low.length + validityBytes();
    }

    /** Builds an {@link Int128Vector} value by value. Not thread-safe. */
    public static final class Builder {
        private final DataType type;
        private long[] high;
        private long[] low;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(int expectedLength) {
            this(DataType.INT128, expectedLength);
        }

        /** A builder of {@code type}'s values: {@code INT128} or a decimal of more than 18 digits. */
        public Builder(DataType type, int expectedLength) {
            this.type = type;
            this.high = new long[Math.max(8, expectedLength)];
            this.low = new long[high.length];
        }

        public Builder append(long highWord, long lowWord) {
            if (length == low.length) {
                high = Arrays.copyOf(high, length * 2);
                low = Arrays.copyOf(low, length * 2);
            }
            high[length] = highWord;
            low[length++] = lowWord;
            validity.append(true);
            return this;
        }

        /** Appends a value in the 128-bit range (see {@link Int128#fits}). */
        public Builder append(BigInteger value) {
            return append(Int128.high(value), Int128.low(value));
        }

        public Builder appendNull() {
            if (length == low.length) {
                high = Arrays.copyOf(high, length * 2);
                low = Arrays.copyOf(low, length * 2);
            }
            length++;
            validity.append(false);
            return this;
        }

        public int length() {
            return length;
        }

        public Int128Vector build() {
            return new Int128Vector(type, high, low, 0, length, validity.build());
        }
    }
}
