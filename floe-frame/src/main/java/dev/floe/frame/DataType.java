package dev.floe.frame;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

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
 *
 * <p>A type is one of the constants below, each a single instance, so {@code ==} compares types.
 * What kind of type it is, {@link #id()}, is an enum, for {@code switch}: {@code switch
 * (type.id()) { case INT64 -> ... }}. (A class rather than an enum, so that a type can carry
 * parameters of its own.)
 */
public final class DataType implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The kinds of type, one per constant of {@link DataType} and with its name. */
    public enum Id {
        BOOLEAN,
        INT8,
        INT16,
        INT32,
        INT64,
        INT128,
        FLOAT32,
        FLOAT64,
        UTF8,
        CATEGORICAL,
        DATE,
        DATETIME,
        DURATION,
        NULL,
        LIST_BOOLEAN,
        LIST_INT8,
        LIST_INT16,
        LIST_INT32,
        LIST_INT64,
        LIST_FLOAT32,
        LIST_FLOAT64,
        LIST_UTF8,
        LIST_CATEGORICAL,
        LIST_DATE,
        LIST_DATETIME,
        LIST_DURATION,
        LIST_NULL
    }

    public static final DataType BOOLEAN = new DataType(Id.BOOLEAN, "bool", null);
    public static final DataType INT8 = new DataType(Id.INT8, "i8", null);
    public static final DataType INT16 = new DataType(Id.INT16, "i16", null);
    public static final DataType INT32 = new DataType(Id.INT32, "i32", null);
    public static final DataType INT64 = new DataType(Id.INT64, "i64", null);
    public static final DataType INT128 = new DataType(Id.INT128, "i128", null);
    public static final DataType FLOAT32 = new DataType(Id.FLOAT32, "f32", null);
    public static final DataType FLOAT64 = new DataType(Id.FLOAT64, "f64", null);
    public static final DataType UTF8 = new DataType(Id.UTF8, "str", null);
    public static final DataType CATEGORICAL = new DataType(Id.CATEGORICAL, "cat", null);
    public static final DataType DATE = new DataType(Id.DATE, "date", null);
    public static final DataType DATETIME = new DataType(Id.DATETIME, "datetime[μs]", null);
    public static final DataType DURATION = new DataType(Id.DURATION, "duration[μs]", null);
    public static final DataType NULL = new DataType(Id.NULL, "null", null);
    public static final DataType LIST_BOOLEAN = list(Id.LIST_BOOLEAN, BOOLEAN);
    public static final DataType LIST_INT8 = list(Id.LIST_INT8, INT8);
    public static final DataType LIST_INT16 = list(Id.LIST_INT16, INT16);
    public static final DataType LIST_INT32 = list(Id.LIST_INT32, INT32);
    public static final DataType LIST_INT64 = list(Id.LIST_INT64, INT64);
    public static final DataType LIST_FLOAT32 = list(Id.LIST_FLOAT32, FLOAT32);
    public static final DataType LIST_FLOAT64 = list(Id.LIST_FLOAT64, FLOAT64);
    public static final DataType LIST_UTF8 = list(Id.LIST_UTF8, UTF8);
    public static final DataType LIST_CATEGORICAL = list(Id.LIST_CATEGORICAL, CATEGORICAL);
    public static final DataType LIST_DATE = list(Id.LIST_DATE, DATE);
    public static final DataType LIST_DATETIME = list(Id.LIST_DATETIME, DATETIME);
    public static final DataType LIST_DURATION = list(Id.LIST_DURATION, DURATION);
    public static final DataType LIST_NULL = list(Id.LIST_NULL, NULL);

    /** The constants in the order of their ids. */
    private static final List<DataType> VALUES = List.of(BOOLEAN, INT8, INT16, INT32, INT64, INT128, FLOAT32,
            FLOAT64, UTF8, CATEGORICAL, DATE, DATETIME, DURATION, NULL, LIST_BOOLEAN, LIST_INT8, LIST_INT16,
            LIST_INT32, LIST_INT64, LIST_FLOAT32, LIST_FLOAT64, LIST_UTF8, LIST_CATEGORICAL, LIST_DATE, LIST_DATETIME,
            LIST_DURATION, LIST_NULL);

    private final Id id;
    private final String displayName;
    private final DataType element;

    private DataType(Id id, String displayName, DataType element) {
        this.id = id;
        this.displayName = displayName;
        this.element = element;
    }

    private static DataType list(Id id, DataType element) {
        return new DataType(id, "list[" + element.displayName + "]", element);
    }

    /** Every type, in the order of their ids. */
    public static List<DataType> values() {
        return VALUES;
    }

    /** The type whose {@link #name()} is {@code name} ({@code INT64}); fails for any other text. */
    public static DataType valueOf(String name) {
        return of(Id.valueOf(name));
    }

    /** The type of this id. */
    public static DataType of(Id id) {
        return VALUES.get(id.ordinal());
    }

    /** What kind of type this is, for {@code switch}. */
    public Id id() {
        return id;
    }

    /** The name of its constant: {@code INT64}, {@code LIST_UTF8}. */
    public String name() {
        return id.name();
    }

    /** The type of a list of {@code element} values. */
    public static DataType listOf(DataType element) {
        if (element.isList()) {
            throw new SchemaException("lists do not nest: cannot make a list of " + element);
        }
        for (DataType type : VALUES) {
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

    /** The one instance of this type, when read back from a stream. */
    @Serial
    private Object readResolve() {
        return of(id);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
