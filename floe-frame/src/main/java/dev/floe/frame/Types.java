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
     * for text with text; for two list types, the list of their elements' supertype; for two map types, the map of their keys'
     * and their values' supertypes. For decimals
     * (as DuckDB types them): two decimals give the decimal with the most digits of each before and
     * after the point, and where that is more than 38, 38 with fewer after the point (values cast to
     * it are rounded there: {@code DECIMAL(37, 1)} and {@code DECIMAL(5, 3)} give {@code DECIMAL(38, 2)});
     * a decimal and an integer (whose digits are those its type holds: 3, 5, 10, 19, or 38 for
     * {@code INT128}) keep the decimal's digits after the point (at most 38 digits: a value that then
     * does not fit fails where it is cast); a decimal and a float give {@code f64}. Comparisons and
     * join keys use {@link #comparisonType}, which rounds nothing.
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
        if (a.isDecimal() || b.isDecimal()) {
            return decimalSupertype(a, b);
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
        if (a == DataType.DATE && b == DataType.DATETIME || a == DataType.DATETIME && b == DataType.DATE) {
            return DataType.DATETIME; // a date is its midnight, as in DuckDB and PostgreSQL
        }
        if (a.isList() && b.isList()) {
            DataType element = supertype(a.elementType(), b.elementType());
            return element == null ? null : DataType.listOf(element);
        }
        if (a.isMap() && b.isMap()) {
            DataType key = supertype(a.keyType(), b.keyType());
            DataType value = supertype(a.valueType(), b.valueType());
            return key == null || value == null ? null : DataType.mapOf(key, value);
        }
        if (a.isStruct() && b.isStruct() && a.fields().size() == b.fields().size()) {
            // fields of the same names in the same order, each of their supertype
            java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
            for (int f = 0; f < a.fields().size(); f++) {
                Schema.Field x = a.fields().get(f);
                Schema.Field y = b.fields().get(f);
                DataType common = x.name().equals(y.name()) ? supertype(x.type(), y.type()) : null;
                if (common == null) {
                    return null;
                }
                fields.add(new Schema.Field(x.name(), common));
            }
            return DataType.structOf(fields);
        }
        return null;
    }

    /**
     * A number literal as the decimal it is written as: a whole number itself, a float its
     * shortest text ({@code 1.6} is 1.6, not the binary fraction near it); null for NaN, the
     * infinities and a value of more than 38 digits.
     */
    public static java.math.BigDecimal exactDecimal(Object value) {
        java.math.BigDecimal exact = switch (value) {
            case Long l -> java.math.BigDecimal.valueOf(l);
            case Integer i -> java.math.BigDecimal.valueOf(i);
            case Double d when Double.isFinite(d) -> new java.math.BigDecimal(Double.toString(d));
            case Float f when Float.isFinite(f) -> new java.math.BigDecimal(Float.toString(f));
            case java.math.BigDecimal d -> d;
            default -> null;
        };
        if (exact == null) {
            return null;
        }
        exact = exact.scale() < 0 ? exact.setScale(0) : exact;
        return decimalDigits(exact) > DataType.MAX_DECIMAL_PRECISION ? null : exact;
    }

    /** The narrowest decimal type that holds {@code value} (of at most 38 digits, scale not negative). */
    public static DataType decimalOf(java.math.BigDecimal value) {
        return DataType.decimal(decimalDigits(value), value.scale());
    }

    private static int decimalDigits(java.math.BigDecimal value) {
        return Math.max(value.precision(), Math.max(value.scale(), 1)); // 0.05 has precision 1 and needs 2 digits
    }

    private static DataType decimalSupertype(DataType a, DataType b) {
        DataType x = asDecimal(a);
        DataType y = asDecimal(b);
        if (x == null || y == null) {
            // a float with a decimal: the float's type, as DuckDB (so a REAL equals the decimal 0.1 it was cast from)
            boolean floats = a.isFloat() && b.isDecimal() || b.isFloat() && a.isDecimal();
            return !floats ? null : a == DataType.FLOAT32 || b == DataType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        int scale = Math.max(x.scale(), y.scale());
        int whole = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
        if (whole + scale > DataType.MAX_DECIMAL_PRECISION && a.isDecimal() && b.isDecimal()) {
            // as DuckDB: the digits before the point kept, those after the point cut to fit 38
            return DataType.decimal(DataType.MAX_DECIMAL_PRECISION, DataType.MAX_DECIMAL_PRECISION - whole);
        }
        // past 38 digits, 38 (as SQL engines): a value with more digits before the point fails when cast
        return DataType.decimal(Math.min(DataType.MAX_DECIMAL_PRECISION, whole + scale), scale);
    }

    /**
     * The type two values are compared in (by {@code =}, {@code <}, a join's keys): their
     * {@link #supertype}, but for decimals one that keeps every digit after the point of either
     * side, so nothing is rounded before it is compared (a value with more digits before the point
     * than the 38 that leaves fails where it is cast, rather than compare wrongly).
     */
    public static DataType comparisonType(DataType a, DataType b) {
        DataType common = supertype(a, b);
        if (common == null || !common.isDecimal() || !a.isDecimal() || !b.isDecimal()) {
            return common;
        }
        int scale = Math.max(a.scale(), b.scale());
        int whole = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
        return DataType.decimal(Math.min(DataType.MAX_DECIMAL_PRECISION, whole + scale), scale);
    }

    /**
     * The decimal that holds every value of {@code type} exactly: a decimal itself, and for an
     * integer type the decimal of its digits (3, 5, 10 or 19; 38 for {@code INT128}, whose widest
     * values no decimal holds, as in SQL engines, where such a value fails when cast); null for
     * other types.
     */
    public static DataType asDecimal(DataType type) {
        return switch (type.id()) {
            case DECIMAL -> type;
            case INT8 -> DataType.decimal(3, 0);
            case INT16 -> DataType.decimal(5, 0);
            case INT32 -> DataType.decimal(10, 0);
            case INT64 -> DataType.decimal(19, 0);
            case INT128 -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, 0);
            default -> null;
        };
    }

    private static boolean smallForFloat32(DataType floatType, DataType other) {
        return floatType == DataType.FLOAT32
                && (other == DataType.FLOAT32 || other == DataType.INT8 || other == DataType.INT16);
    }
}
