package dev.floe.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Types;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.Alias;
import dev.floe.frame.expr.Binary;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Call;
import dev.floe.frame.expr.Cast;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Cut;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.FillNull;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.MultiCall;
import dev.floe.frame.expr.ScalarFunction;
import dev.floe.frame.expr.StringExprs;
import dev.floe.frame.expr.TextMeasure;
import dev.floe.frame.expr.Unary;
import dev.floe.frame.expr.UnaryOperator;
import dev.floe.frame.expr.When;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Floe expressions as Spark columns with Floe's answers. Every node is cast to the type Floe gives
 * it, so the result has Floe's types; integer arithmetic runs in 64 bits (or Spark's 38-digit
 * decimal for {@code i128}) and is cast back, so that a result outside its type fails (ANSI mode)
 * as it does in Floe; the places where Spark's operators answer otherwise (division by zero,
 * floor division and modulo, NaN in comparisons) are written out with Floe's rules. What has no
 * faithful translation raises {@link NotTranslatedException} naming it.
 */
final class ExprTranslator {
    private final Schema schema;
    private final Function<String, Column> columns;
    private final Function<Agg, Column> aggregations;
    private final ComputedByFloe computed;

    /**
     * @param schema the columns the expressions are typed against
     * @param columns a Floe column's Spark column
     * @param aggregations an aggregation's Spark column, or null where none may appear
     */
    ExprTranslator(Schema schema, Function<String, Column> columns, Function<Agg, Column> aggregations) {
        this(schema, columns, aggregations, null);
    }

    private ExprTranslator(Schema schema, Function<String, Column> columns, Function<Agg, Column> aggregations,
            ComputedByFloe computed) {
        this.schema = schema;
        this.columns = columns;
        this.aggregations = aggregations;
        this.computed = computed;
    }

    /**
     * This translator, but a row-wise expression without a faithful translation is computed by
     * Floe in the executors ({@link ComputedByFloe}) instead of refused: lay {@link #computed()}
     * over the dataset the columns are read from before using the translated columns.
     *
     * @param prefix the computed columns' names begin with it, unlike any column of that dataset
     */
    ExprTranslator computingInFloe(String prefix) {
        return new ExprTranslator(schema, columns, aggregations, new ComputedByFloe(prefix, schema, columns));
    }

    /** What Floe computes for this translator's columns; null where nothing may be. */
    ComputedByFloe computed() {
        return computed;
    }

    /** A Spark column by its name, quoted so that any name (dots, spaces) is taken as it is. */
    static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    DataType typeOf(Expr expr) {
        return ExprTyper.typeOf(expr, schema);
    }

    /** The expression's values, in the type Floe gives it. */
    Column translate(Expr expr) {
        DataType type = typeOf(expr);
        if (computed == null) {
            return typed(raw(expr, type), type, expr);
        }
        int before = computed.size();
        try {
            return typed(raw(expr, type), type, expr);
        } catch (NotTranslatedException refused) {
            if (!computed.takes(expr, type)) {
                throw refused;
            }
            computed.truncate(before); // what its parts would have had computed comes with it
            return computed.add(expr, type);
        }
    }

    /**
     * A node's values cast to the type Floe gives it. An {@code f32} is kept from Spark's optimizer,
     * which drops a cast to {@code float} between an integer and a {@code double}
     * ({@code SimplifyCasts} takes {@code bigint} to {@code float} for a widening): the values would
     * skip their rounding to {@code f32}. {@code nanvl} with NaN gives the value itself.
     */
    private static Column typed(Column raw, DataType type, Expr expr) {
        Column cast = raw.cast(SparkTypes.of(type, expr.toString()));
        return type == DataType.FLOAT32 ? functions.nanvl(cast, lit(Float.NaN)) : cast;
    }

    private Column raw(Expr expr, DataType type) {
        if (!(expr instanceof Col || expr instanceof Lit || expr instanceof Alias || expr instanceof Agg)
                && holdsDecimals(expr, type)) {
            return decimal(expr, type);
        }
        return switch (expr) {
            case Col c -> columns.apply(c.name());
            case Lit l -> literal(l, type);
            case Alias a -> translate(a.input());
            case Binary b -> binary(b, type);
            case Unary u -> unary(u, type);
            case Cast c -> cast(c, type);
            case FillNull f -> coalesce(translate(f.input()).cast(SparkTypes.of(type, expr.toString())),
                    translate(f.fill()).cast(SparkTypes.of(type, expr.toString())));
            case When w -> caseWhen(w, type);
            case Call c -> call(c, type);
            case MultiCall c -> multiCall(c, type);
            case Cut c -> cut(c);
            case Agg a -> {
                if (aggregations == null) {
                    throw new NotTranslatedException("the aggregation " + a, "it is only translated in groupBy(...).agg(...)");
                }
                yield aggregations.apply(a);
            }
            default -> throw new NotTranslatedException("the expression " + expr + " (" + expr.getClass().getSimpleName() + ")",
                    "it has no translation to Spark yet");
        };
    }

    private static Column literal(Lit literal, DataType type) {
        Object value = literal.value();
        if (value == null) {
            return lit(null);
        }
        if (value instanceof BigInteger big) {
            return lit(new BigDecimal(big));
        }
        if (value instanceof java.time.Duration duration) {
            return lit(FrameRows.micros(duration));
        }
        return lit(value);
    }

    private Column binary(Binary binary, DataType type) {
        BinaryOperator operator = binary.operator();
        DataType leftType = typeOf(binary.left());
        DataType rightType = typeOf(binary.right());
        if (operator.isLogical()) {
            Column left = translate(binary.left());
            Column right = translate(binary.right());
            return operator == BinaryOperator.AND ? left.and(right) : left.or(right);
        }
        if (operator == BinaryOperator.CONCAT) {
            return functions.concat(translate(binary.left()).cast(DataTypes.StringType),
                    translate(binary.right()).cast(DataTypes.StringType));
        }
        if (operator.isComparison()) {
            if (leftType.isNested() || rightType.isNested()) {
                throw new NotTranslatedException("the comparison of lists, maps or structs " + binary,
                        "Floe orders them element by element with nulls and NaN last and -0.0 as 0.0, which Spark's "
                                + "order is not checked to match");
            }
            return comparison(binary, leftType, rightType);
        }
        if (leftType.isTemporal() || rightType.isTemporal()) {
            return temporalArithmetic(binary, operator, leftType, rightType, type);
        }
        if (type == DataType.NULL) {
            return lit(null);
        }
        if (type.isFloat()) {
            return floatArithmetic(binary, operator);
        }
        if (type.isInteger()) {
            return integerArithmetic(binary, operator, type);
        }
        throw new NotTranslatedException("the operator " + operator.symbol() + " in " + binary, "on " + type);
    }

    /**
     * Dates, datetimes and durations in arithmetic, as Floe computes it: on microseconds (a date is
     * its midnight), in 64-bit integers whose overflow fails (ANSI) where Floe's check does; a
     * difference of points is a duration, a point moved by a duration a datetime, and durations
     * add, subtract, and multiply or floor-divide by integers as integers do.
     */
    private Column temporalArithmetic(Binary binary, BinaryOperator operator, DataType leftType, DataType rightType,
            DataType type) {
        boolean leftPoint = leftType == DataType.DATE || leftType == DataType.DATETIME;
        boolean rightPoint = rightType == DataType.DATE || rightType == DataType.DATETIME;
        if (!leftPoint && !rightPoint) { // durations and integers
            return integerArithmetic(binary, operator, DataType.INT64);
        }
        Column left = leftPoint ? TemporalFunctions.micros(translate(binary.left()), leftType)
                : translate(binary.left()).cast(DataTypes.LongType);
        Column right = rightPoint ? TemporalFunctions.micros(translate(binary.right()), rightType)
                : translate(binary.right()).cast(DataTypes.LongType);
        Column micros = operator == BinaryOperator.ADD ? left.plus(right) : left.minus(right);
        return type == DataType.DURATION ? micros : TemporalFunctions.datetime(micros);
    }

    /** Arithmetic in doubles (a float result of two f32 values rounded once, as in float arithmetic). */
    private Column floatArithmetic(Binary binary, BinaryOperator operator) {
        Column left = translate(binary.left()).cast(DataTypes.DoubleType);
        Column right = translate(binary.right()).cast(DataTypes.DoubleType);
        Column zero = right.equalTo(0);
        return switch (operator) {
            case ADD -> left.plus(right);
            case SUB -> left.minus(right);
            case MUL -> left.multiply(right);
            // IEEE: x / ±0 is ±infinity, 0 / 0 and NaN / 0 NaN; Spark's division would fail on 0 instead
            case DIV -> when(zero.and(left.isNotNull()), when(isnan(left).or(left.equalTo(0)), lit(Double.NaN))
                            .when(left.gt(0).equalTo(negativeZero(right)), lit(Double.NEGATIVE_INFINITY))
                            .otherwise(lit(Double.POSITIVE_INFINITY)))
                    .otherwise(left.divide(right));
            case REM -> when(zero.and(left.isNotNull()), lit(Double.NaN)).otherwise(left.mod(right)); // fmod, as Java's %
            case POW -> functions.pow(left, right);
            default -> throw new NotTranslatedException("the float operator " + operator.symbol() + " in " + binary,
                    "Spark's floor of a double is an integer, so float floor division and modulo are not translated yet");
        };
    }

    /**
     * The values an {@code is_in} (or a list's {@code contains}) looks for, as Floe compares them:
     * nulls left out; among integers each number as the whole number it is exactly (a fraction, or
     * a whole number past the column's type, matches nothing, where Spark would compare doubles).
     */
    static Object[] members(List<Object> values, DataType type) {
        List<Object> out = new java.util.ArrayList<>();
        for (Object value : values) {
            if (value instanceof Number number && type.isInteger()) {
                java.math.BigInteger whole = Types.exactInteger(number);
                if (whole != null && (type == DataType.INT128 ? whole.abs().compareTo(java.math.BigInteger.TEN.pow(38)) < 0
                        : whole.bitLength() < 64)) {
                    out.add(type == DataType.INT128 ? new BigDecimal(whole) : whole.longValue());
                }
            } else if (value != null) {
                out.add(value);
            }
        }
        return out.toArray();
    }

    /**
     * A side of a binary operator in the type Floe gives it there ({@link ExprTyper#literalType}): a
     * number written next to a decimal is that decimal exactly, never a double cast to one.
     */
    private Column operand(Expr side, DataType type) {
        if (side instanceof Lit literal && literal.value() != null && type.isDecimal() && !typeOf(side).isDecimal()) {
            java.math.BigDecimal exact = Types.exactDecimal(literal.value());
            if (exact == null) {
                throw new NotTranslatedException("the constant " + side, "it is no decimal");
            }
            return lit(exact).cast(SparkTypes.of(type, side.toString()));
        }
        return translate(side);
    }

    /** Whether {@code type} holds decimals: a decimal, or a list of them. */
    private static boolean decimalType(DataType type) {
        return type.isDecimal() || type.isList() && type.elementType().isDecimal();
    }

    /** Whether a node gives decimals or takes them from a child. */
    private boolean holdsDecimals(Expr expr, DataType type) {
        if (decimalType(type)) {
            return true;
        }
        for (Expr child : dev.floe.frame.expr.ExprTrees.children(expr)) {
            if (decimalType(typeOf(child))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A node that gives or takes decimals, only where Spark computes what Floe does: comparisons in
     * the type that holds both sides; sums, differences and remainders in Floe's result type and
     * products of each side's own digits (Spark keeps every digit after the point past 38 digits,
     * {@code allowPrecisionLoss} being off, and fails on overflow, as Floe); quotients, powers and
     * mixes with floats as doubles (both round a decimal to the nearest double); casts between
     * decimals and from integers (both round halves away from zero), to integers after such a
     * rounding, to floats through the nearest double; negation, {@code abs}, {@code floor},
     * {@code ceil} and {@code round} to digits after the point; CASE and fill-ins. Anything else
     * raises {@link NotTranslatedException}: Floe computes it in the executors where it can.
     */
    private Column decimal(Expr expr, DataType type) {
        return switch (expr) {
            case Binary b -> decimalBinary(b, type);
            case Unary u -> unary(u, type);
            case Cast c -> decimalCast(c, type);
            case When w -> caseWhen(w, type);
            case FillNull f -> coalesce(translate(f.input()).cast(SparkTypes.of(type, expr.toString())),
                    translate(f.fill()).cast(SparkTypes.of(type, expr.toString())));
            case Call c when (c.function() == ScalarFunction.FLOOR || c.function() == ScalarFunction.CEIL
                    || c.function() == ScalarFunction.ROUND) && typeOf(c.input()).isDecimal() -> decimalRounded(c);
            default -> throw new NotTranslatedException("the expression " + expr + " on decimals",
                    "only their arithmetic, comparisons, casts, rounding and CASE are translated yet");
        };
    }

    private Column decimalBinary(Binary binary, DataType type) {
        BinaryOperator operator = binary.operator();
        if (operator.isComparison()) {
            DataType leftType = typeOf(binary.left());
            DataType rightType = typeOf(binary.right());
            if (leftType.isNested() || rightType.isNested()) {
                throw new NotTranslatedException("the comparison of lists, maps or structs " + binary,
                        "Floe orders them element by element with nulls and NaN last and -0.0 as 0.0, which Spark's "
                                + "order is not checked to match");
            }
            return comparison(binary, leftType, rightType);
        }
        if (type == DataType.NULL) {
            return lit(null);
        }
        if (type.isFloat()) {
            return floatArithmetic(binary, operator); // both sides as their nearest doubles, as Floe's
        }
        if (!type.isDecimal() || !operator.isArithmetic()) {
            throw new NotTranslatedException("the operator " + operator.symbol() + " in " + binary, "on decimals");
        }
        DataType leftOwn = typeOf(binary.left());
        DataType rightOwn = typeOf(binary.right());
        DataType leftType = ExprTyper.literalType(binary.left(), rightOwn, leftOwn);
        DataType rightType = ExprTyper.literalType(binary.right(), leftOwn, rightOwn);
        if (leftType == DataType.NULL || rightType == DataType.NULL) {
            return lit(null);
        }
        // a product keeps each side's digits (its scale is the sum of theirs); the others compute in the result's type
        DataType leftAs = operator == BinaryOperator.MUL ? Types.asDecimal(leftType) : type;
        DataType rightAs = operator == BinaryOperator.MUL ? Types.asDecimal(rightType) : type;
        if (leftAs == null || rightAs == null) {
            throw new NotTranslatedException("the operator " + operator.symbol() + " in " + binary,
                    "on " + leftType + " and " + rightType);
        }
        Column left = operand(binary.left(), leftType).cast(SparkTypes.of(leftAs, binary.toString()));
        Column right = operand(binary.right(), rightType).cast(SparkTypes.of(rightAs, binary.toString()));
        Column zero = right.equalTo(0);
        return switch (operator) {
            case ADD -> left.plus(right);
            case SUB -> left.minus(right);
            case MUL -> left.multiply(right);
            // as for integers: null for a divisor of 0; a remainder with the dividend's sign, a modulo with the divisor's
            case REM -> when(zero, lit(null)).otherwise(left.mod(right));
            case MOD -> {
                Column remainder = left.mod(right);
                Column adjust = remainder.notEqual(0).and(remainder.lt(0).notEqual(right.lt(0)));
                yield when(zero, lit(null)).otherwise(when(adjust, remainder.plus(right)).otherwise(remainder));
            }
            default -> throw new NotTranslatedException("the operator " + operator.symbol() + " in " + binary,
                    "on decimals");
        };
    }

    private Column decimalCast(Cast cast, DataType to) {
        DataType from = typeOf(cast.input());
        Column input = translate(cast.input());
        Column value;
        if (from == to || from == DataType.NULL || to.isDecimal() && (from.isDecimal() || from.isInteger())) {
            value = input; // exact, or rounded half away from zero to fewer digits after the point, in both; checked
        } else if (from.isDecimal() && to.isInteger()) {
            value = functions.round(input, 0); // Floe rounds halves away from zero, Spark's cast would truncate
        } else if (from.isDecimal() && to.isFloat()) {
            value = input.cast(DataTypes.DoubleType); // an f32 through the nearest double, as Floe's
        } else {
            throw new NotTranslatedException("the cast " + cast, "Spark converts " + from + " to " + to
                    + " by other rules than Floe");
        }
        org.apache.spark.sql.types.DataType target = SparkTypes.of(to, cast.toString());
        return cast.strict() ? value.cast(target) : value.try_cast(target);
    }

    /** {@code floor}, {@code ceil} and {@code round(x, digits)} of a decimal: exact, halves away from zero, in both. */
    private Column decimalRounded(Call call) {
        Column input = translate(call.input());
        return switch (call.function()) {
            case FLOOR -> functions.floor(input);
            case CEIL -> functions.ceil(input);
            default -> {
                int digits = ((Number) call.parameters().get(0)).intValue();
                if (digits < 0) {
                    throw new NotTranslatedException("the function " + call, "rounding decimals to tens and above is "
                            + "not translated yet");
                }
                yield digits >= typeOf(call.input()).scale() ? input : functions.round(input, digits);
            }
        };
    }

    /** Whether a float is -0.0 (which compares equal to 0.0 in both engines, but not in Floe's sorts, nor in x / 0). */
    static Column negativeZero(Column x) {
        return x.cast(DataTypes.StringType).equalTo("-0.0");
    }

    private Column integerArithmetic(Binary binary, BinaryOperator operator, DataType type) {
        // small integers compute in 64 bits and are cast back: the cast fails (ANSI) where Floe's check does
        org.apache.spark.sql.types.DataType wide = type == DataType.INT128 ? SparkTypes.INT128 : DataTypes.LongType;
        Column left = translate(binary.left()).cast(wide);
        Column right = translate(binary.right()).cast(wide);
        if (type == DataType.INT128 && !(operator == BinaryOperator.ADD || operator == BinaryOperator.SUB
                || operator == BinaryOperator.MUL)) {
            throw new NotTranslatedException("the operator " + operator.symbol() + " on i128 in " + binary,
                    "only +, - and * are translated for 128-bit integers");
        }
        Column zero = right.equalTo(0);
        return switch (operator) {
            case ADD -> left.plus(right);
            case SUB -> left.minus(right);
            case MUL -> left.multiply(right);
            case FLOOR_DIV -> {
                // Spark's div rounds toward zero; Floe's toward negative infinity, and null for a divisor of 0
                Column quotient = TemporalFunctions.div(left, right);
                Column adjust = left.mod(right).notEqual(0).and(left.lt(0).notEqual(right.lt(0)));
                yield when(zero, lit(null)).otherwise(when(adjust, quotient.minus(1)).otherwise(quotient));
            }
            case MOD -> {
                Column remainder = left.mod(right);
                Column adjust = remainder.notEqual(0).and(remainder.lt(0).notEqual(right.lt(0)));
                yield when(zero, lit(null)).otherwise(when(adjust, remainder.plus(right)).otherwise(remainder));
            }
            case REM -> when(zero, lit(null)).otherwise(left.mod(right));
            case POW -> {
                // Floe's typing makes an integer power only of a whole exponent written in the query, at least 0
                long exponent = ((Number) ((dev.floe.frame.expr.Lit) binary.right()).value()).longValue();
                yield integerPower(left, exponent);
            }
            default -> throw new NotTranslatedException("the integer operator " + operator.symbol() + " in " + binary,
                    "it has no translation to Spark yet");
        };
    }

    /**
     * {@code x ** exponent} of 64-bit integers, exact, failing where it overflows (ANSI), as Floe's:
     * a product of the exponent's factors (each partial product is at most the power, so an
     * overflow on the way is the power's); past 64 factors only 0, 1 and -1 have a power that fits.
     */
    private static Column integerPower(Column x, long exponent) {
        if (exponent > 64) {
            return when(x.equalTo(0), lit(0L)).when(x.equalTo(1), lit(1L))
                    .when(x.equalTo(-1), lit(exponent % 2 == 0 ? 1L : -1L))
                    .when(x.isNotNull(), functions.raise_error(lit("out of range: a power to " + exponent
                            + " does not fit i64")).cast(DataTypes.LongType));
        }
        Column power = lit(1L);
        for (long k = 0; k < exponent; k++) {
            power = power.multiply(x);
        }
        return when(x.isNotNull(), power);
    }

    private Column comparison(Binary binary, DataType leftOwn, DataType rightOwn) {
        // a number written next to a decimal takes the decimal it is written as, as Floe types it
        boolean decimals = leftOwn.isDecimal() || rightOwn.isDecimal();
        DataType leftType = decimals ? ExprTyper.literalType(binary.left(), rightOwn, leftOwn) : leftOwn;
        DataType rightType = decimals ? ExprTyper.literalType(binary.right(), leftOwn, rightOwn) : rightOwn;
        Column left = operand(binary.left(), leftType);
        Column right = operand(binary.right(), rightType);
        if (leftType.isNumeric() && rightType.isNumeric() && leftType != rightType) {
            org.apache.spark.sql.types.DataType common = SparkTypes.of(Types.supertype(leftType, rightType), binary.toString());
            left = left.cast(common);
            right = right.cast(common);
        } else if ((leftType.isDecimal() || rightType.isDecimal()) && leftType != rightType) {
            // a decimal constant against a number: both in the type Floe compares them in (f64 with a
            // float; else a decimal that rounds neither side), never left to Spark's own widening
            DataType common = Types.comparisonType(leftType, rightType);
            if (common == null) {
                throw new NotTranslatedException("the comparison " + binary, "no type holds both sides");
            }
            org.apache.spark.sql.types.DataType spark = SparkTypes.of(common, binary.toString());
            left = left.cast(spark);
            right = right.cast(spark);
        }
        Column compared = switch (binary.operator()) {
            case EQ -> left.equalTo(right);
            case NE -> left.notEqual(right);
            case LT -> left.lt(right);
            case LE -> left.leq(right);
            case GT -> left.gt(right);
            case GE -> left.geq(right);
            default -> throw new IllegalStateException(binary.operator().toString());
        };
        if (leftType.isFloat() || rightType.isFloat()) {
            // IEEE: NaN is unequal to everything, itself included; Spark takes NaN as equal to NaN and the largest number
            Column nan = isnan(left.cast(DataTypes.DoubleType)).or(isnan(right.cast(DataTypes.DoubleType)));
            return when(nan.and(left.isNotNull()).and(right.isNotNull()), lit(binary.operator() == BinaryOperator.NE))
                    .otherwise(compared);
        }
        return compared;
    }

    private Column unary(Unary unary, DataType type) {
        Column input = translate(unary.input());
        return switch (unary.operator()) {
            case NOT -> not(input);
            case IS_NULL -> input.isNull();
            case IS_NOT_NULL -> input.isNotNull();
            case NEG, ABS -> {
                if (type == DataType.INT128 || type.isDecimal()) {
                    // 0 - x, exact: Spark's own negation and abs of a decimal round it to 34 digits first
                    org.apache.spark.sql.types.DataType exact = SparkTypes.of(type, unary.toString());
                    Column wide = input.cast(exact);
                    Column negated = lit(BigDecimal.ZERO).cast(exact).minus(wide);
                    yield unary.operator() == UnaryOperator.NEG ? negated : when(wide.lt(0), negated).otherwise(wide);
                }
                Column wide = type.isInteger() ? input.cast(DataTypes.LongType) : input;
                yield unary.operator() == UnaryOperator.NEG ? functions.negate(wide) : functions.abs(wide);
            }
        };
    }

    private Column cast(Cast cast, DataType to) {
        DataType from = typeOf(cast.input());
        Column input = translate(cast.input());
        boolean faithful = from == to || from == DataType.NULL
                || from.isNumeric() && to.isNumeric() && from != DataType.INT128 && to != DataType.INT128
                || from.isInteger() && (to.isInteger() || to.isFloat()) // i128 included: exact, or checked
                || from.isText() && to.isText()
                || from.isInteger() && from != DataType.INT128 && to == DataType.UTF8
                || from == DataType.DATE && (to == DataType.UTF8 || to == DataType.DATETIME)
                || from == DataType.DATETIME && to == DataType.DATE
                // durations are microseconds in both
                || from == DataType.DURATION && to == DataType.INT64 || from == DataType.INT64 && to == DataType.DURATION;
        if (!faithful) {
            throw new NotTranslatedException("the cast " + cast, "Spark converts " + from + " to " + to
                    + " by other rules than Floe");
        }
        org.apache.spark.sql.types.DataType target = SparkTypes.of(to, cast.toString());
        return cast.strict() ? input.cast(target) : input.try_cast(target);
    }

    private Column caseWhen(When when, DataType type) {
        org.apache.spark.sql.types.DataType target = SparkTypes.of(type, when.toString());
        if (when.branches().get(0).condition() instanceof Call first && first.function() == ScalarFunction.REQUIRE_TRUE
                && first.input() instanceof Lit check && Boolean.FALSE.equals(check.value())) {
            // a value that fails wherever it is computed (SQL's scalar subquery of several rows): the error
            // itself, which Spark cannot fold away, where its CASE of null values would be simplified to null
            return raised((String) first.parameters().get(0)).cast(target);
        }
        Column out = null;
        for (When.Branch branch : when.branches()) {
            Column condition = translate(branch.condition());
            Column value = translate(branch.value()).cast(target);
            out = out == null ? functions.when(condition, value) : out.when(condition, value);
        }
        return Objects.requireNonNull(out).otherwise(translate(when.otherwise()).cast(target));
    }

    private Column call(Call call, DataType type) {
        Column input = translate(call.input());
        DataType inputType = typeOf(call.input());
        List<Object> parameters = call.parameters();
        Column x = input.cast(DataTypes.DoubleType);
        return switch (call.function()) {
            // java.lang.Math in both engines (Spark's log and log10 are StrictMath's: within an ulp)
            case SQRT -> functions.sqrt(x);
            case EXP -> functions.exp(x);
            case SIN -> functions.sin(x);
            case COS -> functions.cos(x);
            case TAN -> functions.tan(x);
            case ARCSIN -> functions.asin(x);
            case ARCCOS -> functions.acos(x);
            case ARCTAN -> functions.atan(x);
            case CBRT -> functions.cbrt(x);
            // Spark's logarithms are null at 0 and below; Floe's are IEEE: -inf at 0, NaN below
            case LOG, LOG10 -> when(x.gt(0).or(isnan(x)), call.function() == ScalarFunction.LOG ? functions.ln(x)
                            : functions.log10(x))
                    .when(x.equalTo(0), lit(Double.NEGATIVE_INFINITY))
                    .when(x.lt(0), lit(Double.NaN));
            // the checks SQL puts around logarithms and square roots: the query fails on a bad value, as in Floe
            case REQUIRE_POSITIVE, REQUIRE_NOT_NEGATIVE -> {
                String what = (String) parameters.get(0);
                Column bad = call.function() == ScalarFunction.REQUIRE_POSITIVE ? x.leq(0) : x.lt(0); // NaN passes in both
                yield when(bad.and(x.equalTo(0)), raised("out of range: cannot take " + what + " of zero, in expression "
                                + call))
                        .when(bad, raised("out of range: cannot take " + what + " of a negative number, in expression " + call))
                        .otherwise(input);
            }
            case REQUIRE_TRUE -> when(input.equalTo(false), raised((String) parameters.get(0))).otherwise(input);
            // Spark's isnan is false for null; Floe's is null
            case IS_NAN -> when(input.isNotNull(), isnan(x));
            case STR_LEN -> functions.length(input); // characters: code points, in both engines
            case STR_LEN_BYTES -> functions.octet_length(input);
            case STARTS_WITH -> input.startsWith((String) parameters.get(0));
            case ENDS_WITH -> input.endsWith((String) parameters.get(0));
            case CONTAINS -> input.contains((String) parameters.get(0)); // the text itself, not a pattern, in both
            case STR_POSITION -> functions.instr(input, (String) parameters.get(0)); // from 1 in characters, 0 if absent
            case REPLACE -> functions.replace(input, lit(parameters.get(0)), lit(parameters.get(1)));
            case STR_REPEAT -> functions.repeat(input, ((Number) parameters.get(0)).intValue()); // '' for n <= 0
            case STR_HEAD, STR_TAIL, STR_SLICE -> slice(call, input, parameters);
            case STRIP -> strip(input, parameters);
            case STR_PAD -> {
                int length = ((Number) parameters.get(0)).intValue();
                String fill = (String) parameters.get(1);
                if (fill.isEmpty()) {
                    throw new NotTranslatedException("the padding " + call,
                            "Floe fails where the empty fill text is needed, Spark leaves the text as it is");
                }
                // both cut a longer text to its first characters and repeat the fill from its start
                yield (Boolean) parameters.get(2) ? functions.lpad(input, length, fill) : functions.rpad(input, length, fill);
            }
            case SPLIT_PART -> {
                String separator = (String) parameters.get(0);
                int index = ((Number) parameters.get(1)).intValue();
                if (separator.isEmpty()) {
                    throw new NotTranslatedException("the split " + call,
                            "Floe splits at every character on an empty separator, Spark not at all");
                }
                // part 0 is '' in Floe, an error in Spark; both count negative parts from the end
                yield index == 0 ? when(input.isNotNull(), lit(""))
                        : functions.split_part(input, lit(separator), lit(index));
            }
            case LIKE -> like(call, input, parameters);
            case TO_BASE -> {
                boolean hex = ((Number) parameters.get(0)).intValue() == 16;
                if (inputType == DataType.INT128 || inputType.isText() && !hex) {
                    throw new NotTranslatedException("the function " + call, "Spark's " + (hex ? "hex" : "bin")
                            + " takes no " + inputType);
                }
                // upper-case digits of the 64 bits' two's complement, or of the text's UTF-8 bytes, in both
                yield hex ? functions.hex(inputType.isText() ? input : input.cast(DataTypes.LongType))
                        : functions.bin(input.cast(DataTypes.LongType));
            }
            case BIT_NOT, BIT_COUNT -> {
                if (inputType == DataType.INT128) {
                    throw new NotTranslatedException("the function " + call, "Spark has no 128-bit integers");
                }
                // the bits of the value in its own width: a negative i8 has 8 at most
                int width = width(inputType);
                long mask = width == 64 ? -1L : (1L << width) - 1;
                yield call.function() == ScalarFunction.BIT_NOT ? functions.bitwise_not(input.cast(DataTypes.LongType))
                        : functions.bit_count(input.cast(DataTypes.LongType).bitwiseAND(lit(mask)));
            }
            case YEAR -> functions.year(input);
            case MONTH -> functions.month(input);
            case DAY -> functions.dayofmonth(input);
            case QUARTER -> functions.quarter(input);
            case DAY_OF_YEAR -> functions.dayofyear(input);
            case WEEKDAY -> functions.dayofweek(input).minus(1); // 0 for Sunday in Floe, 1 in Spark
            case ISO_WEEKDAY -> functions.weekday(input).plus(1); // 1 for Monday in Floe, 0 in Spark
            case ISO_WEEK -> functions.weekofyear(input); // ISO 8601 weeks in both
            case HOUR -> functions.hour(input); // datetimes only, in Floe's typing
            case MINUTE -> functions.minute(input);
            case SECOND -> functions.second(input); // whole seconds in both

            // seconds since 1970 as a float: the session's time zone is UTC, so a datetime's instant is its wall time
            case EPOCH -> inputType == DataType.DATETIME
                    ? functions.unix_micros(input.cast(DataTypes.TimestampType)).cast(DataTypes.DoubleType).divide(lit(1e6))
                    : functions.unix_date(input).cast(DataTypes.DoubleType).multiply(lit(86_400.0));
            case MONTH_END -> functions.last_day(input.cast(DataTypes.DateType)); // a datetime's day, as in Floe
            case FLOOR, CEIL, ROUND -> rounded(call, input, inputType, parameters);
            case MILLISECOND -> TemporalFunctions.millisecond(input, inputType);
            case MICROSECOND -> TemporalFunctions.microsecond(input, inputType);
            case DECADE -> TemporalFunctions.yearPart(input, 10, false);
            case CENTURY -> TemporalFunctions.yearPart(input, 100, true);
            case MILLENNIUM -> TemporalFunctions.yearPart(input, 1_000, true);
            case ISO_YEAR -> TemporalFunctions.isoYear(input);
            case TRUNCATE -> TemporalFunctions.truncate(input, inputType, (dev.floe.frame.expr.DateUnit) parameters.get(0));
            case ADD_MONTHS -> {
                long months = ((Number) parameters.get(0)).longValue();
                if (months != (int) months) {
                    throw new NotTranslatedException("the function " + call, "Spark adds at most 2147483647 months");
                }
                yield TemporalFunctions.addMonths(input, inputType, (int) months);
            }
            case LIST_LEN, LIST_GET, LIST_SUM, LIST_MEAN, LIST_MIN, LIST_MAX, LIST_JOIN, LIST_REVERSE, LIST_FLATTEN,
                    LIST_CONTAINS, LIST_SORT, LIST_DISTINCT, LIST_N_UNIQUE -> ListFunctions.call(call, input, inputType, type);
            case IS_IN -> {
                // Floe passes over null values in the list; a null input gives null
                Object[] values = members(parameters, inputType);
                yield values.length == 0 ? when(input.isNull(), lit(null)).otherwise(lit(false)) : input.isin(values);
            }
            default -> throw new NotTranslatedException("the function " + call.function().displayName() + " in " + call,
                    reason(call.function()));
        };
    }

    /**
     * {@code cut} between given breaks: each bin's label (given, or pandas' interval) where
     * {@code edges[b] < x <= edges[b + 1]}; null outside every bin, for NaN (which Spark orders
     * above every number, so it passes the first test and fails the second) and for null.
     */
    private Column cut(Cut cut) {
        if (cut.dependsOnData()) {
            throw new NotTranslatedException("the cut " + cut, "bins from the values' range or quantiles are not "
                    + "translated yet; give the breaks");
        }
        double[] edges = cut.breaks().stream().mapToDouble(Double::doubleValue).toArray();
        Column x = translate(cut.input()).cast(DataTypes.DoubleType);
        Column out = null;
        for (int b = 0; b + 1 < edges.length; b++) {
            Column inside = x.gt(edges[b]).and(x.leq(edges[b + 1]));
            Column label = lit(cut.labels().isEmpty() ? Cut.intervalLabel(edges, b, false) : cut.labels().get(b));
            out = out == null ? when(inside, label) : out.when(inside, label);
        }
        return out;
    }

    /**
     * {@code floor}, {@code ceil} and {@code round(x, digits)} as Floe computes them: floats stay
     * floats (Spark's floor and ceil of a double are integers), with IEEE's signed zeros
     * ({@code ceil(-0.5)} is -0.0); {@code round} halves away from zero on the value scaled by
     * {@code 10^digits} (the scale worked out here, as Floe's), keeping the value where scaling it up
     * overflows and giving 0 where scaling it down does. Integers keep their value.
     */
    private static Column rounded(Call call, Column input, DataType type, List<Object> parameters) {
        int digits = call.function() == ScalarFunction.ROUND ? ((Number) parameters.get(0)).intValue() : 0;
        if (!type.isFloat()) {
            if (digits < 0) {
                throw new NotTranslatedException("the function " + call, "rounding integers to tens and above is not "
                        + "translated yet");
            }
            return input;
        }
        Column x = input.cast(DataTypes.DoubleType);
        return switch (call.function()) {
            case FLOOR -> floorOf(x);
            // -floor(-x): Math.ceil of a value in (-1, 0) is -0.0, as the negated 0.0 is
            case CEIL -> functions.negate(floorOf(functions.negate(x)));
            default -> {
                if (digits < 0) {
                    double modifier = Math.pow(10, -(double) digits);
                    Column scaled = halfAway(x.divide(lit(modifier))).multiply(lit(modifier));
                    yield when(x.isNotNull(), when(finite(scaled), scaled).otherwise(lit(0.0)));
                }
                double modifier = Math.pow(10, digits);
                Column scaled = halfAway(x.multiply(lit(modifier))).divide(lit(modifier));
                yield when(finite(scaled), scaled).otherwise(x);
            }
        };
    }

    /** Math.floor: NaN, infinities, zeros of either sign and values past 2^52 (already whole) as they are. */
    private static Column floorOf(Column x) {
        Column whole = isnan(x).or(functions.abs(x).geq(lit(0x1p52))).or(x.equalTo(0));
        return when(whole, x).otherwise(functions.floor(x).cast(DataTypes.DoubleType));
    }

    /** The nearest whole number, halves away from zero, with the value's sign (C's round); NaN and infinities as they are. */
    private static Column halfAway(Column x) {
        Column magnitude = functions.abs(x);
        Column whole = floorOf(magnitude);
        Column rounded = when(magnitude.minus(whole).geq(0.5), whole.plus(1)).otherwise(whole);
        Column negative = x.lt(0).or(x.equalTo(0).and(negativeZero(x)));
        return when(negative, functions.negate(rounded)).otherwise(rounded);
    }

    /** Whether a double is neither NaN nor infinite. */
    static Column finite(Column x) {
        return functions.not(isnan(x)).and(functions.abs(x).notEqual(lit(Double.POSITIVE_INFINITY)));
    }

    /** A column that fails the query with {@code message} where it is computed ({@link SparkEngine} makes it Floe's error again). */
    private static Column raised(String message) {
        return functions.raise_error(lit(message));
    }

    /** Why a function is refused: what differs, where known. */
    private static String reason(ScalarFunction function) {
        return switch (function) {
            case UPPER, LOWER -> "Spark changes the case of non-ASCII letters by the JVM's locale";
            case STR_REVERSE -> "Floe reverses characters as the reader sees them (grapheme clusters), Spark code points";
            case REGEX_MATCHES, REGEX_REPLACE, REGEX_EXTRACT, REGEX_SPLIT, REGEX_EXTRACT_ALL, STR_SPLIT, SPLIT_FIRST ->
                    "Floe's patterns are RE2's, Spark's Java's; they differ in places";
            case GCD, LCM -> "Spark has no gcd or lcm";
            case SHIFT_LEFT -> "Floe fails where bits are shifted out, Spark's shiftleft drops them";
            default -> "it has no translation to Spark yet";
        };
    }

    /** {@code str.head}, {@code str.tail} and {@code str.slice} as Spark's substring of characters. */
    private static Column slice(Call call, Column input, List<Object> parameters) {
        Column chars = functions.length(input).cast(DataTypes.LongType);
        long n = ((Number) parameters.get(0)).longValue();
        Column first;
        Column kept;
        switch (call.function()) {
            case STR_HEAD, STR_TAIL -> {
                // n characters, or all but -n of them
                kept = n >= 0 ? functions.least(lit(n), chars) : functions.greatest(lit(0L), chars.plus(n));
                first = call.function() == ScalarFunction.STR_HEAD ? lit(0L) : chars.minus(kept);
            }
            default -> {
                // [offset, offset + count) from the start, or from the end for a negative offset, cut to the text
                long count = ((Number) parameters.get(1)).longValue();
                Column begin = n < 0 ? chars.plus(n) : lit(n);
                first = functions.greatest(lit(0L), functions.least(begin, chars));
                kept = functions.greatest(first, functions.least(begin.plus(count), chars)).minus(first);
            }
        }
        return functions.substring(input, first.plus(1).cast(DataTypes.IntegerType), kept.cast(DataTypes.IntegerType));
    }

    /** {@code str.strip_chars}: Floe's white space (ASCII space, tab, line breaks, vertical tab, form feed), or the characters given. */
    private static Column strip(Column input, List<Object> parameters) {
        String side = parameters.isEmpty() ? StringExprs.STRIP_BOTH : (String) parameters.get(0);
        String characters = parameters.size() < 2 ? " \t\n\r\u000B\f" : (String) parameters.get(1);
        if (characters.isEmpty()) {
            return input;
        }
        return switch (side) {
            case StringExprs.STRIP_START -> functions.ltrim(input, characters);
            case StringExprs.STRIP_END -> functions.rtrim(input, characters);
            default -> functions.trim(input, characters);
        };
    }

    /** LIKE without an escape and case-sensitive: {@code %} and {@code _} (one character) mean the same in both. */
    private static Column like(Call call, Column input, List<Object> parameters) {
        String pattern = (String) parameters.get(0);
        if (Boolean.TRUE.equals(parameters.get(1))) {
            throw new NotTranslatedException("the pattern match " + call,
                    "Spark folds the case of non-ASCII letters by the JVM's locale");
        }
        if (parameters.get(2) != null || pattern.indexOf('\\') >= 0) {
            throw new NotTranslatedException("the pattern match " + call,
                    "escape characters are not translated (Spark's LIKE escapes with a backslash)");
        }
        return input.like(pattern);
    }

    /** The functions of several inputs. */
    private Column multiCall(MultiCall call, DataType type) {
        List<Expr> inputs = call.inputs();
        return switch (call.function()) {
            case NEXTVAL, CURRVAL -> throw new NotTranslatedException("the function " + call.function().displayName(),
                    "a sequence's values are drawn by Floe's own engine");
            case PER_VALUE -> throw new NotTranslatedException("the function " + call.parameters().get(0),
                    "settings that come from columns (a pattern or a width per row) are computed by Floe's own engine");
            case BIT_AND, BIT_OR, BIT_XOR, SHIFT_RIGHT -> {
                if (type == DataType.INT128 || typeOf(inputs.get(1)) == DataType.INT128) {
                    throw new NotTranslatedException("the function " + call, "Spark has no 128-bit integers");
                }
                Column a = translate(inputs.get(0)).cast(DataTypes.LongType);
                Column b = translate(inputs.get(1)).cast(DataTypes.LongType);
                yield switch (call.function()) {
                    case BIT_AND -> a.bitwiseAND(b);
                    case BIT_OR -> a.bitwiseOR(b);
                    case BIT_XOR -> a.bitwiseXOR(b);
                    // Floe: 0 past the type's width or for a negative shift; Spark would shift by the count mod 64
                    default -> when(b.lt(0).or(b.geq(width(type))).and(a.isNotNull()), lit(0L))
                            .otherwise(functions.call_function("shiftright", a, b.cast(DataTypes.IntegerType)));
                };
            }
            case TEXT_DISTANCE -> {
                String measure = String.valueOf(call.parameters().get(0));
                if (TextMeasure.of(measure) != TextMeasure.LEVENSHTEIN) {
                    throw new NotTranslatedException("the function " + call, "Spark has no " + measure);
                }
                // edits of characters (code points) in both
                yield functions.levenshtein(translate(inputs.get(0)).cast(DataTypes.StringType),
                        translate(inputs.get(1)).cast(DataTypes.StringType));
            }
            case DATE_DIFF, DATE_ELAPSED -> TemporalFunctions.diff((dev.floe.frame.expr.DateUnit) call.parameters().get(0),
                    translate(inputs.get(0)), typeOf(inputs.get(0)), translate(inputs.get(1)), typeOf(inputs.get(1)),
                    call.function() == ScalarFunction.DATE_ELAPSED);
            // a day that does not exist fails, in both (Spark's ANSI make_date)
            case MAKE_DATE -> functions.make_date(translate(inputs.get(0)).cast(DataTypes.IntegerType),
                    translate(inputs.get(1)).cast(DataTypes.IntegerType), translate(inputs.get(2)).cast(DataTypes.IntegerType));
            case LIST_VALUE -> {
                // one list per row, never null; a null value is a null element
                org.apache.spark.sql.types.DataType element = SparkTypes.of(type.elementType(), call.toString());
                yield functions.array(inputs.stream().map(e -> translate(e).cast(element)).toArray(Column[]::new));
            }
            case LIST_CONCAT -> ListFunctions.concat(inputs.stream().map(this::translate).toList(),
                    SparkTypes.of(type, call.toString()));
            case LIST_SLICE -> ListFunctions.slice(translate(inputs.get(0)), translate(inputs.get(1)).cast(DataTypes.LongType),
                    translate(inputs.get(2)).cast(DataTypes.LongType));
            default -> throw new NotTranslatedException("the function " + call.function().displayName() + " in " + call,
                    reason(call.function()));
        };
    }

    private static int width(DataType type) {
        return switch (type.id()) {
            case INT8 -> 8;
            case INT16 -> 16;
            case INT32 -> 32;
            default -> 64;
        };
    }
}
