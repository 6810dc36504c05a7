package dev.floe.frame.expr;

import dev.floe.frame.ColumnNotFoundException;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Types;

/**
 * The type of an expression over a schema, checked as a plan is built so that a mistake fails at
 * once, naming the expression: a missing column (with the closest match), an operator applied to
 * types it does not take, a condition that is not boolean.
 */
public final class ExprTyper {
    private ExprTyper() {}

    /**
     * The type {@code expr} produces over {@code schema}.
     *
     * @throws ColumnNotFoundException if a column does not exist
     * @throws SchemaException if types do not fit, naming the expression
     */
    public static DataType typeOf(Expr expr, Schema schema) {
        return switch (expr) {
            case Col col -> {
                if (!schema.contains(col.name())) {
                    throw new ColumnNotFoundException(col.name(), schema.names());
                }
                yield schema.type(col.name());
            }
            case Lit lit -> lit.type();
            case Columns columns -> throw new SchemaException(columns + " stands for several columns and must be "
                    + "expanded first; use it where a step takes a list of expressions (select, withColumns, agg)");
            case Alias alias -> typeOf(alias.input(), schema);
            case Unary unary -> unary(unary, typeOf(unary.input(), schema));
            case Binary binary -> binary(binary, schema);
            case Cast cast -> cast(cast, typeOf(cast.input(), schema));
            case FillNull fill -> {
                DataType input = typeOf(fill.input(), schema);
                DataType value = literalType(fill.fill(), input, typeOf(fill.fill(), schema));
                yield require(Types.supertype(input, value), expr, "cannot fill nulls of " + input + " with " + value);
            }
            case When when -> when(when, schema);
            case Agg agg -> agg(agg, schema);
            case Call call -> call(call, typeOf(call.input(), schema));
            case MultiCall call -> multiCall(call, schema);
            case ListLambda lambda -> lambda(lambda, schema);
            case Cut cut -> {
                requireNumberForCut(cut, typeOf(cut.input(), schema));
                yield DataType.CATEGORICAL;
            }
            case Over over -> {
                if (!ExprTrees.containsAgg(over.expr())) {
                    throw fail(over, "over needs an aggregation to give back to the rows, such as .sum() or .mean()");
                }
                for (Expr key : over.partitionBy()) {
                    if (ExprTrees.containsAgg(key) || ExprTrees.containsWindow(key)) {
                        throw fail(over, "a partition key must be a row-wise expression, not " + key);
                    }
                    typeOf(key, schema); // lists, maps and structs partition by their sort keys
                }
                for (dev.floe.frame.plan.SortKey key : over.orderBy()) {
                    if (ExprTrees.containsAgg(key.expr()) || ExprTrees.containsWindow(key.expr())) {
                        throw fail(over, "a window's order must be a row-wise expression, not " + key.expr());
                    }
                    if (typeOf(key.expr(), schema).isNested()) {
                        throw fail(over, "a window cannot be ordered by a list or a map, as " + key.expr() + " is");
                    }
                }
                if (over.expr() instanceof Agg agg && agg.function().windowOnly()) {
                    yield windowFunction(agg, schema);
                }
                // unordered, every row of a partition is a peer of every other: GROUPS offsets and EXCLUDE
                // count that one group, as SQL (and DuckDB) say; a RANGE offset has no key to measure along
                if (over.frame() != null && over.frame().unit() == WindowFrame.Unit.RANGE && over.orderBy().isEmpty()
                        && over.frame().hasOffset()) {
                    throw fail(over, "a RANGE frame with an offset needs an ordered window");
                }
                if (over.frame() != null && over.frame().unit() == WindowFrame.Unit.RANGE && over.frame().hasOffset()) {
                    if (over.orderBy().size() != 1) {
                        throw fail(over, "a RANGE frame with an offset needs exactly one order key, not "
                                + over.orderBy().size());
                    }
                    DataType key = typeOf(over.orderBy().get(0).expr(), schema);
                    if (!(key.isNumeric() || key.isDecimal() || key == DataType.DATE || key == DataType.DATETIME
                            || key == DataType.NULL)) {
                        throw fail(over, "a RANGE frame with an offset needs a number, date or timestamp order key, not "
                                + key);
                    }
                }
                if (over.framed()) {
                    Agg agg = (Agg) over.expr();
                    if (agg.function().frameOnly()) {
                        for (Expr input : agg.inputs()) {
                            if (ExprTrees.containsAgg(input) || ExprTrees.containsWindow(input)) {
                                throw fail(agg, "an aggregation cannot contain another one or a window");
                            }
                        }
                        yield typeOf(agg.input(), schema);
                    }
                    // the fast forms (FramedWindow.fast), or any aggregation over each frame's values
                    yield typeOf(over.expr(), schema);
                }
                if (over.ordered()) {
                    if (!(over.expr() instanceof Agg agg)) {
                        throw fail(over, "an ordered window takes row_number, rank, dense_rank, lag, lead or a running "
                                + "aggregation, not " + over.expr());
                    }
                }
                yield typeOf(over.expr(), schema);
            }
        };
    }

    private static DataType call(Call call, DataType input) {
        ScalarFunction function = call.function();
        return switch (function) {
            case SQRT, EXP, LOG, LOG10, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN, CBRT -> {
                requireNumber(call, input);
                yield input == DataType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
            }
            case REQUIRE_POSITIVE, REQUIRE_NOT_NEGATIVE -> {
                requireNumber(call, input);
                yield input;
            }
            case REQUIRE_TRUE -> {
                if (input != DataType.BOOLEAN && input != DataType.NULL) {
                    throw fail(call, "require_true needs a boolean, got " + input);
                }
                yield DataType.BOOLEAN;
            }
            case FLOOR, CEIL, ROUND -> {
                if (input.isDecimal()) {
                    yield roundedDecimal(function, call.parameters(), input);
                }
                requireNumber(call, input);
                yield input == DataType.NULL ? DataType.FLOAT64 : input;
            }
            case CLIP -> {
                requireNumber(call, input);
                if (function == ScalarFunction.CLIP && input == DataType.INT128) {
                    throw fail(call, "clip does not take " + input + "; cast the values to i64 or f64 first");
                }
                yield input == DataType.NULL ? DataType.FLOAT64 : input;
            }
            case IS_NAN -> {
                requireNumber(call, input);
                yield DataType.BOOLEAN;
            }
            case CODE_POINT_TEXT -> {
                if (!input.isInteger() && input != DataType.NULL) {
                    throw fail(call, "code_point_text needs an integer, not " + input);
                }
                yield DataType.UTF8;
            }
            case IS_IN -> {
                for (Object value : call.parameters()) {
                    if (value != null && Types.supertype(input, Lit.of(value).type()) == null) {
                        throw fail(call, "cannot look for " + value + " (" + Lit.of(value).type() + ") among " + input
                                + " values");
                    }
                }
                yield DataType.BOOLEAN;
            }
            case STR_LEN, STR_LEN_BYTES, FIRST_CODE_POINT, STR_DIGEST, UPPER, LOWER, CONTAINS, STARTS_WITH, ENDS_WITH, STR_SLICE, STR_HEAD, STR_TAIL, REPLACE, STRIP,
                    SPLIT_FIRST,
                    STR_SPLIT, LIKE, STR_PAD, STR_POSITION, SPLIT_PART, STR_REVERSE, STR_REPEAT, STR_TRANSLATE,
                    REGEX_MATCHES, REGEX_REPLACE, REGEX_EXTRACT, REGEX_SPLIT, REGEX_EXTRACT_ALL -> {
                if (!input.isText() && input != DataType.NULL) {
                    throw fail(call, function.displayName() + " needs str or cat, not " + input);
                }
                yield switch (function) {
                    case STR_LEN, STR_LEN_BYTES, FIRST_CODE_POINT -> DataType.INT32;
                    case STR_POSITION -> DataType.INT64;
                    case CONTAINS, STARTS_WITH, ENDS_WITH, LIKE, REGEX_MATCHES -> DataType.BOOLEAN;
                    case STR_SPLIT, REGEX_SPLIT, REGEX_EXTRACT_ALL -> DataType.LIST_UTF8;
                    default -> DataType.UTF8;
                };
            }
            case JSON_EXTRACT, JSON_EXTRACT_STRING, JSON_TYPE, JSON_ARRAY_LENGTH, JSON_KEYS, JSON_EXISTS, JSON_VALID -> {
                if (!input.isText() && input != DataType.NULL) {
                    throw fail(call, function.displayName() + " needs JSON text (str or cat), not " + input);
                }
                yield switch (function) {
                    case JSON_ARRAY_LENGTH -> DataType.INT64;
                    case JSON_KEYS -> DataType.LIST_UTF8;
                    case JSON_EXISTS, JSON_VALID -> DataType.BOOLEAN;
                    default -> DataType.UTF8;
                };
            }
            case LIST_LEN, LIST_GET, LIST_SUM, LIST_MEAN, LIST_MIN, LIST_MAX, LIST_CONTAINS, LIST_POSITION, LIST_JOIN,
                    LIST_SORT, LIST_REVERSE, LIST_FLATTEN, LIST_DISTINCT, LIST_N_UNIQUE -> {
                if (!input.isList() && input != DataType.NULL) {
                    throw fail(call, function.displayName() + " needs a list, not " + input);
                }
                DataType element = input == DataType.NULL ? DataType.NULL : input.elementType();
                yield switch (function) {
                    case LIST_LEN -> DataType.INT32;
                    case LIST_GET -> element;
                    case LIST_REVERSE -> input == DataType.NULL ? DataType.LIST_NULL : input;
                    case LIST_FLATTEN -> {
                        if (element == DataType.NULL) {
                            yield DataType.LIST_NULL;
                        }
                        if (!element.isList()) {
                            throw fail(call, "list.flatten needs a list of lists, not " + input);
                        }
                        yield element;
                    }
                    case LIST_SORT, LIST_DISTINCT, LIST_N_UNIQUE -> {
                        // lists, maps and structs order by their sort keys (SortKeys)
                        if (!(element == DataType.NULL || element.isNumeric() || element.isDecimal() || element.isText()
                                || element.isTemporal() || element == DataType.BOOLEAN || element.isNested())) {
                            throw fail(call, function.displayName() + " cannot order " + element);
                        }
                        yield function == ScalarFunction.LIST_N_UNIQUE ? DataType.INT64
                                : input == DataType.NULL ? DataType.LIST_NULL : input;
                    }
                    case LIST_SUM -> {
                        if (element.isDecimal()) {
                            yield DataType.decimal(DataType.MAX_DECIMAL_PRECISION, element.scale()); // as sum
                        }
                        if (!element.isNumeric() && element != DataType.BOOLEAN && element != DataType.NULL) {
                            throw fail(call, "list.sum needs numbers, not " + input);
                        }
                        yield element.isFloat() ? element : DataType.INT64;
                    }
                    case LIST_MEAN -> {
                        if (!element.isNumeric() && !element.isDecimal() && element != DataType.BOOLEAN
                                && element != DataType.NULL) {
                            throw fail(call, "list.mean needs numbers, not " + input);
                        }
                        yield DataType.FLOAT64;
                    }
                    case LIST_MIN, LIST_MAX -> {
                        if (!(element == DataType.NULL || element.isNumeric() || element.isDecimal() || element.isText()
                                || element.isTemporal() || element == DataType.BOOLEAN)) {
                            throw fail(call, function.displayName() + " cannot order " + element);
                        }
                        yield element;
                    }
                    case LIST_POSITION -> {
                        Object wanted = call.parameters().isEmpty() ? null : call.parameters().get(0);
                        DataType value = wanted == null ? DataType.NULL : Lit.of(wanted).type();
                        if (element != DataType.NULL && value != DataType.NULL && !comparable(element, value)) {
                            throw fail(call, "cannot look for " + wanted + " (" + value + ") among " + element
                                    + " elements");
                        }
                        yield DataType.INT32;
                    }
                    case LIST_CONTAINS -> {
                        DataType value = Lit.of(call.parameters().get(0)).type();
                        if (element != DataType.NULL && !comparable(element, value)) {
                            throw fail(call, "cannot look for " + call.parameters().get(0) + " (" + value + ") among "
                                    + element + " elements");
                        }
                        yield DataType.BOOLEAN;
                    }
                    default -> {
                        if (!element.isText() && element != DataType.NULL) {
                            throw fail(call, "list.join needs text elements, not " + element);
                        }
                        yield DataType.UTF8;
                    }
                };
            }
            case STRPTIME -> {
                if (!input.isText() && input != DataType.NULL) {
                    throw fail(call, "strptime reads text (str or cat), not " + input);
                }
                for (Object format : call.parameters().subList(1, call.parameters().size())) {
                    try {
                        DateParseFormat.compile((String) format);
                    } catch (IllegalArgumentException e) {
                        throw fail(call, e.getMessage());
                    }
                }
                yield DataType.DATETIME;
            }
            case ADD_MONTHS -> {
                if (input != DataType.DATE && input != DataType.DATETIME && input != DataType.NULL) {
                    throw fail(call, "adding months needs a date or datetime, not " + input);
                }
                yield DataType.DATETIME;
            }
            case YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, QUARTER, WEEKDAY, ISO_WEEKDAY,
                    DAY_OF_YEAR, ISO_WEEK, ISO_YEAR, DECADE, CENTURY, MILLENNIUM, EPOCH, TRUNCATE, MONTH_END,
                    STRFTIME -> {
                boolean clock = function == ScalarFunction.HOUR || function == ScalarFunction.MINUTE
                        || function == ScalarFunction.SECOND || function == ScalarFunction.MILLISECOND
                        || function == ScalarFunction.MICROSECOND;
                boolean ok = input == DataType.DATETIME || input == DataType.NULL
                        || (input == DataType.DATE && !clock)
                        || (input == DataType.TIME && (clock || function == ScalarFunction.EPOCH))
                        || (input == DataType.DURATION && function == ScalarFunction.EPOCH);
                if (!ok) {
                    throw fail(call, function.displayName() + " needs " + (clock ? "datetime or time"
                            : function == ScalarFunction.EPOCH ? "date, datetime, time or duration" : "date or datetime")
                            + ", not " + input + (input == DataType.DURATION
                                    ? " (a duration is a count of microseconds, its days and hours not kept apart as "
                                    + "an interval's are: dt.epoch() gives its seconds)" : ""));
                }
                yield switch (function) {
                    case EPOCH -> DataType.FLOAT64;
                    case TRUNCATE -> DataType.DATETIME;
                    case MONTH_END -> DataType.DATE;
                    case STRFTIME -> DataType.UTF8;
                    default -> DataType.INT32;
                };
            }
            case BIT_NOT -> {
                requireBits(call, input);
                yield input == DataType.NULL ? DataType.INT32 : input;
            }
            case BIT_COUNT -> {
                requireBits(call, input);
                yield input == DataType.INT128 ? DataType.INT16 : DataType.INT8; // 128 bits set do not fit an i8
            }
            case PRINTF -> {
                Printf.Spec spec = Printf.Spec.of((String) call.parameters().get(0));
                boolean fits = input == DataType.NULL || (spec.integral() ? input.isInteger()
                        : spec.floating() ? input.isNumeric() || input.isDecimal() : input.isText());
                if (!fits) {
                    throw fail(call, "printf's " + spec.text() + " takes " + (spec.integral() ? "whole numbers"
                            : spec.floating() ? "numbers" : "text") + ", not " + input);
                }
                yield DataType.UTF8;
            }
            case TO_BASE -> {
                if (!input.isInteger() && !input.isText() && input != DataType.NULL) {
                    String name = Integer.valueOf(16).equals(call.parameters().get(0)) ? "to_hex" : "to_binary";
                    throw fail(call, name + " needs integers or text, not " + input);
                }
                yield DataType.UTF8;
            }
            case STRUCT_FIELD -> {
                String name = (String) call.parameters().get(0);
                if (input == DataType.NULL) {
                    yield DataType.NULL;
                }
                if (!input.isStruct()) {
                    throw fail(call, "struct.field needs a struct, not " + input);
                }
                for (Schema.Field field : input.fields()) {
                    if (field.name().equals(name)) {
                        yield field.type();
                    }
                }
                throw fail(call, input + " has no field '" + name + "'; its fields are "
                        + input.fields().stream().map(Schema.Field::name).toList());
            }
            case MAP_KEYS, MAP_VALUES, MAP_LEN -> {
                if (!input.isMap() && input != DataType.NULL) {
                    throw fail(call, function.displayName() + " needs a map, not " + input);
                }
                if (function == ScalarFunction.MAP_LEN) {
                    yield DataType.INT64;
                }
                if (input == DataType.NULL) {
                    yield DataType.LIST_NULL;
                }
                yield listOfEntries(call, function == ScalarFunction.MAP_KEYS ? input.keyType() : input.valueType());
            }
            case SORT_KEY -> DataType.UTF8;
            case MAP_ENTRIES -> {
                if (!input.isMap() && input != DataType.NULL) {
                    throw fail(call, "map.entries needs a map, not " + input);
                }
                DataType map = input == DataType.NULL ? DataType.mapOf(DataType.NULL, DataType.NULL) : input;
                yield DataType.listOf(entryType(map));
            }
            case MAP_FROM_ENTRIES -> {
                if (input == DataType.NULL || input == DataType.LIST_NULL) {
                    yield DataType.mapOf(DataType.NULL, DataType.NULL);
                }
                if (!input.isList() || !input.elementType().isStruct() || input.elementType().fields().size() != 2) {
                    throw fail(call, "map.from_entries needs a list of structs of two fields (a key and a value), not "
                            + input);
                }
                java.util.List<Schema.Field> fields = input.elementType().fields();
                try {
                    yield DataType.mapOf(fields.get(0).type(), fields.get(1).type());
                } catch (dev.floe.frame.SchemaException e) {
                    throw fail(call, e.getMessage());
                }
            }
            case DATE_DIFF, DATE_ELAPSED, MAKE_DATE, MAKE_TIME, LIST_VALUE, LIST_SLICE, LIST_RESIZE, LIST_SELECT, LIST_CONCAT, LIST_INTERSECT, LIST_MEASURE, LIST_RANGE, ARCTAN2, BIT_AND, BIT_OR,
                    BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT, GCD, LCM, TEXT_DISTANCE, MAP_FROM_LISTS, MAP_GET, MAP_EXTRACT,
                    MAP_CONTAINS, MAP_CONTAINS_VALUE, MAP_CONCAT, STRUCT_PACK, RANDOM, UUID, PER_VALUE, NEXTVAL, CURRVAL -> throw fail(call, function.displayName()
                    + " takes several inputs; build it with its own method");
        };
    }

    /** The struct of a map's entries: its {@code key} and its {@code value}. */
    public static DataType entryType(DataType map) {
        return DataType.structOf(java.util.List.of(new Schema.Field("key", map.keyType()),
                new Schema.Field("value", map.valueType())));
    }

    /** The list of a map's keys or values of {@code type}. */
    private static DataType listOfEntries(Expr call, DataType type) {
        try {
            return DataType.listOf(type);
        } catch (dev.floe.frame.SchemaException e) {
            throw fail(call, e.getMessage());
        }
    }

    /** A lambda's type: a list of its body's values ({@code transform}), its list's ({@code filter}), or what it folds to. */
    private static DataType lambda(ListLambda lambda, Schema schema) {
        Schema body = lambdaSchema(lambda, schema);
        DataType value = typeOf(lambda.body(), body);
        String name = lambda.kind().displayName();
        return switch (lambda.kind()) {
            case TRANSFORM -> {
                try {
                    yield DataType.listOf(value);
                } catch (dev.floe.frame.SchemaException e) {
                    throw fail(lambda, name + "'s function gives " + value + ": " + e.getMessage());
                }
            }
            case FILTER -> {
                if (value != DataType.BOOLEAN && value != DataType.NULL) {
                    throw fail(lambda, name + "'s function must be true or false for an element, not " + value);
                }
                yield typeOf(lambda.input(), schema);
            }
            case REDUCE -> {
                DataType folded = body.field(0).type();
                cast(new Cast(lambda.body(), folded, true), value);
                yield folded;
            }
            case AGGREGATE -> value;
        };
    }

    /**
     * The columns a lambda's body reads, in the order its compiled form receives them: its
     * parameters, then its captures.
     */
    public static Schema lambdaSchema(ListLambda lambda, Schema schema) {
        DataType listType = typeOf(lambda.input(), schema);
        String name = lambda.kind().displayName();
        if (!listType.isList()) {
            throw fail(lambda, name + " needs a list, not " + listType);
        }
        DataType element = listType.elementType();
        java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
        java.util.List<String> params = lambda.params();
        int at = 0;
        if (lambda.kind() == ListLambda.Kind.REDUCE) {
            DataType folded = element;
            if (lambda.initial() != null) {
                DataType initial = typeOf(lambda.initial(), schema);
                folded = require(Types.supertype(element, literalType(lambda.initial(), element, initial)), lambda,
                        name + "'s initial value (" + initial + ") and its list's elements (" + element
                                + ") have no common type");
            }
            fields.add(new Schema.Field(params.get(at++), folded));
        }
        fields.add(new Schema.Field(params.get(at++), element));
        if (at < params.size()) {
            fields.add(new Schema.Field(params.get(at), DataType.INT64));
        }
        for (int i = 0; i < lambda.captures().size(); i++) {
            fields.add(new Schema.Field(lambda.captureNames().get(i), typeOf(lambda.captures().get(i), schema)));
        }
        return Schema.of(fields);
    }

    private static DataType multiCall(MultiCall call, Schema schema) {
        java.util.List<DataType> types = call.inputs().stream().map(input -> typeOf(input, schema)).toList();
        switch (call.function()) {
            case DATE_DIFF, DATE_ELAPSED -> {
                if (types.size() != 2) {
                    throw fail(call, call.function().displayName() + " takes a start and an end");
                }
                for (DataType type : types) {
                    if (type != DataType.DATE && type != DataType.DATETIME && type != DataType.NULL) {
                        throw fail(call, call.function().displayName() + " needs dates or datetimes, not " + type);
                    }
                }
                return DataType.INT64;
            }
            case LIST_VALUE -> {
                DataType element = types.get(0);
                for (DataType type : types) {
                    if (type != element) {
                        throw fail(call, "a list's values must have one type, not " + element + " and " + type
                                + "; cast them first");
                    }
                }
                try {
                    return DataType.listOf(element);
                } catch (dev.floe.frame.SchemaException e) {
                    throw fail(call, e.getMessage());
                }
            }
            case LIST_CONCAT -> {
                DataType list = DataType.NULL;
                for (DataType type : types) {
                    if (!type.isList() && type != DataType.NULL) {
                        throw fail(call, "list.concat needs lists, not " + type);
                    }
                    if (type != DataType.NULL && list != DataType.NULL && type != list) {
                        throw fail(call, "list.concat needs lists of one type, not " + list + " and " + type
                                + "; cast them first");
                    }
                    list = type == DataType.NULL ? list : type;
                }
                return list == DataType.NULL ? DataType.LIST_NULL : list;
            }
            case LIST_INTERSECT -> {
                DataType list = types.get(0);
                DataType other = types.get(1);
                if (!list.isList() && list != DataType.NULL || !other.isList() && other != DataType.NULL
                        || list != DataType.NULL && other != DataType.NULL && list != other) {
                    throw fail(call, "list.intersect needs two lists of one type, not " + list + " and " + other
                            + "; cast them first");
                }
                return list != DataType.NULL ? list : other != DataType.NULL ? other : DataType.LIST_NULL;
            }
            case MAP_FROM_LISTS -> {
                DataType keys = types.get(0);
                DataType values = types.get(1);
                for (DataType list : types) {
                    if (!list.isList() && list != DataType.NULL) {
                        throw fail(call, "map needs a list of keys and a list of values, not " + keys + " and " + values);
                    }
                }
                try {
                    return DataType.mapOf(keys == DataType.NULL ? DataType.NULL : keys.elementType(),
                            values == DataType.NULL ? DataType.NULL : values.elementType());
                } catch (dev.floe.frame.SchemaException e) {
                    throw fail(call, e.getMessage());
                }
            }
            case RANDOM, UUID -> {
                if (!types.isEmpty()) {
                    throw fail(call, call.function().displayName() + " takes no inputs");
                }
                return call.function() == ScalarFunction.RANDOM ? DataType.FLOAT64 : DataType.UTF8;
            }
            case NEXTVAL, CURRVAL -> {
                if (!types.isEmpty()) {
                    throw fail(call, call.function().displayName() + " takes no inputs");
                }
                return DataType.INT64;
            }
            case PER_VALUE -> {
                return ((PerValue) call.parameters().get(0)).type();
            }
            case STRUCT_PACK -> {
                java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
                for (int i = 0; i < types.size(); i++) {
                    fields.add(new Schema.Field((String) call.parameters().get(i), types.get(i)));
                }
                try {
                    return DataType.structOf(fields);
                } catch (dev.floe.frame.SchemaException e) {
                    throw fail(call, e.getMessage());
                }
            }
            case MAP_CONCAT -> {
                DataType common = DataType.NULL;
                for (DataType map : types) {
                    if (!map.isMap() && map != DataType.NULL) {
                        throw fail(call, "map.concat needs maps, not " + map);
                    }
                    if (map != DataType.NULL && common != DataType.NULL && map != common) {
                        throw fail(call, "map.concat needs maps of one type, not " + common + " and " + map
                                + "; cast them first");
                    }
                    common = map == DataType.NULL ? common : map;
                }
                return common == DataType.NULL ? DataType.mapOf(DataType.NULL, DataType.NULL) : common;
            }
            case MAP_CONTAINS_VALUE -> {
                DataType map = types.get(0);
                DataType value = types.get(1);
                if (!map.isMap() && map != DataType.NULL) {
                    throw fail(call, "map.contains_value needs a map, not " + map);
                }
                if (map != DataType.NULL && !comparable(map.valueType(), value)) {
                    throw fail(call, "a value of " + value + " cannot be looked for among values of " + map.valueType());
                }
                return DataType.BOOLEAN;
            }
            case MAP_GET, MAP_EXTRACT, MAP_CONTAINS -> {
                DataType map = types.get(0);
                DataType key = types.get(1);
                if (!map.isMap() && map != DataType.NULL) {
                    throw fail(call, call.function().displayName() + " needs a map, not " + map);
                }
                if (map != DataType.NULL && !comparable(map.keyType(), key)) {
                    throw fail(call, "a key of " + key + " cannot be looked up among keys of " + map.keyType());
                }
                DataType value = map == DataType.NULL ? DataType.NULL : map.valueType();
                return call.function() == ScalarFunction.MAP_CONTAINS ? DataType.BOOLEAN
                        : call.function() == ScalarFunction.MAP_GET ? value : listOfEntries(call, value);
            }
            case LIST_MEASURE -> {
                for (DataType type : types) {
                    boolean numbers = type == DataType.NULL || type.isList() && (type.elementType().isNumeric()
                            || type.elementType() == DataType.NULL);
                    if (!numbers) {
                        throw fail(call, call.parameters().get(0) + " needs lists of numbers, not " + type);
                    }
                }
                return DataType.FLOAT64;
            }
            case LIST_SLICE -> {
                if (types.size() != 3) {
                    throw fail(call, "list.slice takes a list, a start and an end");
                }
                DataType list = types.get(0);
                if (!list.isList() && list != DataType.NULL) {
                    throw fail(call, "list.slice needs a list, not " + list);
                }
                for (DataType bound : types.subList(1, 3)) {
                    if ((!bound.isInteger() || bound == DataType.INT128) && bound != DataType.NULL) {
                        throw fail(call, "list.slice needs whole numbers (i8 to i64) as its bounds, not " + bound);
                    }
                }
                return list == DataType.NULL ? DataType.LIST_NULL : list;
            }
            case LIST_SELECT -> {
                DataType list = types.get(0);
                DataType places = types.get(1);
                if (!list.isList() && list != DataType.NULL) {
                    throw fail(call, "list.select needs a list, not " + list);
                }
                if (places != DataType.NULL && (!places.isList() || places.elementType() != DataType.NULL
                        && (!places.elementType().isInteger() || places.elementType() == DataType.INT128))) {
                    throw fail(call, "list.select needs a list of whole numbers (i8 to i64) as its places, not " + places);
                }
                return list == DataType.NULL ? DataType.LIST_NULL : list;
            }
            case LIST_RESIZE -> {
                if (types.size() != 2 && types.size() != 3) {
                    throw fail(call, "list.resize takes a list, a size and perhaps a fill value");
                }
                DataType list = types.get(0);
                if (!list.isList() && list != DataType.NULL) {
                    throw fail(call, "list.resize needs a list, not " + list);
                }
                if ((!types.get(1).isInteger() || types.get(1) == DataType.INT128) && types.get(1) != DataType.NULL) {
                    throw fail(call, "list.resize needs a whole number (i8 to i64) as its size, not " + types.get(1));
                }
                if (types.size() == 3 && types.get(2) != DataType.NULL && list != DataType.NULL
                        && dev.floe.frame.Types.supertype(list.elementType(), types.get(2)) != list.elementType()) {
                    throw fail(call, "list.resize's fill value must be " + list.elementType() + " as the elements are (or "
                            + "widen to it), not " + types.get(2) + "; cast it first");
                }
                return list == DataType.NULL ? DataType.LIST_NULL : list;
            }
            case LIST_RANGE -> {
                if (types.size() != 3) {
                    throw fail(call, "list.range takes a start, a stop and a step");
                }
                for (DataType type : types) {
                    if ((!type.isInteger() || type == DataType.INT128) && type != DataType.NULL) {
                        throw fail(call, "list.range needs whole numbers (i8 to i64), not " + type);
                    }
                }
                return DataType.LIST_INT64;
            }
            case ARCTAN2 -> {
                if (types.size() != 2) {
                    throw fail(call, "arctan2 takes y and x");
                }
                for (DataType type : types) {
                    if (!type.isNumeric() && type != DataType.NULL) {
                        throw fail(call, "arctan2 needs numbers, not " + type);
                    }
                }
                return DataType.FLOAT64;
            }
            case BIT_AND, BIT_OR, BIT_XOR, SHIFT_LEFT, SHIFT_RIGHT -> {
                if (types.size() != 2) {
                    throw fail(call, call.function().displayName() + " takes two integers");
                }
                for (DataType type : types) {
                    if (!type.isInteger() && type != DataType.NULL) {
                        throw fail(call, call.function().displayName() + " needs integers, not " + type);
                    }
                }
                // the common type of both sides, as DuckDB binds them; a literal takes the other side's type
                // where it fits there (x << 3 keeps a TINYINT x a TINYINT)
                DataType left = types.get(0);
                DataType right = types.get(1);
                if (left == DataType.NULL || right == DataType.NULL) {
                    DataType known = left == DataType.NULL ? right : left;
                    return known == DataType.NULL ? DataType.INT32 : known;
                }
                return dev.floe.frame.Types.supertype(literalType(call.inputs().get(0), right, left),
                        literalType(call.inputs().get(1), left, right));
            }
            case GCD, LCM -> {
                if (types.size() != 2) {
                    throw fail(call, call.function().displayName() + " takes two whole numbers");
                }
                for (DataType type : types) {
                    if ((!type.isInteger() || type == DataType.INT128) && type != DataType.NULL) {
                        throw fail(call, call.function().displayName() + " needs whole numbers (i8 to i64), not "
                                + type);
                    }
                }
                return DataType.INT64;
            }
            case TEXT_DISTANCE -> {
                if (types.size() != 2) {
                    throw fail(call, "str.distance takes two texts");
                }
                for (DataType type : types) {
                    if (!type.isText() && type != DataType.NULL) {
                        throw fail(call, call.parameters().get(0) + " needs str or cat, not " + type);
                    }
                }
                return TextMeasure.of(String.valueOf(call.parameters().get(0))).counts() ? DataType.INT64
                        : DataType.FLOAT64;
            }
            case MAKE_DATE -> {
                if (types.size() != 3) {
                    throw fail(call, "make_date takes a year, a month and a day");
                }
                for (DataType type : types) {
                    if ((!type.isInteger() || type == DataType.INT128) && type != DataType.NULL) {
                        throw fail(call, "make_date needs integers, not " + type);
                    }
                }
                return DataType.DATE;
            }
            case MAKE_TIME -> {
                if (types.size() != 3) {
                    throw fail(call, "make_time takes hours, minutes and seconds");
                }
                for (int i = 0; i < 3; i++) {
                    DataType type = types.get(i);
                    boolean ok = type == DataType.NULL || (i == 2 ? type.isNumeric() && type != DataType.INT128
                            : type.isInteger() && type != DataType.INT128);
                    if (!ok) {
                        throw fail(call, "make_time needs whole hours and minutes and seconds as a number, not " + type);
                    }
                }
                return DataType.TIME;
            }
            default -> throw fail(call, call.function().displayName() + " takes one input");
        }
    }

    /** The bitwise functions take whole numbers of 64 bits at most. */
    private static void requireBits(Call call, DataType input) {
        if (!input.isInteger() && input != DataType.NULL) {
            throw fail(call, call.function().displayName() + " needs integers, not " + input);
        }
    }

    private static void requireNumberForCut(Cut cut, DataType input) {
        if (!input.isNumeric() && input != DataType.NULL) {
            throw fail(cut, "cut needs numbers, not " + input);
        }
    }

    private static void requireNumber(Call call, DataType input) {
        if (!input.isNumeric() && input != DataType.NULL) {
            throw fail(call, call.function().displayName() + " needs a number, not " + input);
        }
    }

    private static DataType windowFunction(Agg agg, Schema schema) {
        return switch (agg.function()) {
            case LAG, LEAD -> {
                DataType input = typeOf(agg.inputs().get(0), schema);
                if (agg.inputs().size() < 2) {
                    yield input;
                }
                DataType fill = literalType(agg.inputs().get(1), input, typeOf(agg.inputs().get(1), schema));
                yield require(Types.supertype(input, fill), agg, "a " + agg.function().displayName()
                        + " default of " + fill + " does not fit " + input + " values");
            }
            default -> DataType.INT64;
        };
    }

    private static DataType agg(Agg agg, Schema schema) {
        if (agg.function().windowOnly() || agg.function().frameOnly()) {
            throw fail(agg, agg.function().displayName() + " is a window function: use it with over(...), "
                    + "as in rowNumber().over(\"k\").orderBy(\"t\")");
        }
        for (Expr input : agg.inputs()) {
            if (ExprTrees.containsAgg(input)) {
                throw fail(agg, "an aggregation cannot contain another one");
            }
            if (ExprTrees.containsWindow(input)) {
                throw fail(agg, "an aggregation cannot contain a window or data-dependent bins; compute them first "
                        + "with withColumns");
            }
        }
        if (agg.function() == AggFunction.LEN) {
            return DataType.INT64;
        }
        DataType input = typeOf(agg.input(), schema);
        // these keep values as they are, of any type
        boolean keeps = switch (agg.function()) {
            case COUNT, LIST, FIRST, LAST, MIN_BY, MAX_BY, N_UNIQUE, MIN, MAX -> true; // n_unique, min, max by sort keys
            default -> false;
        };
        if (input.isList() && !keeps) {
            throw fail(agg, agg.function().displayName() + " does not take lists (" + input + "); explode them first");
        }
        if ((input.isMap() || input.isStruct()) && !keeps) {
            throw fail(agg, agg.function().displayName() + " does not take " + (input.isMap() ? "maps" : "structs")
                    + " (" + input + ")");
        }
        boolean numeric = input.isNumeric() || input == DataType.BOOLEAN || input == DataType.NULL;
        if (input.isDecimal()) {
            return decimalAggregate(agg, input, schema);
        }
        return switch (agg.function()) {
            case COUNT, N_UNIQUE, LEN -> DataType.INT64;
            case FIRST, LAST -> input;
            case MIN, MAX -> {
                if (input == DataType.NULL || input.isNumeric() || input.isText() || input.isTemporal()
                        || input == DataType.BOOLEAN || input.isNested()) {
                    yield input;
                }
                throw fail(agg, agg.function().displayName() + " cannot order " + input);
            }
            case SUM -> {
                if (!numeric) {
                    throw fail(agg, "sum needs numbers, not " + input);
                }
                yield input.isFloat() || input == DataType.INT128 ? input : DataType.INT64;
            }
            case MEAN, MEDIAN, QUANTILE, STD, VAR, SKEW, KURT, PRODUCT, MAD -> {
                if (!numeric) {
                    throw fail(agg, agg.function().displayName() + " needs numbers, not " + input);
                }
                yield DataType.FLOAT64;
            }
            case LIST -> {
                if (input == DataType.INT128) {
                    throw fail(agg, "lists do not hold " + input + "; cast the values to i64 or f64 first");
                }
                yield DataType.listOf(input);
            }
            case TOP_K, ARG_MIN, ARG_MAX -> {
                if (input == DataType.INT128 && agg.function() == AggFunction.TOP_K) {
                    throw fail(agg, agg.function().displayName() + " does not take " + input
                            + " (lists do not hold it); cast the values to i64 or f64 first");
                }
                if (!(input == DataType.NULL || input.isNumeric() || input.isText() || input.isTemporal()
                        || input == DataType.BOOLEAN)) {
                    throw fail(agg, agg.function().displayName() + " cannot order " + input);
                }
                yield agg.function() == AggFunction.TOP_K ? DataType.listOf(input) : DataType.INT64;
            }
            case MIN_BY, MAX_BY -> {
                orderingKey(agg, schema);
                yield input;
            }
            case MODE, ENTROPY -> agg.function() == AggFunction.ENTROPY ? DataType.FLOAT64 : input;
            case HISTOGRAM -> {
                if (!(input == DataType.NULL || input.isNumeric() || input.isText() || input.isTemporal()
                        || input == DataType.BOOLEAN)) {
                    throw fail(agg, "histogram needs values that sort (numbers, text, dates, booleans), not " + input);
                }
                yield DataType.mapOf(input, DataType.INT64);
            }
            case QUANTILE_DISC -> {
                if (!(input == DataType.NULL || input.isNumeric() || input.isTemporal()
                        || input == DataType.BOOLEAN)) {
                    throw fail(agg, "quantile_disc needs numbers, dates or booleans, not " + input);
                }
                yield input;
            }
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> {
                if (!input.isInteger() && input != DataType.NULL) {
                    throw fail(agg, agg.function().displayName() + " needs integers, not " + input);
                }
                yield input == DataType.NULL ? DataType.INT32 : input;
            }
            case CORR, COVAR -> {
                DataType other = typeOf(agg.inputs().get(1), schema);
                if (!numeric || !(other.isNumeric() || other.isDecimal() || other == DataType.BOOLEAN
                        || other == DataType.NULL)) {
                    throw fail(agg, agg.function().displayName() + " needs numbers, not " + input + " and " + other);
                }
                yield DataType.FLOAT64;
            }
            case ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD, NTH_VALUE -> throw fail(agg, "a window function needs over(...)");
        };
    }

    private static DataType unary(Unary unary, DataType input) {
        return switch (unary.operator()) {
            case NEG, ABS -> {
                if (!input.isNumeric() && input != DataType.DURATION && input != DataType.NULL && !input.isDecimal()) {
                    throw fail(unary, unary.operator().displayName() + " needs a number, not " + input);
                }
                yield input;
            }
            case NOT -> {
                if (input != DataType.BOOLEAN && input != DataType.NULL) {
                    throw fail(unary, "not needs a bool, not " + input);
                }
                yield DataType.BOOLEAN;
            }
            case IS_NULL, IS_NOT_NULL -> DataType.BOOLEAN;
        };
    }

    /** Operand types after dynamic literals adapt to the other side. */
    record Operands(DataType left, DataType right) {}

    static Operands operands(Binary binary, Schema schema) {
        DataType left = typeOf(binary.left(), schema);
        DataType right = typeOf(binary.right(), schema);
        return new Operands(literalType(binary.left(), right, left), literalType(binary.right(), left, right));
    }

    /**
     * The type a dynamic number literal takes next to {@code other}: {@code other} when its value
     * fits; otherwise its own. Any other expression keeps {@code own}.
     */
    public static DataType literalType(Expr expr, DataType other, DataType own) {
        if (!(expr instanceof Lit lit) || !lit.dynamic() || other == own) {
            return own;
        }
        if (other.isDecimal() && (lit.value() instanceof Double || lit.value() instanceof Float)) {
            // a number with a point next to a decimal is the decimal it is written as: 1.6 is exactly 1.6
            // (a whole number keeps its integer type, whose digits count, as in SQL engines)
            // (but not one whose digits would push the other side's out of 38: 1e-30 next to a
            // DECIMAL(10, 2) stays a double, and the decimal is compared as one)
            java.math.BigDecimal exact = Types.exactDecimal(lit.value());
            if (exact == null) {
                return own;
            }
            DataType written = Types.decimalOf(exact);
            int whole = Math.max(other.precision() - other.scale(), written.precision() - written.scale());
            return whole + Math.max(other.scale(), written.scale()) <= DataType.MAX_DECIMAL_PRECISION ? written : own;
        }
        if (other.isFloat()) {
            return other;
        }
        if (other.isInteger() && (lit.value() instanceof Integer || lit.value() instanceof Long)) {
            long value = ((Number) lit.value()).longValue();
            boolean fits = switch (other.id()) {
                case INT8 -> value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
                case INT16 -> value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
                case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
                default -> true;
            };
            return fits ? other : own;
        }
        return own;
    }

    private static DataType binary(Binary binary, Schema schema) {
        Operands types = operands(binary, schema);
        DataType left = types.left();
        DataType right = types.right();
        BinaryOperator operator = binary.operator();
        if (operator.isLogical()) {
            if ((left != DataType.BOOLEAN && left != DataType.NULL) || (right != DataType.BOOLEAN && right != DataType.NULL)) {
                throw fail(binary, "'" + operator.symbol() + "' needs bool on both sides, not " + left + " and " + right);
            }
            return DataType.BOOLEAN;
        }
        if (operator == BinaryOperator.CONCAT) {
            if ((!left.isText() && left != DataType.NULL) || (!right.isText() && right != DataType.NULL)) {
                throw fail(binary, "'||' joins text, not " + left + " and " + right + "; cast the other side to str");
            }
            return DataType.UTF8;
        }
        if (operator.isComparison()) {
            // a date and a timestamp compare at the top (the date cast to its midnight), not inside lists
            if (comparable(left, right) || dateWithTimestamp(left, right)) {
                return DataType.BOOLEAN;
            }
            throw fail(binary, "cannot compare " + left + " with " + right);
        }
        return arithmetic(binary, left, right);
    }

    private static boolean comparable(DataType left, DataType right) {
        if (left.isMap() || right.isMap() || left.isStruct() || right.isStruct()
                || left.isList() && left.elementType().isNested() || right.isList() && right.elementType().isNested()) {
            // maps, structs and lists of them compare as a whole in the type they share: element by element,
            // field by field, entry by entry (as DuckDB), nulls inside equal each other and after every value
            return left == DataType.NULL || right == DataType.NULL || Types.supertype(left, right) != null;
        }
        if (left.isList() || right.isList()) {
            // lists compare element by element (as DuckDB), when their elements compare
            return left == DataType.NULL || right == DataType.NULL || left.isList() && right.isList()
                    && comparable(left.elementType(), right.elementType());
        }
        if (left.isDecimal() || right.isDecimal()) {
            return left == DataType.NULL || right == DataType.NULL || Types.supertype(left, right) != null;
        }
        return left == right || left == DataType.NULL || right == DataType.NULL
                || (left.isNumeric() && right.isNumeric()) || (left.isText() && right.isText());
    }

    /**
     * A date and a timestamp, which compare as timestamps (the date at its midnight), as in DuckDB
     * and PostgreSQL.
     */
    public static boolean dateWithTimestamp(DataType left, DataType right) {
        return left == DataType.DATE && right == DataType.DATETIME || left == DataType.DATETIME && right == DataType.DATE;
    }

    /** The result type of arithmetic on these operand types. */
    static DataType arithmetic(Binary binary, DataType left, DataType right) {
        BinaryOperator operator = binary.operator();
        if (left == DataType.NULL || right == DataType.NULL) {
            DataType other = left == DataType.NULL ? right : left;
            if (other != DataType.NULL && !other.isNumeric()) {
                throw fail(binary, "cannot apply '" + operator.symbol() + "' to " + left + " and " + right);
            }
            return other == DataType.NULL ? DataType.NULL
                    : operator == BinaryOperator.DIV || operator == BinaryOperator.POW ? floatOf(other, other) : other;
        }
        if (left.isTemporal() || right.isTemporal()) {
            DataType temporal = temporal(operator, left, right);
            if (temporal == null) {
                throw fail(binary, "cannot apply '" + operator.symbol() + "' to " + left + " and " + right
                        + " (dates and datetimes subtract into durations, as times of day do; durations add to dates, "
                        + "datetimes and times of day, to each other, and multiply or floor-divide by integers)");
            }
            return temporal;
        }
        if (left.isDecimal() || right.isDecimal()) {
            return decimalArithmetic(binary, left, right);
        }
        if (!left.isNumeric() || !right.isNumeric()) {
            throw fail(binary, "cannot apply '" + operator.symbol() + "' to " + left + " and " + right);
        }
        DataType common = Types.supertype(left, right);
        return switch (operator) {
            case DIV -> floatOf(left, right);
            case POW -> left.isInteger() && right.isInteger() && binary.right() instanceof Lit lit
                    && lit.value() instanceof Number n && n.longValue() >= 0 ? left : floatOf(left, right);
            default -> common;
        };
    }

    /**
     * A decimal rounded (as DuckDB types it): {@code floor}, {@code ceil} and {@code round(x)} to
     * no digits after the point, {@code round(x, n)} to {@code n} of them where it has more (to a
     * multiple of {@code 10^-n} with none after it, for {@code n} below 0), with its precision.
     */
    public static DataType roundedDecimal(ScalarFunction function, java.util.List<Object> parameters, DataType input) {
        int digits = function == ScalarFunction.ROUND ? ((Number) parameters.get(0)).intValue() : 0;
        return digits >= input.scale() ? input : DataType.decimal(input.precision(), Math.max(0, digits));
    }

    /**
     * An aggregation of decimals: {@code sum} a decimal of 38 digits with the input's scale (as SQL
     * engines sum them), {@code min}, {@code max}, {@code first}, {@code last}, {@code mode},
     * {@code quantile_disc} and {@code min_by}/{@code max_by} the input's type, {@code list} and
     * {@code top_k} lists of it, the counts and {@code arg_min}/{@code arg_max} {@code i64}, and the
     * statistics ({@code mean}, {@code median}, quantiles, {@code std}, {@code var}, {@code corr},
     * {@code entropy}, ...) {@code f64} (a mean of the exact sum, the others of the values as
     * floats; entropy counts the values as they are). Others are refused by name.
     */
    private static DataType decimalAggregate(Agg agg, DataType input, Schema schema) {
        return switch (agg.function()) {
            case COUNT, N_UNIQUE, LEN -> DataType.INT64;
            case FIRST, LAST, MIN, MAX -> input;
            case SUM -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, input.scale());
            case MEDIAN, QUANTILE -> agg.parameters().contains(AggFunction.EXACT_DECIMAL) ? input : DataType.FLOAT64;
            case MEAN, STD, VAR, SKEW, KURT, PRODUCT, MAD -> DataType.FLOAT64;
            case CORR, COVAR -> {
                DataType other = typeOf(agg.inputs().get(1), schema);
                if (!(other.isNumeric() || other.isDecimal() || other == DataType.BOOLEAN || other == DataType.NULL)) {
                    throw fail(agg, agg.function().displayName() + " needs numbers, not " + input + " and " + other);
                }
                yield DataType.FLOAT64;
            }
            case MIN_BY, MAX_BY -> {
                orderingKey(agg, schema);
                yield input;
            }
            case LIST, TOP_K -> DataType.listOf(input);
            case HISTOGRAM -> DataType.mapOf(input, DataType.INT64);
            // the values kept as they are: the whole numbers of 10^-scale of one column's type
            case MODE, QUANTILE_DISC -> input;
            case ENTROPY -> DataType.FLOAT64;
            case ARG_MIN, ARG_MAX -> DataType.INT64;
            default -> throw fail(agg, agg.function().displayName() + " does not take decimals yet (" + input
                    + "); cast the values to f64 first");
        };
    }

    /**
     * Checks the ordering key of {@code min_by}/{@code max_by} (the second input): a number (i128
     * too), a decimal, text, a date, time or boolean.
     */
    private static void orderingKey(Agg agg, Schema schema) {
        DataType key = typeOf(agg.inputs().get(1), schema);
        if (key.isNested() || !(key == DataType.NULL || key.isNumeric() || key.isDecimal() || key.isText()
                || key.isTemporal() || key == DataType.BOOLEAN)) {
            throw fail(agg, agg.function().displayName() + " cannot order by " + key);
        }
    }

    /**
     * Arithmetic with a decimal, as SQL engines type it: with a float, the float's type; divided, {@code f64}; a sum
     * or difference has the most digits after the point of either side and one more digit before
     * it than the wider side; a product the digits of both sides, before and after the point; at
     * most 38 digits (a value that needs more fails when computed). An integer counts as the
     * decimal of its type's digits. A remainder ({@code %}, {@code rem}, {@code mod}) has the most
     * digits of either side before and after the point; a power is an {@code f64}. Floor division
     * of decimals is refused.
     */
    private static DataType decimalArithmetic(Binary binary, DataType left, DataType right) {
        BinaryOperator operator = binary.operator();
        DataType x = Types.asDecimal(left);
        DataType y = Types.asDecimal(right);
        boolean floats = left.isFloat() || right.isFloat();
        if (x == null && !left.isFloat() || y == null && !right.isFloat()) {
            throw fail(binary, "cannot apply '" + operator.symbol() + "' to " + left + " and " + right);
        }
        // with a float, the float's type (a REAL with a decimal is a REAL, as in DuckDB)
        DataType floatType = left == DataType.FLOAT32 || right == DataType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
        return switch (operator) {
            case POW -> DataType.FLOAT64;
            case DIV -> floats ? floatType : DataType.FLOAT64;
            case ADD, SUB -> {
                if (floats) {
                    yield floatType;
                }
                int scale = Math.max(x.scale(), y.scale());
                int whole = Math.max(x.precision() - x.scale(), y.precision() - y.scale()) + 1;
                yield DataType.decimal(Math.min(DataType.MAX_DECIMAL_PRECISION, whole + scale), scale);
            }
            case MUL -> {
                if (floats) {
                    yield floatType;
                }
                int scale = x.scale() + y.scale();
                if (scale > DataType.MAX_DECIMAL_PRECISION) {
                    throw fail(binary, "a product of " + left + " and " + right + " has " + scale
                            + " digits after the point, more than a decimal's " + DataType.MAX_DECIMAL_PRECISION
                            + "; cast a side to fewer digits or to f64");
                }
                // as DuckDB: two sides of up to 18 digits give at most 18 (computed in 64 bits, failing past
                // them; cast a side wider for more), others at most 38
                boolean narrow = x.precision() <= DataType.MAX_LONG_DECIMAL_PRECISION
                        && y.precision() <= DataType.MAX_LONG_DECIMAL_PRECISION && scale <= DataType.MAX_LONG_DECIMAL_PRECISION;
                int most = narrow ? DataType.MAX_LONG_DECIMAL_PRECISION : DataType.MAX_DECIMAL_PRECISION;
                yield DataType.decimal(Math.min(most, Math.max(scale, x.precision() + y.precision())), scale);
            }
            case REM, MOD -> {
                if (floats) {
                    yield floatType;
                }
                // the remainder is smaller than either side: the most digits of either, before and after the point
                int scale = Math.max(x.scale(), y.scale());
                int whole = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
                yield DataType.decimal(Math.min(DataType.MAX_DECIMAL_PRECISION, whole + scale), scale);
            }
            default -> throw fail(binary, "'" + operator.symbol() + "' does not take decimals yet (" + left + " and "
                    + right + "); cast to f64, or use '/' and round");
        };
    }

    /**
     * The type of temporal arithmetic, or null where it has none: a date or datetime minus another
     * (a time of day minus another) is a duration; a duration added to or taken from a time of day
     * gives the time of day on the clock (past midnight it comes round); a duration added to or taken from a date or datetime gives a datetime (a date
     * counts as midnight); durations add and subtract, and multiply or floor-divide by integers.
     */
    private static DataType temporal(BinaryOperator operator, DataType left, DataType right) {
        boolean leftPoint = left == DataType.DATE || left == DataType.DATETIME;
        boolean rightPoint = right == DataType.DATE || right == DataType.DATETIME;
        boolean leftSpan = left == DataType.DURATION;
        boolean rightSpan = right == DataType.DURATION;
        boolean leftTime = left == DataType.TIME;
        return switch (operator) {
            case ADD -> leftTime && rightSpan || leftSpan && right == DataType.TIME ? DataType.TIME
                    : leftPoint && rightSpan || leftSpan && rightPoint ? DataType.DATETIME
                    : leftSpan && rightSpan ? DataType.DURATION : null;
            case SUB -> leftPoint && rightPoint || leftTime && right == DataType.TIME ? DataType.DURATION
                    : leftTime && rightSpan ? DataType.TIME
                    : leftPoint && rightSpan ? DataType.DATETIME
                    : leftSpan && rightSpan ? DataType.DURATION : null;
            case MUL -> leftSpan && right.isInteger() || left.isInteger() && rightSpan ? DataType.DURATION : null;
            case FLOOR_DIV -> leftSpan && right.isInteger() ? DataType.DURATION : null;
            default -> null;
        };
    }

    /** The float type for true division of these: {@code f32} only when both fit it. */
    private static DataType floatOf(DataType left, DataType right) {
        DataType common = Types.supertype(left, right);
        return common == DataType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    private static DataType cast(Cast cast, DataType from) {
        DataType to = cast.type();
        if (from.isStruct() || to.isStruct()) {
            if (from == to || from == DataType.NULL || from.isStruct() && to == DataType.UTF8) {
                return to;
            }
            if (from.isStruct() && to.isStruct() && from.fields().size() == to.fields().size()) {
                for (int f = 0; f < from.fields().size(); f++) {
                    if (!from.fields().get(f).name().equals(to.fields().get(f).name())) {
                        throw fail(cast, "cannot cast " + from + " to " + to + ": field " + (f + 1) + " is '"
                                + from.fields().get(f).name() + "', not '" + to.fields().get(f).name() + "'");
                    }
                    cast(new Cast(cast.input(), to.fields().get(f).type(), cast.strict()), from.fields().get(f).type());
                }
                return to;
            }
            throw fail(cast, "cannot cast " + from + " to " + to);
        }
        if (from.isMap() || to.isMap()) {
            if (from == to || from == DataType.NULL || from.isMap() && to == DataType.UTF8) {
                return to;
            }
            if (from.isMap() && to.isMap()) {
                DataType fromKey = from.keyType();
                DataType toKey = to.keyType();
                boolean distinct = fromKey == toKey || fromKey == DataType.NULL || fromKey == DataType.CATEGORICAL
                        && toKey == DataType.UTF8 || fromKey.isInteger() && toKey.isInteger()
                        && Types.supertype(fromKey, toKey) == toKey
                        || fromKey == DataType.DATE && toKey == DataType.DATETIME; // each day its own midnight
                if (!distinct) {
                    // other casts could make two of a map's keys one (1.2 and 1.4 as integers)
                    throw fail(cast, "cannot cast " + from + " to " + to + ": keys of " + fromKey + " cast to "
                            + toKey + " could collide; cast map_keys and map_values and build the map again");
                }
                cast(new Cast(cast.input(), to.keyType(), cast.strict()), from.keyType());
                cast(new Cast(cast.input(), to.valueType(), cast.strict()), from.valueType());
                return to;
            }
            throw fail(cast, "cannot cast " + from + " to " + to);
        }
        if (from.isList() || to.isList()) {
            if (from == to || from == DataType.NULL) {
                return to;
            }
            if (from.isList() && to.isList()) {
                cast(new Cast(cast.input(), to.elementType(), cast.strict()), from.elementType());
                return to;
            }
            if (from.isList() && to == DataType.UTF8) {
                return to; // every element type has a text
            }
            if (from.isText() && to.isList()) {
                // the list's text, each element read as its type reads it from text
                cast(new Cast(cast.input(), to.elementType(), cast.strict()), DataType.UTF8);
                return to;
            }
            throw fail(cast, "cannot cast " + from + " to " + to);
        }
        boolean allowed = from == to || from == DataType.NULL || to == DataType.UTF8
                || from.isDecimal() && (to.isDecimal() || to.isNumeric())
                || to.isDecimal() && (from.isNumeric() || from.isText())
                || (from.isNumeric() || from == DataType.BOOLEAN) && (to.isNumeric() || to == DataType.BOOLEAN)
                || from == DataType.UTF8 && (to.isNumeric() || to == DataType.BOOLEAN || to == DataType.CATEGORICAL
                        || to == DataType.DATE || to == DataType.DATETIME || to == DataType.DURATION || to == DataType.TIME)
                || from == DataType.CATEGORICAL && to == DataType.UTF8
                || from == DataType.DATE && to == DataType.DATETIME
                || from == DataType.DATETIME && (to == DataType.DATE || to == DataType.TIME)
                || from.isTemporal() && to == DataType.INT64
                || from == DataType.INT64 && (to == DataType.DATETIME || to == DataType.DURATION)
                || from == DataType.INT32 && to == DataType.DATE;
        if (!allowed) {
            throw fail(cast, "cannot cast " + from + " to " + to);
        }
        return to;
    }

    private static DataType when(When when, Schema schema) {
        java.util.List<Expr> values = new java.util.ArrayList<>();
        for (When.Branch branch : when.branches()) {
            DataType condition = typeOf(branch.condition(), schema);
            if (condition != DataType.BOOLEAN && condition != DataType.NULL) {
                throw fail(when, "the condition " + branch.condition() + " is " + condition + ", not bool");
            }
            values.add(branch.value());
        }
        values.add(when.otherwise());
        return commonOf(when, values, schema);
    }

    /**
     * The type that holds every one of {@code values} (a {@code when}'s branches): their supertype,
     * except that where the others give a decimal, a number written with a point is the decimal it
     * is written as ({@code CASE WHEN c THEN price ELSE 0.5 END} stays a decimal, as in SQL).
     */
    private static DataType commonOf(When when, java.util.List<Expr> values, Schema schema) {
        DataType others = DataType.NULL;
        for (Expr value : values) {
            if (!floatLiteral(value)) {
                others = merge(when, others, typeOf(value, schema));
            }
        }
        DataType result = others;
        for (Expr value : values) {
            if (floatLiteral(value)) {
                DataType own = typeOf(value, schema);
                result = merge(when, result, others.isDecimal() ? literalType(value, others, own) : own);
            }
        }
        return result;
    }

    /** Whether {@code expr} is a number written with a point: a literal that takes the type next to it. */
    private static boolean floatLiteral(Expr expr) {
        return expr instanceof Lit lit && lit.dynamic() && (lit.value() instanceof Double || lit.value() instanceof Float);
    }

    private static DataType merge(When when, DataType so, DataType next) {
        DataType merged = Types.supertype(so, next);
        if (merged == null) {
            throw fail(when, "its branches give " + so + " and " + next + ", which no one type holds");
        }
        return merged;
    }

    private static DataType require(DataType type, Expr expr, String problem) {
        if (type == null) {
            throw fail(expr, problem);
        }
        return type;
    }

    private static SchemaException fail(Expr expr, String problem) {
        return new SchemaException(problem + ", in expression " + expr);
    }
}
