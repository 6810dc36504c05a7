package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code INT128} values (SQL's {@code HUGEINT}, what integer sums give) in two {@code long[]}:
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
        super(DataType.INT128, offset, length, validity);
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
        return new Int128Vector(high, low, offset + from, count, sliceValidity(from, count));
    }

    /** Value {@code index} as a {@link BigInteger}, or null. */
    @Override
    public Object get(int index) {
        Objects.checkIndex(index, length);
        return isNull(index) ? null : Int128.toBigInteger(high[offset + index], low[offset + index]);
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
        private long[] high;
        private long[] low;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(int expectedLength) {
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
            return new Int128Vector(high, low, 0, length, validity.build());
        }
    }
}
