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
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.FillNull;
import dev.floe.frame.expr.Lit;
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

    /**
     * @param schema the columns the expressions are typed against
     * @param columns a Floe column's Spark column
     * @param aggregations an aggregation's Spark column, or null where none may appear
     */
    ExprTranslator(Schema schema, Function<String, Column> columns, Function<Agg, Column> aggregations) {
        this.schema = schema;
        this.columns = columns;
        this.aggregations = aggregations;
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
        return raw(expr, type).cast(SparkTypes.of(type, expr.toString()));
    }

    private Column raw(Expr expr, DataType type) {
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
        if (value instanceof java.time.Duration) {
            throw new NotTranslatedException("the literal " + literal, "durations are not translated yet");
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
            if (leftType.isList() || rightType.isList()) {
                throw new NotTranslatedException("the comparison of lists " + binary,
                        "Floe orders lists element by element with nulls and NaN last, which Spark's array order is not "
                                + "checked to match");
            }
            return comparison(binary, leftType, rightType);
        }
        if (leftType.isTemporal() || rightType.isTemporal()) {
            throw new NotTranslatedException("the temporal arithmetic " + binary, "dates and durations in arithmetic are not translated yet");
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

    /** Whether a zero divisor is -0.0 (which compares equal to 0.0, but flips the sign of x / 0). */
    private static Column negativeZero(Column zero) {
        return zero.cast(DataTypes.StringType).equalTo("-0.0");
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
                Column quotient = functions.call_function("div", left, right);
                Column adjust = left.mod(right).notEqual(0).and(left.lt(0).notEqual(right.lt(0)));
                yield when(zero, lit(null)).otherwise(when(adjust, quotient.minus(1)).otherwise(quotient));
            }
            case MOD -> {
                Column remainder = left.mod(right);
                Column adjust = remainder.notEqual(0).and(remainder.lt(0).notEqual(right.lt(0)));
                yield when(zero, lit(null)).otherwise(when(adjust, remainder.plus(right)).otherwise(remainder));
            }
            case REM -> when(zero, lit(null)).otherwise(left.mod(right));
            default -> throw new NotTranslatedException("the integer operator " + operator.symbol() + " in " + binary,
                    "an integer power is not translated yet (Spark's pow is a double)");
        };
    }

    private Column comparison(Binary binary, DataType leftType, DataType rightType) {
        Column left = translate(binary.left());
        Column right = translate(binary.right());
        if (leftType.isNumeric() && rightType.isNumeric() && leftType != rightType) {
            org.apache.spark.sql.types.DataType common = SparkTypes.of(Types.supertype(leftType, rightType), binary.toString());
            left = left.cast(common);
            right = right.cast(common);
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
                Column wide = type.isInteger() ? input.cast(type == DataType.INT128 ? SparkTypes.INT128 : DataTypes.LongType)
                        : input;
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
                || from == DataType.DATETIME && to == DataType.DATE;
        if (!faithful) {
            throw new NotTranslatedException("the cast " + cast, "Spark converts " + from + " to " + to
                    + " by other rules than Floe");
        }
        org.apache.spark.sql.types.DataType target = SparkTypes.of(to, cast.toString());
        return cast.strict() ? input.cast(target) : input.try_cast(target);
    }

    private Column caseWhen(When when, DataType type) {
        org.apache.spark.sql.types.DataType target = SparkTypes.of(type, when.toString());
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
        List<Object> parameters = call.parameters();
        return switch (call.function()) {
            case SQRT -> functions.sqrt(input.cast(DataTypes.DoubleType));
            case EXP -> functions.exp(input.cast(DataTypes.DoubleType));
            case SIN -> functions.sin(input.cast(DataTypes.DoubleType));
            case COS -> functions.cos(input.cast(DataTypes.DoubleType));
            case STR_LEN -> functions.length(input); // characters: code points, in both engines
            case STARTS_WITH -> input.startsWith((String) parameters.get(0));
            case ENDS_WITH -> input.endsWith((String) parameters.get(0));
            case YEAR -> functions.year(input);
            case MONTH -> functions.month(input);
            case DAY -> functions.dayofmonth(input);
            case IS_IN -> {
                // Floe passes over null values in the list; a null input gives null
                Object[] values = parameters.stream().filter(Objects::nonNull).toArray();
                yield values.length == 0 ? when(input.isNull(), lit(null)).otherwise(lit(false)) : input.isin(values);
            }
            default -> throw new NotTranslatedException("the function " + call.function().displayName() + " in " + call,
                    "it has no translation to Spark yet");
        };
    }
}
