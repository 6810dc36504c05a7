package dev.floe.frame.column;

import java.math.BigInteger;

/**
 * Arithmetic on 128-bit two's-complement integers held as two {@code long}s: a signed high word
 * and an unsigned low word, the value being {@code high * 2^64 + low}. The kernels of the
 * {@code INT128} type ({@link Int128Vector}) use these on their arrays; none allocates.
 */
public final class Int128 {
    /** The smallest value, -2^127, and the largest, 2^127 - 1. */
    public static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    private static final double TWO_TO_64 = 0x1p64;

    private Int128() {}

    /** The high word of a {@code long} widened to 128 bits: its sign, spread. */
    public static long highOf(long value) {
        return value >> 63;
    }

    /** Whether {@code high, low} is a value a {@code long} holds. */
    public static boolean fitsLong(long high, long low) {
        return high == (low >> 63);
    }

    /** The carry out of {@code low + addend} (unsigned): 1 where the sum wrapped, else 0. */
    public static long carry(long low, long sum) {
        return Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
    }

    /** Whether {@code (aHigh, aLow) + (bHigh, bLow)} with the given high word of the sum overflowed. */
    public static boolean addOverflows(long aHigh, long bHigh, long sumHigh) {
        return ((aHigh ^ sumHigh) & (bHigh ^ sumHigh)) < 0;
    }

    /** Orders two values as numbers. */
    public static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        return aHigh != bHigh ? Long.compare(aHigh, bHigh) : Long.compareUnsigned(aLow, bLow);
    }

    /** The value as the nearest {@code double} (within a unit in the last place). */
    public static double toDouble(long high, long low) {
        if (fitsLong(high, low)) {
            return low;
        }
        return high * TWO_TO_64 + unsigned(low);
    }

    /**
     * A value of three words, {@code top * 2^128 + high * 2^64 + low} ({@code high} and {@code low}
     * as 128-bit words; running sums of 128-bit values carry into {@code top}), as the nearest
     * {@code double}. Exact for values a {@code long} holds.
     */
    public static double toDouble(long top, long high, long low) {
        if (top == 0) {
            return toDouble(high, low);
        }
        return (top * TWO_TO_64 + high) * TWO_TO_64 + unsigned(low);
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }

    public static BigInteger toBigInteger(long high, long low) {
        if (fitsLong(high, low)) {
            return BigInteger.valueOf(low);
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    /**
     * Stores {@code value} at {@code at}: in {@code low} alone where {@code high} is null (a value
     * that fits a {@code long}), else as its two words.
     */
    public static void put(BigInteger value, long[] high, long[] low, int at) {
        if (high == null) {
            low[at] = value.longValue();
        } else {
            high[at] = high(value);
            low[at] = low(value);
        }
    }

    /** Whether {@code value} lies in the 128-bit range. */
    public static boolean fits(BigInteger value) {
        return value.bitLength() <= 127;
    }

    /** The high word of a value in range (see {@link #fits}). */
    public static long high(BigInteger value) {
        return value.shiftRight(64).longValue();
    }

    /** The low word of a value in range (see {@link #fits}). */
    public static long low(BigInteger value) {
        return value.longValue();
    }

    /** Whether a {@code double} truncated toward zero lies in the 128-bit range (false for NaN and infinities). */
    public static boolean fitsAfterTruncation(double value) {
        return value >= -0x1p127 && value < 0x1p127;
    }

    /** The high word of a {@code double} in range, truncated toward zero. */
    public static long highOf(double value) {
        return high(new java.math.BigDecimal(value).toBigInteger());
    }

    /** The low word of a {@code double} in range, truncated toward zero. */
    public static long lowOf(double value) {
        return Math.abs(value) < 0x1p63 ? (long) value : low(new java.math.BigDecimal(value).toBigInteger());
    }
}
