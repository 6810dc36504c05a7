package dev.floe.frame.column;

import dev.floe.frame.DataType;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Builds a one-chunk {@link Column} of a given type from Java values: the path by which lists,
 * maps, rows and records become columns. A value that does not fit the type is refused with a
 * message naming the value, its position and the type; nothing is converted silently (an
 * {@code Integer} goes into an {@code INT64} or {@code FLOAT64} column, a {@code Double} never
 * into an integer one). Not thread-safe.
 */
public final class ColumnBuilder {
    private final DataType type;
    private final String name;
    private final Object builder;
    private int length;
    /** For a list type: the elements, their row offsets, and the rows' validity; for a map type the keys. */
    private final ColumnBuilder elements;
    /** For a map type: the values, in their keys' places. */
    private final ColumnBuilder mapValues;
    /** For a struct type: one builder per field. */
    private final ColumnBuilder[] structFields;
    private int[] listOffsets;
    private final Validity.Builder listValidity;
    /** For the element builder of a list column: the list column's builder. */
    private final ColumnBuilder parent;

    private ColumnBuilder(DataType type, String name, int expectedLength, ColumnBuilder parent) {
        this.type = type;
        this.name = name;
        this.parent = parent;
        if (type.isStruct()) {
            this.structFields = new ColumnBuilder[type.fields().size()];
            for (int f = 0; f < structFields.length; f++) {
                structFields[f] = new ColumnBuilder(type.fields().get(f).type(), name, expectedLength, this);
            }
            this.elements = null;
            this.mapValues = null;
            this.listOffsets = null;
            this.listValidity = new Validity.Builder();
            this.builder = null;
            return;
        }
        this.structFields = null;
        if (type.isList()) {
            this.elements = new ColumnBuilder(type.elementType(), name, expectedLength * 4, this);
            this.mapValues = null;
            this.listOffsets = new int[Math.max(8, expectedLength + 1)];
            this.listValidity = new Validity.Builder();
            this.builder = null;
            return;
        }
        if (type.isMap()) {
            this.elements = new ColumnBuilder(type.keyType(), name, expectedLength * 4, this);
            this.mapValues = new ColumnBuilder(type.valueType(), name, expectedLength * 4, this);
            this.listOffsets = new int[Math.max(8, expectedLength + 1)];
            this.listValidity = new Validity.Builder();
            this.builder = null;
            return;
        }
        this.elements = null;
        this.mapValues = null;
        this.listValidity = null;
        this.builder = switch (type.id()) {
            case BOOLEAN, INT8 -> new ByteVector.Builder(type, expectedLength);
            case INT16 -> new ShortVector.Builder(type, expectedLength);
            case INT32, DATE -> new IntVector.Builder(type, expectedLength);
            case INT64, DATETIME, DURATION, TIME -> new LongVector.Builder(type, expectedLength);
            case INT128 -> new Int128Vector.Builder(expectedLength);
            case DECIMAL -> type.isLongDecimal() ? new LongVector.Builder(type, expectedLength)
                    : new Int128Vector.Builder(type, expectedLength);
            case FLOAT32 -> new FloatVector.Builder(type, expectedLength);
            case FLOAT64 -> new DoubleVector.Builder(type, expectedLength);
            case UTF8 -> new Utf8Vector.Builder(expectedLength, expectedLength * 8);
            case CATEGORICAL -> new CategoricalVector.Builder(new Dictionary.Builder(), expectedLength);
            case NULL -> null;
            default -> throw new IllegalStateException("unhandled type " + type);
        };
    }

    public static ColumnBuilder of(DataType type, int expectedLength) {
        return new ColumnBuilder(type, null, expectedLength, null);
    }

    /** A builder whose errors name the column {@code name}. */
    public static ColumnBuilder of(DataType type, String name, int expectedLength) {
        return new ColumnBuilder(type, name, expectedLength, null);
    }

    public DataType type() {
        return type;
    }

    /**
     * Appends {@code value} (null for a null).
     *
     * @throws SchemaException if the value does not fit the column's type
     */
    public ColumnBuilder append(Object value) {
        if (value == null) {
            appendNull();
            return this;
        }
        if (type.isList()) {
            appendList(value);
            return this;
        }
        if (type.isMap()) {
            appendMap(value);
            return this;
        }
        if (type.isStruct()) {
            appendStruct(value);
            return this;
        }
        switch (type.id()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw refuse(value);
                }
                ((ByteVector.Builder) builder).append((byte) (b ? 1 : 0));
            }
            case INT8 -> ((ByteVector.Builder) builder).append((byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case INT16 -> ((ShortVector.Builder) builder).append((short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE));
            case INT32 -> ((IntVector.Builder) builder).append((int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case INT64 -> ((LongVector.Builder) builder).append(integral(value, Long.MIN_VALUE, Long.MAX_VALUE));
            case INT128 -> {
                if (value instanceof java.math.BigInteger big) {
                    if (!Int128.fits(big)) {
                        throw new SchemaException(where() + "the value " + big + " does not fit type " + type
                                + " (" + Int128.MIN + " to " + Int128.MAX + ")");
                    }
                    ((Int128Vector.Builder) builder).append(big);
                } else {
                    long number = integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
                    ((Int128Vector.Builder) builder).append(Int128.highOf(number), number);
                }
            }
            case DECIMAL -> appendDecimal(value);
            case FLOAT32 -> {
                if (!(value instanceof Number n)) {
                    throw refuse(value);
                }
                ((FloatVector.Builder) builder).append(n.floatValue());
            }
            case FLOAT64 -> {
                if (!(value instanceof Number n)) {
                    throw refuse(value);
                }
                ((DoubleVector.Builder) builder).append(n.doubleValue());
            }
            case UTF8 -> ((Utf8Vector.Builder) builder).append(text(value));
            case CATEGORICAL -> ((CategoricalVector.Builder) builder).append(text(value));
            case DATE -> {
                if (!(value instanceof LocalDate date)) {
                    throw refuse(value);
                }
                ((IntVector.Builder) builder).append(Temporals.days(date));
            }
            case DATETIME -> {
                LocalDateTime datetime = switch (value) {
                    case LocalDateTime d -> d;
                    case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
                    case LocalDate d -> d.atStartOfDay(); // a date among timestamps: its midnight
                    default -> throw refuse(value);
                };
                long micros;
                try {
                    micros = Temporals.micros(datetime);
                } catch (ArithmeticException e) {
                    throw new dev.floe.frame.OutOfRangeException("out of range: the timestamp " + datetime
                            + " is past those Floe holds (microseconds since 1970 in 64 bits: about 290,000 years either way)");
                }
                ((LongVector.Builder) builder).append(micros);
            }
            case DURATION -> {
                if (!(value instanceof Duration duration)) {
                    throw refuse(value);
                }
                ((LongVector.Builder) builder).append(Temporals.micros(duration));
            }
            case TIME -> {
                if (!(value instanceof java.time.LocalTime time)) {
                    throw refuse(value);
                }
                ((LongVector.Builder) builder).append(Temporals.micros(time));
            }
            case NULL -> throw refuse(value);
            default -> throw new IllegalStateException("unhandled type " + type);
        }
        length++;
        return this;
    }

    /**
     * A decimal row: a {@code BigDecimal} or a whole number, which must have no more digits after
     * the point than the type (nothing is rounded away here; a CAST rounds) and no more before it.
     */
    private void appendDecimal(Object value) {
        java.math.BigDecimal decimal = switch (value) {
            case java.math.BigDecimal d -> d;
            case java.math.BigInteger b -> new java.math.BigDecimal(b);
            case Long l -> java.math.BigDecimal.valueOf(l);
            case Integer i -> java.math.BigDecimal.valueOf(i);
            case Short h -> java.math.BigDecimal.valueOf(h);
            case Byte b -> java.math.BigDecimal.valueOf(b);
            default -> throw refuse(value);
        };
        java.math.BigInteger whole;
        try {
            whole = decimal.setScale(type.scale()).unscaledValue();
        } catch (ArithmeticException rounding) {
            throw new SchemaException(where() + "the value " + decimal.toPlainString() + " has more than "
                    + type.scale() + " digits after the point, which type " + type + " holds; round it first");
        }
        if (whole.abs().compareTo(java.math.BigInteger.TEN.pow(type.precision())) >= 0) {
            throw new SchemaException(where() + "the value " + decimal.toPlainString() + " does not fit type " + type
                    + " (at most " + (type.precision() - type.scale()) + " digits before the point)");
        }
        if (builder instanceof LongVector.Builder longs) {
            longs.append(whole.longValue());
        } else {
            ((Int128Vector.Builder) builder).append(whole);
        }
    }

    /** A list row: a {@code Collection} (or other {@code Iterable}) or an array of element values. */
    private void appendList(Object value) {
        switch (value) {
            case Iterable<?> values -> values.forEach(elements::append);
            case Object[] values -> {
                for (Object element : values) {
                    elements.append(element);
                }
            }
            case long[] values -> {
                for (long element : values) {
                    elements.append(element);
                }
            }
            case int[] values -> {
                for (int element : values) {
                    elements.append(element);
                }
            }
            case double[] values -> {
                for (double element : values) {
                    elements.append(element);
                }
            }
            default -> throw refuse(value);
        }
        endList(true);
    }

    /** A map row: a {@code java.util.Map}, whose keys are not null (they are distinct, being a map's). */
    private void appendMap(Object value) {
        if (!(value instanceof java.util.Map<?, ?> map)) {
            throw refuse(value);
        }
        for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new SchemaException(where() + "a map's key is null; map keys are not null");
            }
            elements.append(entry.getKey());
            mapValues.append(entry.getValue());
        }
        endList(true);
    }

    /** A struct row: a {@code java.util.Map} of field name to value; a field it does not name is null. */
    private void appendStruct(Object value) {
        if (!(value instanceof java.util.Map<?, ?> map)) {
            throw refuse(value);
        }
        for (Object name : map.keySet()) {
            if (type.fields().stream().noneMatch(field -> field.name().equals(name))) {
                throw new SchemaException(where() + type + " has no field '" + name + "'");
            }
        }
        for (int f = 0; f < structFields.length; f++) {
            structFields[f].append(map.get(type.fields().get(f).name()));
        }
        listValidity.append(true);
        length++;
    }

    private void endList(boolean valid) {
        if (length + 2 > listOffsets.length) {
            listOffsets = java.util.Arrays.copyOf(listOffsets, listOffsets.length * 2);
        }
        listOffsets[length + 1] = elements.length;
        listValidity.append(valid);
        length++;
    }

    public ColumnBuilder appendNull() {
        if (type.isList() || type.isMap()) {
            endList(false);
            return this;
        }
        if (type.isStruct()) {
            for (ColumnBuilder field : structFields) {
                field.appendNull();
            }
            listValidity.append(false);
            length++;
            return this;
        }
        switch (builder) {
            case null -> { }
            case ByteVector.Builder b -> b.appendNull();
            case ShortVector.Builder b -> b.appendNull();
            case IntVector.Builder b -> b.appendNull();
            case LongVector.Builder b -> b.appendNull();
            case Int128Vector.Builder b -> b.appendNull();
            case FloatVector.Builder b -> b.appendNull();
            case DoubleVector.Builder b -> b.appendNull();
            case Utf8Vector.Builder b -> b.appendNull();
            case CategoricalVector.Builder b -> b.appendNull();
            default -> throw new IllegalStateException("unknown builder " + builder);
        }
        length++;
        return this;
    }

    public int length() {
        return length;
    }

    public Column build() {
        if (type.isList()) {
            return Column.of(new ListVector(listOffsets, elements.build().toVector(), 0, length, listValidity.build()));
        }
        if (type.isMap()) {
            return Column.of(new MapVector(type, listOffsets, elements.build().toVector(), mapValues.build().toVector(),
                    0, length, listValidity.build()));
        }
        if (type.isStruct()) {
            java.util.List<Vector> fields = new java.util.ArrayList<>(structFields.length);
            for (ColumnBuilder field : structFields) {
                fields.add(field.build().toVector());
            }
            return Column.of(new StructVector(type, fields, 0, length, listValidity.build()));
        }
        Vector vector = switch (builder) {
            case null -> new NullVector(length);
            case ByteVector.Builder b -> b.build();
            case ShortVector.Builder b -> b.build();
            case IntVector.Builder b -> b.build();
            case LongVector.Builder b -> b.build();
            case Int128Vector.Builder b -> b.build();
            case FloatVector.Builder b -> b.build();
            case DoubleVector.Builder b -> b.build();
            case Utf8Vector.Builder b -> b.build();
            case CategoricalVector.Builder b -> b.build();
            default -> throw new IllegalStateException("unknown builder " + builder);
        };
        return Column.of(vector);
    }

    private long integral(Object value, long min, long max) {
        long number = switch (value) {
            case Long l -> l;
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case java.math.BigInteger b when b.bitLength() <= 63 -> b.longValue();
            case java.math.BigInteger b -> throw new SchemaException(where() + "the value " + b + " does not fit type "
                    + type + " (" + min + " to " + max + ")");
            default -> throw refuse(value);
        };
        if (number < min || number > max) {
            throw new SchemaException(where() + "the value " + number + " does not fit type " + type
                    + " (" + min + " to " + max + ")");
        }
        return number;
    }

    private String text(Object value) {
        return switch (value) {
            case String s -> s;
            case Character c -> c.toString();
            case Enum<?> e -> e.name();
            default -> throw refuse(value);
        };
    }

    private SchemaException refuse(Object value) {
        return new SchemaException(where() + "the value " + quoted(value) + " (" + value.getClass().getSimpleName()
                + ") does not fit type " + type);
    }

    private String where() {
        if (parent != null) {
            String row = parent.where();
            if (parent.type.isStruct()) {
                int f = java.util.Arrays.asList(parent.structFields).indexOf(this);
                return row.substring(0, row.length() - 2) + ", field '" + parent.type.fields().get(f).name() + "': ";
            }
            String part = parent.type.isMap() ? (this == parent.elements ? ", map key " : ", map value ")
                    : ", list element ";
            return row.substring(0, row.length() - 2) + part + (length - parent.listOffsets[parent.length]) + ": ";
        }
        return (name == null ? "row " : "column '" + name + "', row ") + length + ": ";
    }

    private static String quoted(Object value) {
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 59) + "…" : text;
    }

    /**
     * The type that holds every value: {@code Integer -> INT32}, {@code Long -> INT64},
     * {@code BigInteger -> INT128}, {@code BigDecimal -> DECIMAL(p, s)} (the digits it has; several
     * give the most digits before and after the point among them),
     * {@code Double -> FLOAT64}, {@code String -> UTF8}, {@code Enum -> CATEGORICAL},
     * {@code LocalDate -> DATE}, {@code LocalDateTime / Instant -> DATETIME},
     * {@code Duration -> DURATION}, {@code LocalTime -> TIME}, {@code Boolean -> BOOLEAN}, a {@code Collection} a list and a
     * {@code Map} a map of the types of its elements; integers of several widths take the
     * widest, integers with floats {@code FLOAT64}; only nulls {@code NULL}.
     *
     * @throws SchemaException naming the first value that fits no common type
     */
    public static DataType inferType(Iterable<?> values, String name) {
        DataType result = DataType.NULL;
        int index = 0;
        for (Object value : values) {
            if (value != null) {
                DataType type = typeOf(value, name, index);
                DataType merged = merge(result, type);
                if (merged == null) {
                    throw new SchemaException((name == null ? "" : "column '" + name + "': ") + "row " + index
                            + " holds " + quoted(value) + " (" + value.getClass().getSimpleName()
                            + ") but earlier rows are " + result + "; one column holds one type");
                }
                result = merged;
            }
            index++;
        }
        return result;
    }

    private static DataType typeOf(Object value, String name, int index) {
        return switch (value) {
            case Boolean b -> DataType.BOOLEAN;
            case Byte b -> DataType.INT8;
            case Short s -> DataType.INT16;
            case Integer i -> DataType.INT32;
            case Long l -> DataType.INT64;
            case java.math.BigInteger b -> DataType.INT128;
            case java.math.BigDecimal d -> decimalOf(d, name, index);
            case Float f -> DataType.FLOAT32;
            case Double d -> DataType.FLOAT64;
            case String s -> DataType.UTF8;
            case Character c -> DataType.UTF8;
            case Enum<?> e -> DataType.CATEGORICAL;
            case LocalDate d -> DataType.DATE;
            case LocalDateTime d -> DataType.DATETIME;
            case Instant i -> DataType.DATETIME;
            case Duration d -> DataType.DURATION;
            case java.time.LocalTime t -> DataType.TIME;
            case java.util.Collection<?> list -> {
                yield DataType.listOf(inferType(list, name == null ? null : name + "[" + index + "]"));
            }
            case java.util.Map<?, ?> map -> {
                String at = name == null ? null : name + "[" + index + "]";
                DataType key = inferType(map.keySet(), at);
                DataType mapped = inferType(map.values(), at);
                if (key.isNested()) {
                    throw new SchemaException((name == null ? "" : "column '" + name + "': ") + "row " + index
                            + " holds a map whose keys are lists or maps; a map's keys are single values");
                }
                yield DataType.mapOf(key, mapped);
            }
            case long[] array -> DataType.LIST_INT64;
            case int[] array -> DataType.LIST_INT32;
            case double[] array -> DataType.LIST_FLOAT64;
            default -> throw new SchemaException((name == null ? "" : "column '" + name + "': ") + "row " + index
                    + " holds a " + value.getClass().getName() + ", which no column type holds; use numbers, "
                    + "strings, booleans, LocalDate, LocalDateTime, Instant, Duration, LocalTime, lists or maps of those");
        };
    }

    /** The type holding both, or null if none does. */
    /** The narrowest decimal type that holds {@code value}: its digits before and after the point. */
    private static DataType decimalOf(java.math.BigDecimal value, String name, int index) {
        java.math.BigDecimal exact = dev.floe.frame.Types.exactDecimal(value);
        if (exact == null) {
            throw new SchemaException((name == null ? "" : "column '" + name + "': ") + "row " + index + " holds "
                    + value.toPlainString() + ", which has more than " + DataType.MAX_DECIMAL_PRECISION
                    + " digits, the most a decimal holds");
        }
        return dev.floe.frame.Types.decimalOf(exact);
    }

    private static DataType merge(DataType a, DataType b) {
        return Types.supertype(a, b);
    }
}
