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
 * the leaf it is stored in (a primitive column; for a list, map or struct, its first leaf, with
 * the whole tree of its fields in {@code node}). Made from a file's schema ({@link #of}), or from a
 * Floe type for writing ({@link #forWriting}).
 *
 * @param leaf the leaf primitive type (a nested column's first leaf)
 * @param node a list's, map's or struct's tree of fields, read by {@link NestedColumns}; null for
 *     other columns
 */
record ParquetColumn(String name, DataType type, Type field, PrimitiveType leaf, ColumnDescriptor descriptor,
        Node node) {

    ParquetColumn(String name, DataType type, Type field, PrimitiveType leaf, ColumnDescriptor descriptor) {
        this(name, type, field, leaf, descriptor, null);
    }

    /** Why a file's column cannot be read. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** The kinds of field in a nested column's tree. */
    enum Kind { PRIMITIVE, LIST, MAP, STRUCT }

    /**
     * A field of a nested column: its Floe type, its path in the file's schema (and, for a list or
     * map, the path of the repeated group whose entries are its elements), its children (a list's
     * element; a map's key and value, the value absent where the file has none; a struct's fields),
     * and for a primitive field its leaf.
     */
    record Node(Kind kind, DataType type, String[] path, String[] repeated, java.util.List<Node> children,
            PrimitiveType primitive, ColumnDescriptor descriptor) {

        /** The first leaf below this field. */
        Node firstLeaf() {
            Node node = this;
            while (node.kind != Kind.PRIMITIVE) {
                node = node.children.get(0);
            }
            return node;
        }
    }

    /** The column for {@code field} of {@code schema}; {@code hint} is the Floe type the writer recorded, or null. */
    static ParquetColumn of(MessageType schema, Type field, DataType hint) {
        if (field.isPrimitive() && !field.isRepetition(Type.Repetition.REPEATED)) {
            PrimitiveType primitive = field.asPrimitiveType();
            DataType type = hint != null && !hint.isNested() ? hint : typeOf(primitive);
            return new ParquetColumn(field.getName(), type, field, primitive,
                    schema.getColumnDescription(new String[] {field.getName()}));
        }
        Node node = node(schema, field, new String[] {field.getName()}, hint);
        Node first = node.firstLeaf();
        return new ParquetColumn(field.getName(), node.type(), field, first.primitive(), first.descriptor(), node);
    }

    private static String[] child(String[] path, String name) {
        String[] out = java.util.Arrays.copyOf(path, path.length + 1);
        out[path.length] = name;
        return out;
    }

    /**
     * The tree of {@code field} (at {@code path}): a LIST-annotated group a list (of its repeated
     * field's one field, or of the repeated field itself where that is a primitive, a group of several
     * fields, or named {@code array} or {@code *_tuple}, as the format's rules for older writers say);
     * a MAP-annotated group a map (its repeated group's first field the key, a primitive, its second
     * the value); a repeated field elsewhere a list of its values, each present; another group a struct.
     * {@code hint} is the type Floe wrote, used where its shape fits.
     */
    private static Node node(MessageType schema, Type field, String[] path, DataType hint) {
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            // a repeated field outside a list: a list of its values, each present (the list itself never null)
            Node element = plainNode(schema, field, path, hint != null && hint.isList() ? hint.elementType() : null);
            return list(element, path, path);
        }
        if (field.isPrimitive()) {
            return plainNode(schema, field, path, hint);
        }
        GroupType group = field.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            if (group.getFieldCount() != 1 || group.getType(0).isPrimitive()
                    || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
                throw new Unsupported("a map that is not one repeated group of keys and values");
            }
            GroupType entries = group.getType(0).asGroupType();
            String[] repeated = child(path, entries.getName());
            if (entries.getFieldCount() < 1 || entries.getFieldCount() > 2 || !entries.getType(0).isPrimitive()
                    || entries.getType(0).isRepetition(Type.Repetition.REPEATED)) {
                throw new Unsupported("a map whose keys are not single values");
            }
            boolean hinted = hint != null && hint.isMap();
            Node key = plainNode(schema, entries.getType(0), child(repeated, entries.getType(0).getName()),
                    hinted ? hint.keyType() : null);
            java.util.List<Node> children = new java.util.ArrayList<>(java.util.List.of(key));
            DataType valueType = DataType.NULL;
            if (entries.getFieldCount() == 2) {
                Node value = node(schema, entries.getType(1), child(repeated, entries.getType(1).getName()),
                        hinted ? hint.valueType() : null);
                children.add(value);
                valueType = value.type();
            }
            DataType type;
            try {
                type = DataType.mapOf(key.type(), valueType);
            } catch (dev.floe.frame.SchemaException e) {
                throw new Unsupported(e.getMessage());
            }
            return new Node(Kind.MAP, type, path, repeated, children, null, null);
        }
        if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            if (group.getFieldCount() != 1 || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
                throw new Unsupported("a list that is not one repeated field");
            }
            Type repeated = group.getType(0);
            String[] repeatedPath = child(path, repeated.getName());
            DataType elementHint = hint != null && hint.isList() ? hint.elementType() : null;
            Node element;
            if (repeated.isPrimitive() || repeated.asGroupType().getFieldCount() != 1
                    || repeated.getName().equals("array") || repeated.getName().equals(field.getName() + "_tuple")) {
                element = plainNode(schema, repeated, repeatedPath, elementHint); // the two-level form
            } else {
                Type inner = repeated.asGroupType().getType(0);
                element = node(schema, inner, child(repeatedPath, inner.getName()), elementHint);
            }
            return list(element, path, repeatedPath);
        }
        if (annotation != null) {
            throw new Unsupported("a group annotated " + annotation + " (lists, maps and structs are read)");
        }
        return plainNode(schema, group, path, hint);
    }

    /** {@code field} as it is, its repetition aside: a primitive value, or a group read as a struct. */
    private static Node plainNode(MessageType schema, Type field, String[] path, DataType hint) {
        if (field.isPrimitive()) {
            PrimitiveType primitive = field.asPrimitiveType();
            DataType type = hint != null && !hint.isNested() ? hint : typeOf(primitive);
            return new Node(Kind.PRIMITIVE, type, path, null, java.util.List.of(), primitive,
                    schema.getColumnDescription(path));
        }
        GroupType group = field.asGroupType();
        if (group.getFieldCount() == 0) {
            throw new Unsupported("a group of no fields");
        }
        boolean hinted = hint != null && hint.isStruct() && hint.fields().size() == group.getFieldCount();
        java.util.List<Node> children = new java.util.ArrayList<>();
        java.util.List<dev.floe.frame.Schema.Field> fields = new java.util.ArrayList<>();
        for (int f = 0; f < group.getFieldCount(); f++) {
            Type inner = group.getType(f);
            Node node = node(schema, inner, child(path, inner.getName()), hinted ? hint.fields().get(f).type() : null);
            children.add(node);
            fields.add(new dev.floe.frame.Schema.Field(inner.getName(), node.type()));
        }
        DataType type;
        try {
            type = DataType.structOf(fields);
        } catch (dev.floe.frame.SchemaException e) {
            throw new Unsupported(e.getMessage());
        }
        return new Node(Kind.STRUCT, type, path, null, children, null, null);
    }

    private static Node list(Node element, String[] path, String[] repeated) {
        DataType type;
        try {
            type = DataType.listOf(element.type());
        } catch (dev.floe.frame.SchemaException e) {
            throw new Unsupported(e.getMessage());
        }
        return new Node(Kind.LIST, type, path, repeated, java.util.List.of(element), null, null);
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
        return forWriting(name, type, "column '" + name + "'");
    }

    /**
     * The field of {@code name} for {@code type}, nested as the format lays lists, maps and structs
     * out: a list an optional group of a repeated group {@code list} of an optional {@code element}; a
     * map an optional group of a repeated group {@code key_value} of a required {@code key} and an
     * optional {@code value}; a struct an optional group of its fields.
     */
    private static Type forWriting(String name, DataType type, String what) {
        if (type.isStruct()) {
            Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.optionalGroup();
            for (dev.floe.frame.Schema.Field field : type.fields()) {
                group.addField(forWriting(field.name(), field.type(), "field '" + field.name() + "' of " + what));
            }
            return group.named(name);
        }
        if (type.isMap()) {
            PrimitiveType optionalKey = primitive("key", type.keyType(), "the keys of " + what).asPrimitiveType();
            Type key = new PrimitiveType(Type.Repetition.REQUIRED, optionalKey.getPrimitiveTypeName(),
                    optionalKey.getTypeLength(), "key").withLogicalTypeAnnotation(optionalKey.getLogicalTypeAnnotation());
            Type value = forWriting("value", type.valueType(), "the values of " + what);
            return Types.optionalGroup().as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup().addField(key).addField(value).named("key_value")).named(name);
        }
        if (type.isList()) {
            Type element = forWriting("element", type.elementType(), "the elements of " + what);
            return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(element).named("list")).named(name);
        }
        return primitive(name, type, what);
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
