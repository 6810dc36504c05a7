package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataType;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;

/**
 * SQL's aggregate functions, one registration each: names, arity, the traits the translator
 * heeds before translating ({@link Trait}), and the translation into the engine's aggregates
 * with SQL's answers over no values. What every aggregate shares (FILTER, DISTINCT, an ORDER BY
 * inside the call) is done by the translator before a translation runs: a translation sees its
 * values with the rows those leave out already null ({@link Args#x()}).
 */
final class AggregateFunctions {
    /** What the translator does around an aggregate's translation. */
    enum Trait {
        /** No order of the input changes the value: an ORDER BY inside the call is passed over. */
        ORDER_INSENSITIVE,
        /** The value over the distinct values is the value over all: DISTINCT is passed over. */
        SAME_OVER_DISTINCT,
        /** The first two arguments are a pair of values (DISTINCT is over pairs). */
        PAIRS,
        /** The nulls of the rows count (first, last): FILTER is refused, as its rows would be nulls. */
        NO_FILTER,
        /** DISTINCT is refused: no order says which distinct value is the last. */
        NO_DISTINCT,
        /** The translation does DISTINCT itself (count counts the distinct values). */
        OWN_DISTINCT
    }

    @FunctionalInterface
    interface Translation {
        Expr translate(Args call);
    }

    record Definition(List<String> names, int minArgs, int maxArgs, Set<Trait> traits, Translation translation) {
        boolean has(Trait trait) {
            return traits.contains(trait);
        }
    }

    private static final Map<String, Definition> BY_NAME;

    static {
        Map<String, Definition> by = new LinkedHashMap<>();
        register(by);
        BY_NAME = Collections.unmodifiableMap(by);
    }

    private AggregateFunctions() {
    }

    /** The aggregate a (lower-case) name calls, or null. */
    static Definition find(String name) {
        return BY_NAME.get(name);
    }

    static boolean isAggregate(String name) {
        return BY_NAME.containsKey(name);
    }

    static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet()));
    }

    static List<Definition> definitions() {
        return BY_NAME.values().stream().distinct().toList();
    }

    private static void add(Map<String, Definition> by, int min, int max, Set<Trait> traits, Translation translation,
            String... names) {
        Definition definition = new Definition(List.of(names), min, max, Set.copyOf(traits), translation);
        for (String name : names) {
            if (by.putIfAbsent(name, definition) != null) {
                throw new IllegalStateException("two aggregates are named " + name);
            }
        }
    }

    /**
     * One aggregate call being translated: its values with the rows that FILTER and DISTINCT leave
     * out made null, the group's row and value counts, and what of the translator it needs.
     */
    static final class Args {
        private final Translator translator;
        private final Object node;
        private final boolean distinct;
        private final String name;
        private final List<Expression> written;
        private final java.util.function.UnaryOperator<Expr> registrar;
        private final Scope inside;
        private final Expr mask;
        private final Expr x;
        private final java.util.Set<String> neverNull;

        /**
         * {@code registrar} makes an aggregate part of the query's aggregation (the group-by's, or
         * none for a window, where the call's value is the expression of aggregates itself);
         * {@code neverNull} names the input's columns that hold no null (none known: empty).
         */
        Args(Translator translator, Object node, boolean distinct, String name, List<Expression> written,
                java.util.function.UnaryOperator<Expr> registrar, Scope inside, Expr mask,
                java.util.Set<String> neverNull) {
            this.translator = translator;
            this.node = node;
            this.distinct = distinct;
            this.name = name;
            this.written = written;
            this.registrar = registrar;
            this.inside = inside;
            this.mask = mask;
            this.neverNull = neverNull;
            this.x = value(0);
        }

        String name() {
            return name;
        }

        /** The call as written, where errors point. */
        Object node() {
            return node;
        }

        int size() {
            return written.size();
        }

        Expression written(int i) {
            return written.get(i);
        }

        /** The first value, null on the rows left out. */
        Expr x() {
            return x;
        }

        /** The {@code i}-th value, null on the rows left out. */
        Expr value(int i) {
            Expr value = raw(i);
            return mask == null ? value : Exprs.when(mask).then(value).otherwise(lit(null));
        }

        /** The {@code i}-th value on every row. */
        Expr raw(int i) {
            return translator.expr(written.get(i), inside);
        }

        /** Which rows count (FILTER and DISTINCT), or null where all do. */
        Expr mask() {
            return mask;
        }

        boolean distinct() {
            return distinct;
        }

        /** An aggregate over the group, computed once however often the query names it. */
        Expr register(Expr aggregate) {
            return registrar.apply(aggregate);
        }

        /**
         * How many of the first value are not null: the group's rows where it is never null (one
         * aggregate for all such, as for {@code sum}'s test of an empty group on each of several
         * columns).
         */
        Expr count() {
            return register(neverNull(x) ? Exprs.len() : x.count());
        }

        /** Whether {@code value} is never null: a column that holds none, a constant, or +, - or * of such. */
        private boolean neverNull(Expr value) {
            return switch (value) {
                case dev.floe.frame.expr.Col column -> neverNull.contains(column.name());
                case dev.floe.frame.expr.Lit constant -> constant.value() != null;
                case dev.floe.frame.expr.Binary binary -> (binary.operator() == dev.floe.frame.expr.BinaryOperator.ADD
                        || binary.operator() == dev.floe.frame.expr.BinaryOperator.SUB
                        || binary.operator() == dev.floe.frame.expr.BinaryOperator.MUL)
                        && neverNull(binary.left()) && neverNull(binary.right());
                default -> false;
            };
        }

        /** How many rows count. */
        Expr rows() {
            return register(mask == null ? Exprs.len() : Exprs.when(mask).then(lit(1)).otherwise(lit(null))
                    .count());
        }

        DataType typeOf(Expr value) {
            return translator.typeOf(value, inside);
        }

        Expr text(Expr value) {
            return translator.expressions().text(value, inside, node);
        }

        /** A value as text, a list as a CAST to VARCHAR writes it. */
        Expr anyText(Expr value) {
            return translator.expressions().anyText(value, inside);
        }

        String stringArg(int i) {
            return translator.expressions().stringArgument(written.get(i), node);
        }

        /** The {@code i}-th argument, a number written in the query. */
        double number(int i) {
            return number(written.get(i));
        }

        /** {@code argument}, a number written in the query. */
        double number(Expression argument) {
            if (argument instanceof DoubleValue d) {
                return d.getValue();
            }
            if (argument instanceof LongValue l) {
                return l.getBigIntegerValue().doubleValue();
            }
            throw error("this argument must be a number written in the query, not " + argument, argument);
        }

        SqlException error(String reason) {
            return translator.error(reason, node);
        }

        SqlException error(String reason, Object at) {
            return translator.error(reason, at);
        }

        /** SQL's sum of {@code value}: exact for integers ({@code HUGEINT}), REALs summed as DOUBLEs. */
        Expr exactSum(Expr value) {
            return translator.expressions().exactSum(value, inside);
        }
    }

    /** SQL gives null where an aggregation saw fewer than {@code minimum} values. */
    static Expr emptyIsNull(Expr value, Expr count, int minimum) {
        return Exprs.when(count.lt(minimum)).then(lit(null)).otherwise(value);
    }

    /** A deviation as DuckDB's: null over no more than {@code ddof} values, 0 for one value's population, checked. */
    private static Expr checkedAgg(AggFunction function, Expr input, int ddof) {
        return new Agg(function, List.of(input), List.of(ddof, AggFunction.CHECK_FINITE));
    }

    /**
     * {@code max(x, n)}, {@code min(x, n)}, {@code arg_max(x, key, n)} and {@code arg_min(x, key, n)}
     * as DuckDB's: a list of the {@code n} largest (smallest) values, largest (smallest) first, or
     * of {@code x} on the {@code n} rows whose key is largest (smallest); rows where the value or the
     * key is null are passed over, and a group with none gives null. {@code n} is a whole number
     * written in the query, from 1 to 999,999 (DuckDB's bounds). NaN is the largest float. Rows
     * whose keys tie come in the order of their {@code x}, the same way.
     */
    private static Expr topN(Args call, Expr key, boolean largest) {
        Expression written = call.written(call.size() - 1);
        long n = topCount(call, written);
        if (call.distinct()) {
            throw call.error(call.name() + "(DISTINCT ...) with a count is not supported");
        }
        Expr x = call.x();
        Expr present = key == null ? x.isNotNull() : x.isNotNull().and(key.isNotNull());
        Expr values = call.register(Exprs.when(present).then(lit(1)).otherwise(lit(null)).count());
        DataType type = call.typeOf(x);
        Expr top;
        if (key == null && largest && type != null && (type.isNumeric() && type != DataType.INT128 || type.isTemporal())
                && n <= 1_000) {
            top = call.register(x.topK((int) n)); // a bounded heap per group, not every value
        } else {
            Expr element = key == null ? x : Exprs.struct(key.alias("key"), x.alias("value"));
            Expr list = call.register(new Agg(AggFunction.LIST, List.of(element, present), List.of()));
            top = list.lst().sort(largest, true).lst().slice(1, n);
            if (key != null) {
                top = top.lst().transform(e -> e.struct().field("value"));
            }
        }
        return emptyIsNull(top, values, 1);
    }

    /** The count of a top-n aggregate: a whole number written in the query, at least 1. */
    private static long topCount(Args call, Expression written) {
        Expression e = written;
        boolean negative = false;
        if (e instanceof net.sf.jsqlparser.expression.SignedExpression signed
                && signed.getExpression() instanceof LongValue) {
            negative = signed.getSign() == '-';
            e = signed.getExpression();
        }
        if (e instanceof net.sf.jsqlparser.expression.NullValue) {
            throw call.error(call.name() + "'s count cannot be NULL", written);
        }
        if (!(e instanceof LongValue value)) {
            throw call.error(call.name() + "'s count must be a whole number written in the query, not " + written, written);
        }
        java.math.BigInteger count = value.getBigIntegerValue();
        if (negative || count.signum() <= 0) {
            throw call.error(call.name() + "'s count must be at least 1, not " + written, written);
        }
        if (count.compareTo(java.math.BigInteger.valueOf(1_000_000)) >= 0) {
            throw call.error(call.name() + "'s count must be below 1,000,000 (as DuckDB's), not " + written, written);
        }
        return count.longValue();
    }

    /** The distinct values that are not null. */
    private static Expr distinctValues(Args call) {
        Expr distinct = call.register(call.x().nUnique());
        Expr rows = call.register(Exprs.len());
        return distinct.sub(Exprs.when(rows.gt(call.count())).then(1).otherwise(0));
    }

    /**
     * The quantile {@code one} makes of the second argument, or where that is a list written in the
     * query ({@code [0.25, 0.5]}), the list of the quantile of each, null where the group has no values.
     */
    /** {@code value} cast to the input's type where that is a DECIMAL or a REAL. */
    /**
     * {@code median(x)} (a null {@code q}) or {@code quantile_cont(x, q)}: of decimals in their own type, interpolated exactly as DuckDB does ({@code EXACT_DECIMAL}); else of
     * the values as doubles, in the input's type ({@link #ofInputType}).
     */
    private static Expr continuousQuantile(Args call, Double q) {
        DataType type = call.typeOf(call.x());
        if (type != null && type.isDecimal()) {
            List<Object> parameters = q == null ? List.of(AggFunction.EXACT_DECIMAL)
                    : List.of(q, "linear", AggFunction.EXACT_DECIMAL);
            return call.register(new Agg(q == null ? AggFunction.MEDIAN : AggFunction.QUANTILE, List.of(call.x()),
                    parameters));
        }
        return ofInputType(call, call.register(q == null ? call.x().median() : call.x().quantile(q, "linear")));
    }

    private static Expr ofInputType(Args call, Expr value) {
        DataType type = call.typeOf(call.x());
        return type != null && (type.isDecimal() || type == DataType.FLOAT32) ? value.cast(type) : value;
    }

    private static Expr quantiles(Args call, java.util.function.Function<Expression, Expr> one) {
        if (!(call.written(1) instanceof net.sf.jsqlparser.expression.ArrayConstructor array)) {
            return one.apply(call.written(1));
        }
        List<Expression> written = array.getExpressions() == null ? List.of() : new ArrayList<>(array.getExpressions());
        if (written.isEmpty()) {
            throw call.error(call.name() + " needs at least one quantile in its list", array);
        }
        Expr[] values = new Expr[written.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = one.apply(written.get(i));
        }
        return Exprs.when(call.count().gt(0)).then(Exprs.listOf(values)).otherwise(Exprs.lit(null));
    }

    private static void register(Map<String, Definition> by) {
        Set<Trait> insensitive = EnumSet.of(Trait.ORDER_INSENSITIVE);
        Set<Trait> sameOverDistinct = EnumSet.of(Trait.ORDER_INSENSITIVE, Trait.SAME_OVER_DISTINCT);
        Set<Trait> pairs = EnumSet.of(Trait.ORDER_INSENSITIVE, Trait.PAIRS);
        // count(*) and count() are the group's rows; the translator answers them before this
        add(by, 1, 1, EnumSet.of(Trait.ORDER_INSENSITIVE, Trait.OWN_DISTINCT),
                call -> call.distinct() ? distinctValues(call) : call.count(), "count");
        // exact: the distinct values that are not null (DuckDB's HyperLogLog estimate agrees on small inputs)
        add(by, 1, 1, insensitive, AggregateFunctions::distinctValues, "approx_count_distinct");
        add(by, 1, 1, insensitive, call -> emptyIsNull(call.register(call.exactSum(call.x())), call.count(), 1), "sum");
        add(by, 1, 1, insensitive, call -> call.register(call.x().mean()), "avg", "mean");
        // min(x, n) and max(x, n): the n smallest / largest values, as DuckDB's
        add(by, 1, 2, sameOverDistinct, call -> call.size() == 2 ? topN(call, null, false)
                : call.register(call.x().min()), "min");
        // NaN above every number, as DuckDB orders floats
        add(by, 1, 2, sameOverDistinct, call -> call.size() == 2 ? topN(call, null, true)
                : call.register(call.x().nanMax()), "max");
        // of DECIMALs a DECIMAL of their type, of REALs a REAL, as DuckDB's (interpolated in DOUBLE, then cast)
        add(by, 1, 1, insensitive, call -> continuousQuantile(call, null), "median");
        // a list of quantiles gives the list of each (null where the group has no values), as DuckDB
        add(by, 2, 2, insensitive, call -> quantiles(call, written -> {
            double q = call.number(written);
            if (!(q >= 0 && q <= 1)) {
                throw call.error("a quantile is between 0 and 1, got " + q, written);
            }
            return continuousQuantile(call, q);
        }), "quantile_cont");
        // DuckDB's quantile is quantile_disc
        add(by, 2, 2, insensitive, call -> quantiles(call, written -> {
            BigDecimal q = written instanceof DoubleValue || written instanceof LongValue
                    ? new BigDecimal(written.toString()) : null;
            if (q == null || q.signum() < 0 || q.compareTo(BigDecimal.ONE) > 0) {
                throw call.error(call.name() + " needs a quantile between 0 and 1 written in the query, not " + written,
                        written);
            }
            return call.register(call.x().quantileDisc(q));
        }), "quantile_disc", "quantile");
        // ties go to the value seen first, so the input's order counts
        add(by, 1, 1, EnumSet.noneOf(Trait.class), call -> call.register(call.x().mode()), "mode");
        // a map of each distinct value, smallest first, to its count, as DuckDB's
        add(by, 1, 1, insensitive, call -> call.register(call.x().histogram()), "histogram");
        // as DuckDB: a deviation over infinities or NaN (or one that overflows) fails, as the aggregate is
        // finished (before HAVING); over one value the population's is 0, the sample's null
        add(by, 1, 1, insensitive, call -> call.register(checkedAgg(AggFunction.STD, call.x(), 1)),
                "stddev", "stddev_samp", "std");
        add(by, 1, 1, insensitive, call -> call.register(checkedAgg(AggFunction.STD, call.x(), 0)), "stddev_pop");
        add(by, 1, 1, insensitive, call -> call.register(checkedAgg(AggFunction.VAR, call.x(), 1)),
                "variance", "var_samp", "var");
        add(by, 1, 1, insensitive, call -> call.register(checkedAgg(AggFunction.VAR, call.x(), 0)), "var_pop");
        // in DOUBLE, as DuckDB's
        add(by, 1, 1, insensitive, call -> call.register(numbers(call).product()), "product");
        // from central moments kept as they run (DuckDB's sums of powers lose every digit far from 0)
        add(by, 1, 1, insensitive, call -> call.register(numbers(call).skew(false)), "skewness");
        add(by, 1, 1, insensitive, call -> call.register(numbers(call).kurtosis(false)), "kurtosis");
        add(by, 1, 1, insensitive, call -> call.register(numbers(call).kurtosis(true)), "kurtosis_pop");
        add(by, 2, 2, pairs, call -> {
            Expr x = call.x();
            Expr y = call.value(1);
            Expr pairCount = call.register(x.isNotNull().and(y.isNotNull()).cast(DataType.INT64).sum());
            // NaN where either side does not vary, even over one pair; over two pairs or more, a side
            // whose deviation is not finite fails, as in DuckDB
            return emptyIsNull(call.register(new Agg(AggFunction.CORR, List.of(x, y),
                    List.of(AggFunction.CHECK_FINITE))), pairCount, 1);
        }, "corr");
        // over the pairs where both are present; the regressions take y first, as SQL's regr_slope(y, x)
        add(by, 2, 2, pairs, call -> call.register(Exprs.cov(call.x(), call.value(1), 0)), "covar_pop");
        add(by, 2, 2, pairs, call -> call.register(Exprs.cov(call.x(), call.value(1), 1)), "covar_samp");
        // a count, so 0 over no rows (an empty window frame too), as DuckDB's
        add(by, 2, 2, pairs, call -> call.register(Exprs.when(call.x().isNotNull().and(call.value(1).isNotNull()))
                .then(lit(1)).count()), "regr_count");
        add(by, 2, 2, pairs, AggregateFunctions::regression, "regr_slope");
        add(by, 2, 2, pairs, AggregateFunctions::regression, "regr_intercept");
        // the first argument's value on the row where the second is smallest / largest, over the rows where
        // both are present, as DuckDB's
        Set<Trait> ordered = EnumSet.of(Trait.PAIRS);
        add(by, 2, 3, ordered, call -> call.size() == 3 ? topN(call, call.value(1), false)
                : call.register(call.x().minBy(call.value(1))), "arg_min", "min_by");
        add(by, 2, 3, ordered, call -> call.size() == 3 ? topN(call, call.value(1), true)
                : call.register(call.x().maxBy(call.value(1))), "arg_max", "max_by");
        // the median of the distances from the median; a DOUBLE (DuckDB's of dates, an INTERVAL, is refused)
        add(by, 1, 1, insensitive, call -> call.register(numbers(call).mad()), "mad");
        // in bits, over each distinct value's share; 0 over no values, as DuckDB's
        add(by, 1, 1, insensitive, call -> call.register(call.x().entropy()), "entropy");
        // in the values' own type, as DuckDB's; null over no values
        add(by, 1, 1, sameOverDistinct, call -> call.register(integers(call).bitwiseAnd()), "bit_and");
        add(by, 1, 1, sameOverDistinct, call -> call.register(integers(call).bitwiseOr()), "bit_or");
        add(by, 1, 1, insensitive, call -> call.register(integers(call).bitwiseXor()), "bit_xor");
        // DOUBLEs, as DuckDB's (whose own sum and avg of doubles do not compensate; Floe's always do)
        add(by, 1, 1, insensitive, call -> emptyIsNull(call.register(numbers(call).cast(DataType.FLOAT64).sum()),
                call.count(), 1), "fsum", "sumkahan", "kahan_sum");
        add(by, 1, 1, insensitive, call -> call.register(numbers(call).cast(DataType.FLOAT64).mean()), "favg");
        // exp of the mean logarithm; a value that is 0 or negative fails, as in DuckDB
        add(by, 1, 1, insensitive, call -> call.register(ScalarFunctions.logarithm(numbers(call)
                .cast(DataType.FLOAT64)).log().mean()).exp(), "geomean", "geometric_mean");
        // the standard error of the mean, from the population's deviation, as DuckDB's
        add(by, 1, 1, insensitive, call -> call.register(checkedAgg(AggFunction.STD, numbers(call), 0))
                .div(call.count().cast(DataType.FLOAT64).sqrt()), "sem");
        add(by, 1, 1, sameOverDistinct, AggregateFunctions::booleans, "bool_and", "every");
        add(by, 1, 1, sameOverDistinct, AggregateFunctions::booleans, "bool_or");
        // the rows where the condition is true; null where it is null on every row, as DuckDB's
        add(by, 1, 1, insensitive, call -> emptyIsNull(call.register(call.x().cast(DataType.INT64).sum()),
                call.count(), 1), "count_if", "countif");
        // the values that are not null, as text, in the input's order, joined by the separator
        add(by, 1, 2, EnumSet.noneOf(Trait.class), call -> {
            String separator = call.size() == 2 ? call.stringArg(1) : ",";
            return emptyIsNull(call.register(call.anyText(call.x()).list()).lst().join(separator), call.count(), 1);
        }, "string_agg", "group_concat", "listagg");
        // the rows a FILTER or DISTINCT leaves out are left out of the list, not nulls in it
        add(by, 1, 1, EnumSet.noneOf(Trait.class), call -> {
            Expr values = call.raw(0);
            Expr list = call.mask() == null ? values.list()
                    : new Agg(AggFunction.LIST, List.of(values, call.mask()), List.of());
            return emptyIsNull(call.register(list), call.rows(), 1);
        }, "list", "array_agg");
        add(by, 1, 1, EnumSet.of(Trait.SAME_OVER_DISTINCT), call -> call.register(call.x().firstNonNull()),
                "any_value");
        add(by, 1, 1, EnumSet.of(Trait.SAME_OVER_DISTINCT, Trait.NO_FILTER), call -> call.register(call.x().first()),
                "first", "arbitrary");
        add(by, 1, 1, EnumSet.of(Trait.NO_FILTER, Trait.NO_DISTINCT), call -> call.register(call.x().last()), "last");
    }

    private static Expr regression(Args call) {
        Expr y = call.x();
        Expr along = call.value(1);
        Expr both = y.isNotNull().and(along.isNotNull());
        Expr xs = Exprs.when(both).then(along).otherwise(lit(null));
        Expr ys = Exprs.when(both).then(y).otherwise(lit(null));
        Expr variance = call.register(new Agg(AggFunction.VAR, List.of(xs), List.of(0)));
        // as DuckDB where x does not vary: the slope NaN, the intercept null
        Expr slope = call.register(Exprs.cov(xs, ys, 0)).div(variance);
        return call.name().equals("regr_slope")
                ? Exprs.when(variance.eq(lit(0.0))).then(lit(Double.NaN)).otherwise(slope)
                : Exprs.when(variance.eq(lit(0.0))).then(lit(null, DataType.FLOAT64))
                        .otherwise(call.register(ys.mean()).sub(slope.mul(call.register(xs.mean()))));
    }

    /** The first value, which must be a number (as a DOUBLE, as DuckDB takes it). */
    private static Expr numbers(Args call) {
        DataType type = call.typeOf(call.x());
        if (type != null && !type.isNumeric() && type != DataType.NULL) {
            throw call.error(call.name() + " takes numbers, not " + type);
        }
        return call.x();
    }

    /** The first value, which must be a whole number. */
    private static Expr integers(Args call) {
        DataType type = call.typeOf(call.x());
        if (type != null && !type.isInteger() && type != DataType.NULL) {
            throw call.error(call.name() + " takes whole numbers, not " + type);
        }
        return call.x();
    }

    /** bool_and, every and bool_or: false before true, so the smallest is false where any is. */
    private static Expr booleans(Args call) {
        DataType type = call.typeOf(call.x());
        if (type != null && type != DataType.BOOLEAN && type != DataType.NULL) {
            throw call.error(call.name() + " takes booleans, not " + type);
        }
        Expr flags = call.x().cast(DataType.INT8);
        return (call.name().equals("bool_or") ? call.register(flags.max()) : call.register(flags.min()))
                .cast(DataType.BOOLEAN);
    }
}
