package dev.floe.frame;

/** Which type holds the values of two others: the rule inference, arithmetic and {@code when} share. */
public final class Types {
    private Types() {}

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
                return a.ordinal() > b.ordinal() ? a : b;
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
