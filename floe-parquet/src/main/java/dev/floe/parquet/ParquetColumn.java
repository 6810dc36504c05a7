package dev.floe.parquet;

import dev.floe.frame.DataType;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One top-level column of a Parquet file as Floe sees it: its Floe type, the file's field, and
 * the leaf it is stored in (a primitive column, the element of a list, the key of a map; a map's
 * values are a second leaf). Made from a file's schema ({@link #of}), or from a Floe type for
 * writing ({@link #forWriting}).
 *
 * @param leaf the leaf primitive type (the element's, for a list; the key's, for a map)
 * @param valueLeaf a map's values' leaf; null for other columns
 * @param valueDescriptor a map's values' column; null for other columns
 * @param children a struct's fields, each a column of its own (their leaves nested one level); empty for
 *     other columns
 */
record ParquetColumn(String name, DataType type, Type field, PrimitiveType leaf, ColumnDescriptor descriptor,
        PrimitiveType valueLeaf, ColumnDescriptor valueDescriptor, java.util.List<ParquetColumn> children) {

    ParquetColumn(String name, DataType type, Type field, PrimitiveType leaf, ColumnDescriptor descriptor) {
        this(name, type, field, leaf, descriptor, null, null, java.util.List.of());
    }

    ParquetColumn(String name, DataType type, Type field, PrimitiveType leaf, ColumnDescriptor descriptor,
            PrimitiveType valueLeaf, ColumnDescriptor valueDescriptor) {
        this(name, type, field, leaf, descriptor, valueLeaf, valueDescriptor, java.util.List.of());
    }

    /** Why a file's column cannot be read. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** The column for {@code field} of {@code schema}; {@code hint} is the Floe type the writer recorded, or null. */
    static ParquetColumn of(MessageType schema, Type field, DataType hint) {
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw new Unsupported("a repeated field outside a list");
        }
        if (field.isPrimitive()) {
            PrimitiveType primitive = field.asPrimitiveType();
            DataType type = hint != null && !hint.isNested() ? hint : typeOf(primitive);
            return new ParquetColumn(field.getName(), type, field, primitive,
                    schema.getColumnDescription(new String[] {field.getName()}));
        }
        GroupType group = field.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            return map(schema, group, hint);
        }
        if (annotation == null) {
            return struct(schema, group, hint);
        }
        if (!(annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
                || group.getFieldCount() != 1) {
            throw new Unsupported("a group annotated " + annotation + " (lists, maps and structs of values are read)");
        }
        Type repeated = group.getType(0);
        Type element;
        String[] path;
        if (repeated.isPrimitive()) {
            element = repeated; // the two-level form: repeated values
            path = new String[] {field.getName(), repeated.getName()};
        } else if (repeated.asGroupType().getFieldCount() == 1 && repeated.asGroupType().getType(0).isPrimitive()) {
            element = repeated.asGroupType().getType(0);
            path = new String[] {field.getName(), repeated.getName(), element.getName()};
        } else {
            throw new Unsupported("a list of structs or of lists");
        }
        PrimitiveType primitive = element.asPrimitiveType();
        DataType elementType = hint != null && hint.isList() ? hint.elementType() : typeOf(primitive);
        return new ParquetColumn(field.getName(), DataType.listOf(elementType), field, primitive,
                schema.getColumnDescription(path));
    }

    /** A struct: a group of optional or required primitive fields, each read as a column of its own. */
    private static ParquetColumn struct(MessageType schema, GroupType group, DataType hint) {
        java.util.List<ParquetColumn> children = new java.util.ArrayList<>();
        java.util.List<dev.floe.frame.Schema.Field> fields = new java.util.ArrayList<>();
        boolean hinted = hint != null && hint.isStruct() && hint.fields().size() == group.getFieldCount();
        for (int f = 0; f < group.getFieldCount(); f++) {
            Type field = group.getType(f);
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw new Unsupported("a struct whose field '" + field.getName() + "' is a list, map or struct");
            }
            PrimitiveType primitive = field.asPrimitiveType();
            DataType type = hinted ? hint.fields().get(f).type() : typeOf(primitive);
            children.add(new ParquetColumn(field.getName(), type, field, primitive,
                    schema.getColumnDescription(new String[] {group.getName(), field.getName()})));
            fields.add(new dev.floe.frame.Schema.Field(field.getName(), type));
        }
        DataType type;
        try {
            type = DataType.structOf(fields);
        } catch (dev.floe.frame.SchemaException e) {
            throw new Unsupported(e.getMessage());
        }
        ParquetColumn first = children.get(0);
        return new ParquetColumn(group.getName(), type, group, first.leaf(), first.descriptor(), null, null, children);
    }

    /**
     * A map: a group of one repeated group of a key and a value, both primitive (the value may be
     * left out, as the format allows: a set of keys is read as a map to nulls).
     */
    private static ParquetColumn map(MessageType schema, GroupType group, DataType hint) {
        if (group.getFieldCount() != 1 || group.getType(0).isPrimitive()
                || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            throw new Unsupported("a map that is not one repeated group of keys and values");
        }
        GroupType entries = group.getType(0).asGroupType();
        if (entries.getFieldCount() < 1 || entries.getFieldCount() > 2 || !entries.getType(0).isPrimitive()
                || entries.getFieldCount() == 2 && !entries.getType(1).isPrimitive()) {
            throw new Unsupported("a map whose keys or values are structs, lists or maps");
        }
        PrimitiveType key = entries.getType(0).asPrimitiveType();
        PrimitiveType value = entries.getFieldCount() == 2 ? entries.getType(1).asPrimitiveType() : null;
        boolean hinted = hint != null && hint.isMap();
        DataType keyType = hinted ? hint.keyType() : typeOf(key);
        DataType valueType = hinted ? hint.valueType() : value == null ? DataType.NULL : typeOf(value);
        String[] keyPath = {group.getName(), entries.getName(), key.getName()};
        return new ParquetColumn(group.getName(), DataType.mapOf(keyType, valueType), group, key,
                schema.getColumnDescription(keyPath), value,
                value == null ? null : schema.getColumnDescription(new String[] {group.getName(), entries.getName(),
                        value.getName()}));
    }

    /** The Floe type of a primitive field, from its physical type and annotation. */
    static DataType typeOf(PrimitiveType primitive) {
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        PrimitiveTypeName physical = primitive.getPrimitiveTypeName();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            // exact, as written; one of more than 38 digits (which no Floe decimal holds) as f64
            return decimal.getPrecision() <= DataType.MAX_DECIMAL_PRECISION && decimal.getScale() >= 0
                    && decimal.getScale() <= decimal.getPrecision()
                    ? DataType.decimal(decimal.getPrecision(), decimal.getScale()) : DataType.FLOAT64;
        }
        return switch (physical) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT32 -> switch (logical) {
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i when i.getBitWidth() == 8 ->
                        i.isSigned() ? DataType.INT8 : DataType.INT16;
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i when i.getBitWidth() == 16 ->
                        i.isSigned() ? DataType.INT16 : DataType.INT32;
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i when !i.isSigned() -> DataType.INT64;
                case LogicalTypeAnnotation.DateLogicalTypeAnnotation d -> DataType.DATE;
                case LogicalTypeAnnotation.TimeLogicalTypeAnnotation t
                        when t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS -> DataType.TIME;
                case LogicalTypeAnnotation.UnknownLogicalTypeAnnotation u -> DataType.NULL;
                case null -> DataType.INT32;
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i -> DataType.INT32;
                default -> throw new Unsupported("INT32 annotated " + logical);
            };
            case INT64 -> switch (logical) {
                case LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t -> DataType.DATETIME;
                case LogicalTypeAnnotation.TimeLogicalTypeAnnotation t
                        when t.getUnit() != LogicalTypeAnnotation.TimeUnit.MILLIS -> DataType.TIME;
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i when !i.isSigned() ->
                        throw new Unsupported("unsigned 64-bit integers (no Floe type holds them all)");
                case null -> DataType.INT64;
                case LogicalTypeAnnotation.IntLogicalTypeAnnotation i -> DataType.INT64;
                default -> throw new Unsupported("INT64 annotated " + logical);
            };
            case INT96 -> DataType.DATETIME;
            case FLOAT -> DataType.FLOAT32;
            case DOUBLE -> DataType.FLOAT64;
            case BINARY -> switch (logical) {
                case LogicalTypeAnnotation.StringLogicalTypeAnnotation s -> DataType.UTF8;
                case LogicalTypeAnnotation.EnumLogicalTypeAnnotation e -> DataType.UTF8;
                case LogicalTypeAnnotation.JsonLogicalTypeAnnotation j -> DataType.UTF8;
                case null -> DataType.UTF8; // text if it is valid UTF-8, checked as it is read
                default -> throw new Unsupported("BINARY annotated " + logical);
            };
            case FIXED_LEN_BYTE_ARRAY -> throw new Unsupported("FIXED_LEN_BYTE_ARRAY"
                    + (logical == null ? "" : " annotated " + logical));
        };
    }

    /** The Parquet field that holds a Floe column (every column optional, so nulls fit). */
    static Type forWriting(String name, DataType type) {
        if (type.isStruct()) {
            Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.optionalGroup();
            for (dev.floe.frame.Schema.Field field : type.fields()) {
                group.addField(primitive(field.name(), field.type(), "field '" + field.name() + "' of struct column '"
                        + name + "'"));
            }
            return group.named(name);
        }
        if (type.isMap()) {
            // as the format lays maps out: keys required, values optional
            PrimitiveType optionalKey = primitive("key", type.keyType(), "the keys of map column '" + name + "'")
                    .asPrimitiveType();
            Type key = new PrimitiveType(Type.Repetition.REQUIRED, optionalKey.getPrimitiveTypeName(),
                    optionalKey.getTypeLength(), "key").withLogicalTypeAnnotation(optionalKey.getLogicalTypeAnnotation());
            Type value = primitive("value", type.valueType(), "the values of map column '" + name + "'");
            return Types.optionalGroup().as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup().addField(key).addField(value).named("key_value")).named(name);
        }
        if (type.isList()) {
            Type element = primitive("element", type.elementType(), "the elements of list column '" + name + "'");
            return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(element).named("list")).named(name);
        }
        return primitive(name, type, "column '" + name + "'");
    }

    /** The fewest bytes whose two's complement holds every whole number of {@code precision} digits. */
    static int decimalBytes(int precision) {
        java.math.BigInteger most = java.math.BigInteger.TEN.pow(precision).subtract(java.math.BigInteger.ONE);
        return most.bitLength() / 8 + 1; // the value's bits and a sign bit
    }

    /** The Parquet field {@code name} for values of {@code type}; {@code what} names them in messages. */
    private static Type primitive(String name, DataType type, String what) {
        return switch (type.id()) {
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case INT8 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case INT16 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, true)).named(name);
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, true)).named(name);
            case FLOAT32 -> Types.optional(PrimitiveTypeName.FLOAT).named(name);
            case FLOAT64 -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case UTF8, CATEGORICAL -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named(name);
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(name);
            case DATETIME -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false,
                    LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
            case DURATION -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case TIME -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timeType(false,
                    LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
            case NULL -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.unknownType()).named(name);
            case INT128 -> throw new IllegalArgumentException("Floe writes no " + type + " to Parquet (" + what
                    + "); cast it to i64 (checked) or f64 first");
            // up to 18 digits in 64 bits; wider in the fewest bytes that hold them (16 for 38 digits), as
            // the format says and DuckDB writes them
            case DECIMAL -> type.isLongDecimal()
                    ? Types.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision())).named(name)
                    : Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(decimalBytes(type.precision()))
                            .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision())).named(name);
            default -> throw new IllegalArgumentException("Parquet cannot hold " + type);
        };
    }
}
