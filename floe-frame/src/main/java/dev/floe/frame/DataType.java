package dev.floe.frame;

/**
 * The type of a column's values. Each type has one physical layout (see
 * {@link dev.floe.frame.column.Vector}): integers and floats in primitive arrays of their width,
 * {@code INT128} as two {@code long[]} (high and low words: exact sums of integers, SQL's
 * {@code HUGEINT}), {@code DATE} as days since 1970-01-01 in an {@code int[]}, {@code DATETIME} and {@code DURATION}
 * as microseconds in a {@code long[]}, {@code BOOLEAN} as one byte per value, {@code UTF8} as bytes
 * plus offsets, {@code CATEGORICAL} as {@code int} codes into one dictionary of strings.
 *
 * <p>The {@code LIST_*} types hold a list of values of one element type per row (what
 * {@code list()} and {@code topK(k)} aggregate into, and what {@code explode} takes apart): an
 * {@code int} offset per row into one vector of elements. Lists do not nest.
 */
public enum DataType {
    BOOLEAN("bool"),
    INT8("i8"),
    INT16("i16"),
    INT32("i32"),
    INT64("i64"),
    INT128("i128"),
    FLOAT32("f32"),
    FLOAT64("f64"),
    UTF8("str"),
    CATEGORICAL("cat"),
    DATE("date"),
    DATETIME("datetime[μs]"),
    DURATION("duration[μs]"),
    NULL("null"),
    LIST_BOOLEAN(BOOLEAN),
    LIST_INT8(INT8),
    LIST_INT16(INT16),
    LIST_INT32(INT32),
    LIST_INT64(INT64),
    LIST_FLOAT32(FLOAT32),
    LIST_FLOAT64(FLOAT64),
    LIST_UTF8(UTF8),
    LIST_CATEGORICAL(CATEGORICAL),
    LIST_DATE(DATE),
    LIST_DATETIME(DATETIME),
    LIST_DURATION(DURATION),
    LIST_NULL(NULL);

    private final String displayName;
    private final DataType element;

    DataType(String displayName) {
        this.displayName = displayName;
        this.element = null;
    }

    DataType(DataType element) {
        this.displayName = "list[" + element.displayName + "]";
        this.element = element;
    }

    /** The type of a list of {@code element} values. */
    public static DataType listOf(DataType element) {
        if (element.isList()) {
            throw new SchemaException("lists do not nest: cannot make a list of " + element);
        }
        for (DataType type : values()) {
            if (type.element == element) {
                return type;
            }
        }
        throw new SchemaException("there are no lists of " + element + "; cast the values to i64 or f64 first");
    }

    public boolean isList() {
        return element != null;
    }

    /** The type of this list type's elements. */
    public DataType elementType() {
        if (element == null) {
            throw new IllegalStateException(displayName + " is not a list type");
        }
        return element;
    }

    /** The short name printed under a column's name, as Polars prints it: {@code i64}, {@code str}. */
    public String displayName() {
        return displayName;
    }

    /** Whether values are whole numbers: {@code INT8} to {@code INT64}, and {@code INT128}. */
    public boolean isInteger() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64 || this == INT128;
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
