package dev.floe.frame;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * The type of a column's values. Each type has one physical layout (see
 * {@link dev.floe.frame.column.Vector}): integers and floats in primitive arrays of their width,
 * {@code INT128} as two {@code long[]} (high and low words: exact sums of integers, SQL's
 * {@code HUGEINT}), {@code DATE} as days since 1970-01-01 in an {@code int[]}, {@code DATETIME}, {@code DURATION}
 * and {@code TIME} (of day) as microseconds in a {@code long[]}, {@code BOOLEAN} as one byte per value, {@code UTF8} as bytes
 * plus offsets, {@code CATEGORICAL} as {@code int} codes into one dictionary of strings.
 *
 * <p>The {@code LIST_*} types hold a list of values of one element type per row (what
 * {@code list()} and {@code topK(k)} aggregate into, and what {@code explode} takes apart): an
 * {@code int} offset per row into one vector of elements. A list of decimals
 * ({@code listOf(decimal(p, s))}, id {@code LIST_DECIMAL}) is one type per decimal type, and so is a
 * list of lists, maps, structs or times of day ({@code listOf(listOf(INT64))}, id {@code LIST}): types nest to any depth.
 *
 * <p>{@code DECIMAL(p, s)} ({@link #decimal}) holds exact numbers of {@code p} digits, {@code s} of
 * them after the point, as whole numbers of {@code 10^-s}: in a {@code long[]} up to 18 digits,
 * else in {@code INT128}'s two words. It is not {@link #isNumeric()}: an operation takes decimals
 * only where it says so.
 *
 * <p>{@code MAP} types ({@link #mapOf}) hold a map from keys to values per row: an {@code int} offset
 * per row into one vector of keys and one of values.
 *
 * <p>{@code STRUCT} types ({@link #structOf}) hold named fields per row: one vector per field.
 *
 * <p>A type is one of the constants below, one decimal, map or struct type, each a single instance, so {@code ==} compares types.
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
        /** A time of day, microseconds since midnight. */
        TIME,
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
        LIST_NULL,
        /** An exact decimal number: {@link #decimal(int, int)}. */
        DECIMAL,
        /** A list of decimals of one type: {@code listOf(decimal(p, s))}. */
        LIST_DECIMAL,
        /** A map from keys of one type to values of another per row: {@link #mapOf(DataType, DataType)}. */
        MAP,
        /** Named fields of their own types per row: {@link #structOf(List)}. */
        STRUCT,
        /** A list of lists, maps, structs or times of day: {@code listOf(element)} of such an element type. */
        LIST
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
    /** A time of day in microseconds since midnight, from 00:00:00 to 23:59:59.999999. */
    public static final DataType TIME = new DataType(Id.TIME, "time[μs]", null);
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
            FLOAT64, UTF8, CATEGORICAL, DATE, DATETIME, DURATION, TIME, NULL, LIST_BOOLEAN, LIST_INT8, LIST_INT16,
            LIST_INT32, LIST_INT64, LIST_FLOAT32, LIST_FLOAT64, LIST_UTF8, LIST_CATEGORICAL, LIST_DATE, LIST_DATETIME,
            LIST_DURATION, LIST_NULL);

    /** The most digits a decimal holds, as in SQL engines: its unscaled value fits 128 bits. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** The most digits a decimal stored in a {@code long} holds. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;

    /** Every decimal type, by precision and then scale: each made once, so that {@code ==} compares them too. */
    private static final DataType[][] DECIMALS = decimals();

    /** The list type of every decimal type, in the same places. */
    private static final DataType[][] DECIMAL_LISTS = decimalLists();

    private static final java.util.regex.Pattern DECIMAL_NAME = java.util.regex.Pattern.compile("(LIST_)?DECIMAL\\((\\d{1,2}),(\\d{1,2})\\)");

    private final Id id;
    private final String displayName;
    private final DataType element;
    private final int precision;
    private final int scale;
    /** A map type's key and value types; null for other types. */
    private final DataType key;
    private final DataType value;
    /** A struct type's fields; null for other types. */
    private final List<Schema.Field> fields;

    /**
     * Every map type made so far, by its key's and its value's type: each made once, so that {@code ==}
     * compares them too. A cache of immutable instances (there are too many key and value pairs, decimals
     * counted, to make them all up front); what a lookup returns does not depend on what was made before.
     */
    private static final java.util.concurrent.ConcurrentHashMap<List<DataType>, DataType> MAPS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Every list type of nested elements (and of times of day) made so far, by its element type, made once each as the map types are. */
    private static final java.util.concurrent.ConcurrentHashMap<DataType, DataType> NESTED_LISTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Every struct type made so far, by its fields, made once each as the map types are. */
    private static final java.util.concurrent.ConcurrentHashMap<List<Schema.Field>, DataType> STRUCTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private DataType(Id id, String displayName, DataType element) {
        this(id, displayName, element, 0, 0);
    }

    private DataType(Id id, String displayName, DataType element, int precision, int scale) {
        this(id, displayName, element, precision, scale, null, null);
    }

    private DataType(Id id, String displayName, DataType element, int precision, int scale, DataType key,
            DataType value) {
        this(id, displayName, element, precision, scale, key, value, null);
    }

    private DataType(Id id, String displayName, DataType element, int precision, int scale, DataType key,
            DataType value, List<Schema.Field> fields) {
        this.id = id;
        this.displayName = displayName;
        this.element = element;
        this.precision = precision;
        this.scale = scale;
        this.key = key;
        this.value = value;
        this.fields = fields;
    }

    private static DataType[][] decimals() {
        DataType[][] all = new DataType[MAX_DECIMAL_PRECISION + 1][];
        for (int p = 1; p <= MAX_DECIMAL_PRECISION; p++) {
            all[p] = new DataType[p + 1];
            for (int s = 0; s <= p; s++) {
                all[p][s] = new DataType(Id.DECIMAL, "decimal[" + p + "," + s + "]", null, p, s);
            }
        }
        return all;
    }

    private static DataType[][] decimalLists() {
        DataType[][] all = new DataType[MAX_DECIMAL_PRECISION + 1][];
        for (int p = 1; p <= MAX_DECIMAL_PRECISION; p++) {
            all[p] = new DataType[p + 1];
            for (int s = 0; s <= p; s++) {
                all[p][s] = list(Id.LIST_DECIMAL, DECIMALS[p][s]);
            }
        }
        return all;
    }

    /**
     * SQL's {@code DECIMAL(precision, scale)}: exact numbers of {@code precision} digits, {@code scale}
     * of them after the point (from 1 to 38 digits, and 0 to {@code precision} after the point). Stored
     * as whole numbers of {@code 10^-scale}: in a {@code long[]} up to 18 digits, as {@code INT128}'s
     * two words above.
     */
    public static DataType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            throw new SchemaException("a decimal has 1 to " + MAX_DECIMAL_PRECISION + " digits, not " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new SchemaException("a decimal of " + precision + " digits has 0 to " + precision
                    + " of them after the point, not " + scale);
        }
        return DECIMALS[precision][scale];
    }

    /** Whether this is a decimal type. */
    public boolean isDecimal() {
        return id == Id.DECIMAL;
    }

    /** A decimal's digits; 0 for other types. */
    public int precision() {
        return precision;
    }

    /** A decimal's digits after the point; 0 for other types. */
    public int scale() {
        return scale;
    }

    /** Whether values are 128-bit words: {@code INT128}, and decimals of more than 18 digits. */
    public boolean isWide() {
        return id == Id.INT128 || id == Id.DECIMAL && precision > MAX_LONG_DECIMAL_PRECISION;
    }

    /** Whether a decimal keeps its values in a {@code long[]} (up to 18 digits) rather than in two. */
    public boolean isLongDecimal() {
        return id == Id.DECIMAL && precision <= MAX_LONG_DECIMAL_PRECISION;
    }

    private static DataType list(Id id, DataType element) {
        return new DataType(id, "list[" + element.displayName + "]", element);
    }

    /** Every type but the decimals, in the order of their ids. */
    public static List<DataType> values() {
        return VALUES;
    }

    /**
     * The type whose {@link #name()} is {@code name} ({@code INT64}, {@code DECIMAL(15,2)},
     * {@code LIST(MAP(UTF8,INT64))}); fails for any other text.
     */
    public static DataType valueOf(String name) {
        int[] at = {0};
        DataType type = parseName(name, at);
        if (at[0] != name.length()) {
            throw new IllegalArgumentException("not a type's name: " + name);
        }
        return type;
    }

    /** The type whose name starts at {@code at[0]} of {@code name}; moves {@code at[0]} past it. */
    private static DataType parseName(String name, int[] at) {
        int start = at[0];
        int end = start;
        while (end < name.length() && (Character.isLetterOrDigit(name.charAt(end)) || name.charAt(end) == '_')) {
            end++;
        }
        String word = name.substring(start, end);
        at[0] = end;
        if (end >= name.length() || name.charAt(end) != '(') {
            try {
                return of(Id.valueOf(word));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a type's name: " + name);
            }
        }
        at[0]++;
        DataType type;
        switch (word) {
            case "DECIMAL", "LIST_DECIMAL" -> {
                int comma = name.indexOf(',', at[0]);
                int close = name.indexOf(')', at[0]);
                if (comma < 0 || close < comma) {
                    throw new IllegalArgumentException("not a type's name: " + name);
                }
                java.util.regex.Matcher decimal = DECIMAL_NAME.matcher(name.substring(start, close + 1));
                if (!decimal.matches()) {
                    throw new IllegalArgumentException("not a type's name: " + name);
                }
                type = decimal(Integer.parseInt(decimal.group(2)), Integer.parseInt(decimal.group(3)));
                at[0] = close;
                type = word.equals("DECIMAL") ? type : listOf(type);
            }
            case "LIST" -> type = listOf(parseName(name, at));
            case "MAP" -> {
                DataType key = parseName(name, at);
                expect(name, at, ',');
                type = mapOf(key, parseName(name, at));
            }
            case "STRUCT" -> {
                List<Schema.Field> fields = new java.util.ArrayList<>();
                do {
                    if (!fields.isEmpty()) {
                        expect(name, at, ',');
                    }
                    expect(name, at, '"');
                    StringBuilder field = new StringBuilder();
                    while (true) {
                        if (at[0] >= name.length()) {
                            throw new IllegalArgumentException("not a type's name: " + name);
                        }
                        char c = name.charAt(at[0]++);
                        if (c == '"' && at[0] < name.length() && name.charAt(at[0]) == '"') {
                            field.append('"');
                            at[0]++;
                        } else if (c == '"') {
                            break;
                        } else {
                            field.append(c);
                        }
                    }
                    expect(name, at, ' ');
                    fields.add(new Schema.Field(field.toString(), parseName(name, at)));
                } while (at[0] < name.length() && name.charAt(at[0]) == ',');
                type = structOf(fields);
            }
            default -> throw new IllegalArgumentException("not a type's name: " + name);
        }
        expect(name, at, ')');
        return type;
    }

    private static void expect(String name, int[] at, char c) {
        if (at[0] >= name.length() || name.charAt(at[0]) != c) {
            throw new IllegalArgumentException("not a type's name: " + name);
        }
        at[0]++;
    }

    /**
     * Type names joined by commas, as files record a frame's types, parted again: at the commas outside
     * parentheses ({@code DECIMAL(15,2)}, {@code MAP(UTF8,INT64)} hold some) and outside the double quotes
     * of a struct's field names.
     */
    public static List<String> splitNames(String names) {
        List<String> split = new java.util.ArrayList<>();
        int depth = 0;
        int from = 0;
        boolean quoted = false;
        for (int i = 0; i < names.length(); i++) {
            char c = names.charAt(i);
            quoted ^= c == '"';
            if (quoted) {
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                split.add(names.substring(from, i));
                from = i + 1;
            }
        }
        split.add(names.substring(from));
        return split;
    }

    /** The type of this id; a decimal's needs its precision and scale ({@link #decimal}). */
    public static DataType of(Id id) {
        if (id == Id.MAP) {
            throw new IllegalArgumentException("a map type has a key and a value type: DataType.mapOf(key, value)");
        }
        if (id == Id.STRUCT) {
            throw new IllegalArgumentException("a struct type has fields: DataType.structOf(fields)");
        }
        if (id == Id.LIST) {
            throw new IllegalArgumentException("a list of lists, maps or structs has an element type: DataType.listOf(element)");
        }
        if (id == Id.DECIMAL || id == Id.LIST_DECIMAL) {
            throw new IllegalArgumentException("a decimal type has a precision and a scale: DataType.decimal(p, s)"
                    + (id == Id.LIST_DECIMAL ? ", in DataType.listOf(DataType.decimal(p, s))" : ""));
        }
        return VALUES.get(id.ordinal());
    }

    /** What kind of type this is, for {@code switch}. */
    public Id id() {
        return id;
    }

    /**
     * The name of its constant: {@code INT64}, {@code LIST_UTF8}; a decimal's is {@code DECIMAL(15,2)},
     * a list of them {@code LIST_DECIMAL(15,2)}.
     */
    public String name() {
        return id == Id.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")"
                : id == Id.LIST_DECIMAL ? "LIST_" + element.name()
                : id == Id.LIST ? "LIST(" + element.name() + ")"
                : id == Id.MAP ? "MAP(" + key.name() + "," + value.name() + ")"
                : id == Id.STRUCT ? structName() : id.name();
    }

    /** {@code STRUCT("x" INT64,"name" UTF8)}: each field's name in double quotes (a quote in it doubled). */
    private String structName() {
        StringBuilder name = new StringBuilder("STRUCT(");
        for (int i = 0; i < fields.size(); i++) {
            name.append(i == 0 ? "" : ",").append('"').append(fields.get(i).name().replace("\"", "\"\""))
                    .append("\" ").append(fields.get(i).type().name());
        }
        return name.append(')').toString();
    }

    /** The type of a list of {@code element} values. */
    public static DataType listOf(DataType element) {
        if (element.isNested()) {
            return NESTED_LISTS.computeIfAbsent(element, e -> list(Id.LIST, e));
        }
        if (element.isDecimal()) {
            return DECIMAL_LISTS[element.precision][element.scale];
        }
        for (DataType type : VALUES) {
            if (type.element == element) {
                return type;
            }
        }
        if (element == TIME) {
            return NESTED_LISTS.computeIfAbsent(element, e -> list(Id.LIST, e)); // a list type made as needed
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
        return this == DATE || this == DATETIME || this == DURATION || this == TIME;
    }

    /** Whether values are text: {@code UTF8} or {@code CATEGORICAL}. */
    public boolean isText() {
        return this == UTF8 || this == CATEGORICAL;
    }

    /**
     * The type of maps from {@code key} values to {@code value} values (SQL's {@code MAP(K, V)}, what
     * {@code histogram} aggregates into): per row, distinct non-null keys, each with a value (which may be
     * null), in the order they were given. Keys are single values, not lists, maps or structs; values may
     * be of any type.
     */
    public static DataType mapOf(DataType key, DataType value) {
        if (key.isNested()) {
            throw new SchemaException("a map's keys are single values, not lists, maps or structs: "
                    + "cannot make a map from " + key + " to " + value);
        }
        return MAPS.computeIfAbsent(List.of(key, value), pair -> new DataType(Id.MAP,
                "map[" + key.displayName + "," + value.displayName + "]", null, 0, 0, key, value));
    }

    /** Whether this is a map type. */
    public boolean isMap() {
        return id == Id.MAP;
    }

    /** A map type's key type. */
    public DataType keyType() {
        if (key == null) {
            throw new IllegalStateException(displayName + " is not a map type");
        }
        return key;
    }

    /** A map type's value type. */
    public DataType valueType() {
        if (value == null) {
            throw new IllegalStateException(displayName + " is not a map type");
        }
        return value;
    }

    /**
     * The type of structs of {@code fields} (SQL's {@code STRUCT(a INTEGER, b VARCHAR)}, Polars'
     * {@code Struct}): per row, a value of each field's type (or null), the fields named and in order.
     * At least one field; names distinct (exactly, as SQL engines take them); fields may be of any type.
     */
    public static DataType structOf(List<Schema.Field> fields) {
        if (fields.isEmpty()) {
            throw new SchemaException("a struct has at least one field");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Schema.Field field : fields) {
            if (!names.add(field.name())) {
                throw new SchemaException("a struct's fields have distinct names: '" + field.name() + "' is twice");
            }
        }
        List<Schema.Field> copy = List.copyOf(fields);
        return STRUCTS.computeIfAbsent(copy, list -> {
            StringBuilder display = new StringBuilder("struct[");
            for (int i = 0; i < list.size(); i++) {
                display.append(i == 0 ? "" : ", ").append(list.get(i).name()).append(": ")
                        .append(list.get(i).type().displayName);
            }
            return new DataType(Id.STRUCT, display.append(']').toString(), null, 0, 0, null, null, list);
        });
    }

    /** Whether this is a struct type. */
    public boolean isStruct() {
        return id == Id.STRUCT;
    }

    /** A struct type's fields, in order. */
    public List<Schema.Field> fields() {
        if (fields == null) {
            throw new IllegalStateException(displayName + " is not a struct type");
        }
        return fields;
    }

    /** Whether values are lists, maps or structs: many values of other types per row. */
    public boolean isNested() {
        return element != null || key != null || fields != null;
    }

    /** The one instance of this type, when read back from a stream. */
    @Serial
    private Object readResolve() {
        return id == Id.DECIMAL ? decimal(precision, scale) : id == Id.LIST_DECIMAL || id == Id.LIST ? listOf(element)
                : id == Id.MAP ? mapOf(key, value) : id == Id.STRUCT ? structOf(fields) : of(id);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
