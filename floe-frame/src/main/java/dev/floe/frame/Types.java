package dev.floe.frame;

/** Which type holds the values of two others: the rule inference, arithmetic and {@code when} share. */
public final class Types {
    private Types() {}

    /**
     * A number as the whole number it is exactly, or null where it is none: a fraction, NaN, an
     * infinity. What an integer column is compared with ({@code isIn}): a double past a
     * {@code long}'s range is whole, but matches no {@code long}.
     */
    public static java.math.BigInteger exactInteger(Number value) {
        return switch (value) {
            case Long l -> java.math.BigInteger.valueOf(l);
            case Integer i -> java.math.BigInteger.valueOf(i);
            case Short s -> java.math.BigInteger.valueOf(s);
            case Byte b -> java.math.BigInteger.valueOf(b);
            case java.math.BigInteger big -> big;
            case java.math.BigDecimal decimal -> {
                try {
                    yield decimal.toBigIntegerExact();
                } catch (ArithmeticException fraction) {
                    yield null;
                }
            }
            default -> {
                double d = value.doubleValue();
                yield Double.isFinite(d) && d == Math.rint(d) ? new java.math.BigDecimal(d).toBigInteger() : null;
            }
        };
    }

    /** {@link #exactInteger}, where a {@code long} holds it; null otherwise. */
    public static Long exactLong(Number value) {
        java.math.BigInteger whole = exactInteger(value);
        return whole != null && whole.bitLength() < 64 ? whole.longValue() : null;
    }

    /**
     * The type that holds values of both {@code a} and {@code b}, or null if none does: the same
     * type; the other type with {@code NULL}; the wider integer; {@code f32} for {@code f32} with
     * {@code i8}/{@code i16}/{@code f32}, else {@code f64} for any number with a float; {@code str}
     * for text with text; for two list types, the list of their elements' supertype.
     */
    public static DataType supertype(DataType a, DataType b) {
        if (a == b) {
            return a;
        }
        if (a == DataType.NULL) {
            return b;
        }
        if (b == DataType.NULL) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            if (a.isInteger() && b.isInteger()) {
                return a.id().ordinal() > b.id().ordinal() ? a : b;
            }
            return smallForFloat32(a, b) || smallForFloat32(b, a) ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        if (a.isText() && b.isText()) {
            return DataType.UTF8;
        }
        if (a.isList() && b.isList()) {
            DataType element = supertype(a.elementType(), b.elementType());
            return element == null ? null : DataType.listOf(element);
        }
        return null;
    }

    private static boolean smallForFloat32(DataType floatType, DataType other) {
        return floatType == DataType.FLOAT32
                && (other == DataType.FLOAT32 || other == DataType.INT8 || other == DataType.INT16);
    }
}
