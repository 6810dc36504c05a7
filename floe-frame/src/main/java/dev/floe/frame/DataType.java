package dev.floe.frame;

/**
 * The type of a column's values. Each type has one physical layout (see
 * {@link dev.floe.frame.column.Vector}): integers and floats in primitive arrays of their width,
 * {@code DATE} as days since 1970-01-01 in an {@code int[]}, {@code DATETIME} and {@code DURATION}
 * as microseconds in a {@code long[]}, {@code BOOLEAN} as one byte per value, {@code UTF8} as bytes
 * plus offsets, {@code CATEGORICAL} as {@code int} codes into one dictionary of strings.
 */
public enum DataType {
    BOOLEAN("bool"),
    INT8("i8"),
    INT16("i16"),
    INT32("i32"),
    INT64("i64"),
    FLOAT32("f32"),
    FLOAT64("f64"),
    UTF8("str"),
    CATEGORICAL("cat"),
    DATE("date"),
    DATETIME("datetime[μs]"),
    DURATION("duration[μs]"),
    NULL("null");

    private final String displayName;

    DataType(String displayName) {
        this.displayName = displayName;
    }

    /** The short name printed under a column's name, as Polars prints it: {@code i64}, {@code str}. */
    public String displayName() {
        return displayName;
    }

    public boolean isInteger() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public boolean isNumeric() {
        return isInteger() || isFloat();
    }

    public boolean isTemporal() {
        return this == DATE || this == DATETIME || this == DURATION;
    }

    /** Whether values are text: {@code UTF8} or {@code CATEGORICAL}. */
    public boolean isText() {
        return this == UTF8 || this == CATEGORICAL;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
