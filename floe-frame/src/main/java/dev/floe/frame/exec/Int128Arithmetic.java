package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import java.math.BigInteger;

/**
 * {@link ArithmeticKernel}'s {@code INT128} arithmetic, checked as the narrower types are: adding
 * and subtracting word by word with carries, overflow bits folded into one word and tested once;
 * products of values that fit a {@code long} from {@link Math#multiplyHigh}. Values beyond a
 * {@code long} multiply, divide and raise to powers through {@link BigInteger}, one row at a
 * time: rare values (sums past 2^63), so the common rows keep the primitive path.
 */
final class Int128Arithmetic {
    private Int128Arithmetic() {}

    static Vector apply(BinaryOperator operator, Vector left, Vector right, Validity validity, long start,
            String expression) {
        int rows = left.length();
        long[][] a = Kernels.int128Words(left);
        long[][] b = Kernels.int128Words(right);
        long[] ah = a[0];
        long[] al = a[1];
        long[] bh = b[0];
        long[] bl = b[1];
        long[] high = new long[rows];
        long[] low = new long[rows];
        switch (operator) {
            case ADD -> {
                long signs = 0;
                for (int i = 0; i < rows; i++) {
                    long l = al[i] + bl[i];
                    long sum = ah[i] + bh[i];
                    long h = sum + Int128.carry(al[i], l);
                    low[i] = l;
                    high[i] = h;
                    // the high words overflow, or adding the carry does
                    signs |= ((ah[i] ^ sum) & (bh[i] ^ sum)) | (~sum & h);
                }
                if (signs < 0) {
                    checkRows(operator, ah, al, bh, bl, rows, validity, start, expression);
                }
            }
            case SUB -> {
                long signs = 0;
                for (int i = 0; i < rows; i++) {
                    long l = al[i] - bl[i];
                    long difference = ah[i] - bh[i];
                    long h = difference - (Long.compareUnsigned(al[i], bl[i]) < 0 ? 1 : 0);
                    low[i] = l;
                    high[i] = h;
                    signs |= ((ah[i] ^ bh[i]) & (ah[i] ^ difference)) | (difference & ~h);
                }
                if (signs < 0) {
                    checkRows(operator, ah, al, bh, bl, rows, validity, start, expression);
                }
            }
            default -> {
                // multiplication, floor division, modulo and powers: long arithmetic where both fit one
                long[] bits = null;
                for (int i = 0; i < rows; i++) {
                    boolean present = validity == null || validity.isValid(i);
                    boolean byZero = (operator == BinaryOperator.FLOOR_DIV || operator == BinaryOperator.MOD
                            || operator == BinaryOperator.REM)
                            && bh[i] == 0 && bl[i] == 0;
                    if (byZero) {
                        if (bits == null) {
                            bits = Kernels.validBits(left);
                            long[] other = Kernels.validBits(right);
                            for (int w = 0; w < bits.length; w++) {
                                bits[w] &= other[w];
                            }
                        }
                        bits[i >>> 6] &= ~(1L << i);
                        continue;
                    }
                    if (operator == BinaryOperator.MUL && Int128.fitsLong(ah[i], al[i])
                            && Int128.fitsLong(bh[i], bl[i])) {
                        high[i] = Math.multiplyHigh(al[i], bl[i]);
                        low[i] = al[i] * bl[i];
                    } else if (present) {
                        BigInteger r = exact(operator, ah[i], al[i], bh[i], bl[i]);
                        if (!fits(r)) {
                            throw overflow(operator, ah[i], al[i], bh[i], bl[i], start + i, expression);
                        }
                        high[i] = Int128.high(r);
                        low[i] = Int128.low(r);
                    }
                }
                if (bits != null) {
                    validity = Validity.of(bits, rows);
                }
            }
        }
        return new Int128Vector(high, low, 0, rows, validity);
    }

    /** {@code -x} or {@code |x|}, checked: -2^127 has no negation. */
    static Vector negate(Vector value, boolean abs, long start, String expression) {
        int rows = value.length();
        long[][] words = Kernels.int128Words(value);
        long[] high = new long[rows];
        long[] low = new long[rows];
        Validity validity = value.validity();
        for (int i = 0; i < rows; i++) {
            long h = words[0][i];
            long l = words[1][i];
            if (abs && h >= 0) {
                high[i] = h;
                low[i] = l;
                continue;
            }
            if (h == Long.MIN_VALUE && l == 0 && (validity == null || validity.isValid(i))) {
                throw new OutOfRangeException("out of range: " + (abs ? "abs(" : "-(") + Int128.MIN
                        + ") does not fit i128 (row " + (start + i) + "), in expression " + expression);
            }
            low[i] = -l;
            high[i] = ~h + (l == 0 ? 1 : 0);
        }
        return new Int128Vector(high, low, 0, rows, validity);
    }

    /** The exact result, or null for a power too large to compute. */
    private static BigInteger exact(BinaryOperator operator, long ah, long al, long bh, long bl) {
        BigInteger x = Int128.toBigInteger(ah, al);
        BigInteger y = Int128.toBigInteger(bh, bl);
        return switch (operator) {
            case ADD -> x.add(y);
            case SUB -> x.subtract(y);
            case MUL -> x.multiply(y);
            case FLOOR_DIV -> {
                BigInteger[] qr = x.divideAndRemainder(y);
                yield qr[1].signum() != 0 && qr[1].signum() != y.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
            }
            case MOD -> {
                BigInteger r = x.mod(y.abs());
                yield y.signum() < 0 && r.signum() != 0 ? r.add(y) : r;
            }
            case REM -> x.remainder(y);
            case POW -> {
                if (x.abs().compareTo(BigInteger.ONE) <= 0) {
                    // 0, 1 and -1 stay small whatever the exponent
                    yield y.signum() == 0 ? BigInteger.ONE : x.signum() >= 0 || !y.testBit(0) ? x.abs() : x;
                }
                yield y.compareTo(BigInteger.valueOf(127)) > 0 ? null : x.pow(y.intValueExact());
            }
            default -> throw new IllegalArgumentException(operator + " is not arithmetic on integers");
        };
    }

    private static boolean fits(BigInteger value) {
        return value != null && Int128.fits(value);
    }

    private static void checkRows(BinaryOperator operator, long[] ah, long[] al, long[] bh, long[] bl, int rows,
            Validity validity, long start, String expression) {
        for (int i = 0; i < rows; i++) {
            if ((validity == null || validity.isValid(i)) && !fits(exact(operator, ah[i], al[i], bh[i], bl[i]))) {
                throw overflow(operator, ah[i], al[i], bh[i], bl[i], start + i, expression);
            }
        }
    }

    private static OutOfRangeException overflow(BinaryOperator operator, long ah, long al, long bh, long bl, long row,
            String expression) {
        return new OutOfRangeException("out of range: " + Int128.toBigInteger(ah, al) + " " + operator.symbol() + " "
                + Int128.toBigInteger(bh, bl) + " does not fit " + DataType.INT128 + " (row " + row
                + "), in expression " + expression);
    }
}
