package dev.floe.frame.expr;

import dev.floe.frame.DataType;
import java.io.Serializable;

/**
 * An expression over a frame's columns: what {@code select}, {@code withColumns} and
 * {@code filter} compute, one value per row. Expressions are small immutable values (records),
 * printable, comparable and rewritable by the optimizer; building one computes nothing.
 *
 * <pre>{@code
 * import static dev.floe.frame.expr.Exprs.*;
 * Expr big = col("v1").gt(2).and(col("id1").isNotNull());
 * Expr ratio = col("v1").div(col("v2")).alias("ratio");
 * Expr bucket = when(col("x").lt(0)).then(lit("neg")).otherwise(lit("non-neg"));
 * }</pre>
 *
 * <p>Operands that are not expressions become literals: {@code col("a").add(1)} is
 * {@code col("a").add(lit(1))}. Nulls propagate: an operation with a null operand gives null,
 * except {@code and}/{@code or} (three-valued: {@code false & null} is {@code false}) and the
 * null tests. Integer arithmetic wraps on overflow, as in Java; integer {@code floorDiv} and
 * {@code mod} by zero give null.
 */
public sealed interface Expr extends Serializable permits Col, Lit, Binary, Unary, Alias, Cast, When, FillNull, Agg, Call, Over,
        Cut, Columns, MultiCall, ListLambda {

    /** The name of the column this expression makes, when not aliased. */
    String outputName();

    // ---- arithmetic -------------------------------------------------------------------------

    default Expr add(Object other) {
        return new Binary(BinaryOperator.ADD, this, Exprs.wrap(other));
    }

    default Expr sub(Object other) {
        return new Binary(BinaryOperator.SUB, this, Exprs.wrap(other));
    }

    default Expr mul(Object other) {
        return new Binary(BinaryOperator.MUL, this, Exprs.wrap(other));
    }

    /** True division: always a float. */
    default Expr div(Object other) {
        return new Binary(BinaryOperator.DIV, this, Exprs.wrap(other));
    }

    /** Division rounded toward negative infinity (Python's {@code //}). */
    default Expr floorDiv(Object other) {
        return new Binary(BinaryOperator.FLOOR_DIV, this, Exprs.wrap(other));
    }

    /** Remainder with the divisor's sign (Python's {@code %}). */
    default Expr mod(Object other) {
        return new Binary(BinaryOperator.MOD, this, Exprs.wrap(other));
    }

    /**
     * The remainder of division rounded toward zero: the sign of the dividend, as SQL's and Java's
     * {@code %} ({@code -7 rem 3} is -1); null for an integer divisor of 0, NaN for a float one.
     */
    default Expr rem(Object other) {
        return new Binary(BinaryOperator.REM, this, Exprs.wrap(other));
    }

    /** Power: a float, unless both sides are integers and the exponent is a non-negative literal. */
    default Expr pow(Object other) {
        return new Binary(BinaryOperator.POW, this, Exprs.wrap(other));
    }

    default Expr neg() {
        return new Unary(UnaryOperator.NEG, this);
    }

    default Expr abs() {
        return new Unary(UnaryOperator.ABS, this);
    }

    // ---- comparisons and logic --------------------------------------------------------------

    default Expr eq(Object other) {
        return new Binary(BinaryOperator.EQ, this, Exprs.wrap(other));
    }

    default Expr ne(Object other) {
        return new Binary(BinaryOperator.NE, this, Exprs.wrap(other));
    }

    default Expr lt(Object other) {
        return new Binary(BinaryOperator.LT, this, Exprs.wrap(other));
    }

    default Expr le(Object other) {
        return new Binary(BinaryOperator.LE, this, Exprs.wrap(other));
    }

    default Expr gt(Object other) {
        return new Binary(BinaryOperator.GT, this, Exprs.wrap(other));
    }

    default Expr ge(Object other) {
        return new Binary(BinaryOperator.GE, this, Exprs.wrap(other));
    }

    /** Logical and, three-valued: {@code false & null} is {@code false}, {@code true & null} null. */
    default Expr and(Object other) {
        return new Binary(BinaryOperator.AND, this, Exprs.wrap(other));
    }

    /** Logical or, three-valued: {@code true | null} is {@code true}, {@code false | null} null. */
    default Expr or(Object other) {
        return new Binary(BinaryOperator.OR, this, Exprs.wrap(other));
    }

    default Expr not() {
        return new Unary(UnaryOperator.NOT, this);
    }

    // ---- nulls, names, types ----------------------------------------------------------------

    default Expr isNull() {
        return new Unary(UnaryOperator.IS_NULL, this);
    }

    default Expr isNotNull() {
        return new Unary(UnaryOperator.IS_NOT_NULL, this);
    }

    /** This value, or {@code fill} where it is null. */
    default Expr fillNull(Object fill) {
        return new FillNull(this, Exprs.wrap(fill));
    }

    /** The same values under the column name {@code name}. */
    default Expr alias(String name) {
        return new Alias(this, name);
    }

    /**
     * The values converted to {@code type}: numbers to numbers (floats to integers truncate
     * toward zero), anything to {@code str}, {@code str} to numbers, booleans and dates,
     * {@code str} and {@code cat} both ways, {@code date} and {@code datetime} both ways. Strict:
     * a value that cannot be converted (out of range, not a number) fails the query, naming it.
     */
    default Expr cast(DataType type) {
        return new Cast(this, type, true);
    }

    /** {@link #cast(DataType)}, but a value that cannot be converted becomes null. */
    default Expr tryCast(DataType type) {
        return new Cast(this, type, false);
    }

    // ---- functions --------------------------------------------------------------------------

    default Expr sqrt() {
        return new Call(ScalarFunction.SQRT, this, java.util.List.of());
    }

    default Expr exp() {
        return new Call(ScalarFunction.EXP, this, java.util.List.of());
    }

    /** Natural logarithm. */
    default Expr log() {
        return new Call(ScalarFunction.LOG, this, java.util.List.of());
    }

    default Expr log10() {
        return new Call(ScalarFunction.LOG10, this, java.util.List.of());
    }

    default Expr sin() {
        return new Call(ScalarFunction.SIN, this, java.util.List.of());
    }

    default Expr cos() {
        return new Call(ScalarFunction.COS, this, java.util.List.of());
    }

    /** The character whose code point this integer is (SQL's {@code chr}); a value that is none fails. */
    default Expr codePointText() {
        return new Call(ScalarFunction.CODE_POINT_TEXT, this, java.util.List.of());
    }

    default Expr tan() {
        return new Call(ScalarFunction.TAN, this, java.util.List.of());
    }

    /** The arcsine in radians (NaN outside [-1, 1]). */
    default Expr arcsin() {
        return new Call(ScalarFunction.ARCSIN, this, java.util.List.of());
    }

    /** The arccosine in radians (NaN outside [-1, 1]). */
    default Expr arccos() {
        return new Call(ScalarFunction.ARCCOS, this, java.util.List.of());
    }

    default Expr arctan() {
        return new Call(ScalarFunction.ARCTAN, this, java.util.List.of());
    }

    /** The angle of the point ({@code x}, this), in radians from -pi to pi, as NumPy's {@code arctan2(y, x)}. */
    default Expr arctan2(Object x) {
        return new MultiCall(ScalarFunction.ARCTAN2, java.util.List.of(this, Exprs.wrap(x)), java.util.List.of());
    }

    /** The bits of this integer and {@code other} and-ed ({@code &} on integers), in their common type. */
    default Expr bitAnd(Object other) {
        return new MultiCall(ScalarFunction.BIT_AND, java.util.List.of(this, Exprs.wrap(other)), java.util.List.of());
    }

    /** The bits of this integer and {@code other} or-ed ({@code |} on integers), in their common type. */
    default Expr bitOr(Object other) {
        return new MultiCall(ScalarFunction.BIT_OR, java.util.List.of(this, Exprs.wrap(other)), java.util.List.of());
    }

    /** The bits of this integer and {@code other} xor-ed ({@code ^} on integers), in their common type. */
    default Expr bitXor(Object other) {
        return new MultiCall(ScalarFunction.BIT_XOR, java.util.List.of(this, Exprs.wrap(other)), java.util.List.of());
    }

    /**
     * This integer times 2^{@code shift}, in the common type of both ({@code <<}); a negative value or shift, a
     * shift of the type's width or more, and a result the type cannot hold fail.
     */
    default Expr shiftLeft(Object shift) {
        return new MultiCall(ScalarFunction.SHIFT_LEFT, java.util.List.of(this, Exprs.wrap(shift)), java.util.List.of());
    }

    /** This integer's bits moved right by {@code shift}, the sign kept ({@code >>}); 0 past the type's width. */
    default Expr shiftRight(Object shift) {
        return new MultiCall(ScalarFunction.SHIFT_RIGHT, java.util.List.of(this, Exprs.wrap(shift)), java.util.List.of());
    }

    /**
     * The greatest common divisor of this whole number and {@code other} ({@code i8} to {@code i64}), not
     * negative, an {@code i64} (NumPy's {@code gcd}); 0 where both are 0, and 2^63 fails.
     */
    default Expr gcd(Object other) {
        return new MultiCall(ScalarFunction.GCD, java.util.List.of(this, Exprs.wrap(other)), java.util.List.of());
    }

    /**
     * The least common multiple of this whole number and {@code other}, not negative, an {@code i64}
     * (NumPy's {@code lcm}); 0 where either is 0, and one past {@code i64} fails.
     */
    default Expr lcm(Object other) {
        return new MultiCall(ScalarFunction.LCM, java.util.List.of(this, Exprs.wrap(other)), java.util.List.of());
    }

    /**
     * This integer's bits (two's complement, 64 of them; 128 for an {@code i128}), or this text's UTF-8
     * bytes, in upper-case hexadecimal without leading zeros ({@code 255} is {@code "FF"}, {@code -1}
     * sixteen {@code F}s): SQL's {@code hex}.
     */
    default Expr toHex() {
        return new Call(ScalarFunction.TO_BASE, this, java.util.List.of(16));
    }

    /**
     * This value written as C's {@code printf} writes it with one conversion: {@code "%5d"},
     * {@code "%08.3f"}, {@code "%.2e"}, {@code "%-10s"}, {@code "%x"} (see {@link Printf}; floats
     * and decimals rounded from their exact binary value, ties to even, as C rounds; whole numbers
     * for {@code d i u x X o c}, numbers for {@code f e g}, text for {@code s}).
     */
    default Expr printf(String spec) {
        return new Call(ScalarFunction.PRINTF, this, java.util.List.of(Printf.Spec.of(spec).text()));
    }

    /** As {@link #toHex()}, in binary digits ({@code 5} is {@code "101"}, a text's bytes 8 digits each): SQL's {@code bin}. */
    default Expr toBinary() {
        return new Call(ScalarFunction.TO_BASE, this, java.util.List.of(2));
    }

    /** Every bit of this integer flipped ({@code ~x}). */
    default Expr bitNot() {
        return new Call(ScalarFunction.BIT_NOT, this, java.util.List.of());
    }

    /** How many bits of this integer are set, in its type's width. */
    default Expr bitCount() {
        return new Call(ScalarFunction.BIT_COUNT, this, java.util.List.of());
    }

    /** The cube root, negative for a negative value. */
    default Expr cbrt() {
        return new Call(ScalarFunction.CBRT, this, java.util.List.of());
    }

    default Expr floor() {
        return new Call(ScalarFunction.FLOOR, this, java.util.List.of());
    }

    default Expr ceil() {
        return new Call(ScalarFunction.CEIL, this, java.util.List.of());
    }

    /** Rounded half away from zero to {@code decimals} places. */
    default Expr round(int decimals) {
        return new Call(ScalarFunction.ROUND, this, java.util.List.of(decimals));
    }

    /** Values below {@code min} become {@code min}, above {@code max} become {@code max}; null bounds are open. */
    default Expr clip(Number min, Number max) {
        return new Call(ScalarFunction.CLIP, this, java.util.Arrays.asList(min, max));
    }

    /** Whether the value is one of {@code values}; null for a null value. */
    /** Whether the value is NaN: false for every number that is not, and for integers; null stays null. */
    default Expr isNan() {
        return new Call(ScalarFunction.IS_NAN, this, java.util.List.of());
    }

    /** NaN replaced by {@code fill} (a value or an expression); nulls stay null. */
    default Expr fillNan(Object fill) {
        return Exprs.when(isNan()).then(fill).otherwise(this);
    }

    /** This expression as an ascending sort key: {@code sort(col("a").asc(), col("b").desc())}. */
    default dev.floe.frame.plan.SortKey asc() {
        return dev.floe.frame.plan.SortKey.asc(this);
    }

    /** This expression as a descending sort key (nulls first; {@code .nullsLast()} moves them). */
    default dev.floe.frame.plan.SortKey desc() {
        return dev.floe.frame.plan.SortKey.desc(this);
    }

    default Expr isIn(Object... values) {
        return new Call(ScalarFunction.IS_IN, this, java.util.Arrays.asList(values));
    }

    /** Whether the value is one of {@code values}; null for a null value. */
    default Expr isIn(java.util.Collection<?> values) {
        return new Call(ScalarFunction.IS_IN, this, new java.util.ArrayList<>(values));
    }

    /** {@code low <= value <= high}. */
    default Expr between(Object low, Object high) {
        return ge(low).and(le(high));
    }

    /** The text functions: {@code col("s").str().upper()}. */
    default StringExprs str() {
        return new StringExprs(this);
    }

    /** The date parts: {@code col("d").dt().year()}. */
    default TemporalExprs dt() {
        return new TemporalExprs(this);
    }

    /** The struct functions: {@code col("point").struct().field("x")}. */
    default StructExprs struct() {
        return new StructExprs(this);
    }

    /** The map functions: {@code col("counts").map().get("a")}. */
    default MapExprs map() {
        return new MapExprs(this);
    }

    /** The JSON functions of a text: {@code col("doc").json().extract("$.a")}. */
    default JsonExprs json() {
        return new JsonExprs(this);
    }

    /** The list functions: {@code col("xs").lst().len()}. */
    default ListExprs lst() {
        return new ListExprs(this);
    }

    // ---- windows and bins -------------------------------------------------------------------

    /**
     * This aggregation computed per group of {@code partitionBy} and given back to each row; with
     * no keys, over all rows. {@link Over#orderBy} orders the window for ranks, lag/lead and
     * running aggregations: {@code col("v").sum().over("k").orderBy("t")}.
     */
    /** This aggregation over all rows, given to each; with {@link Over#orderBy}, a window over all rows in order. */
    default Over over() {
        return new Over(this, java.util.List.of());
    }

    default Over over(String... partitionBy) {
        return over(java.util.Arrays.stream(partitionBy).<Expr>map(Col::new).toArray(Expr[]::new));
    }

    default Over over(Expr... partitionBy) {
        return new Over(this, java.util.List.of(partitionBy));
    }

    /**
     * Window only: the value {@code offset} rows before in the window's order (null before the
     * first); a negative offset counts rows after, as {@link #lead}.
     */
    default Expr lag(int offset) {
        return shifted(AggFunction.LAG, offset, null);
    }

    /** Window only: the value {@code offset} rows before, or {@code fill} (a value or expression) before the first. */
    default Expr lag(int offset, Object fill) {
        return shifted(AggFunction.LAG, offset, fill);
    }

    /**
     * Window only: the value {@code offset} rows after in the window's order (null after the
     * last); a negative offset counts rows before, as {@link #lag}.
     */
    default Expr lead(int offset) {
        return shifted(AggFunction.LEAD, offset, null);
    }

    default Expr lead(int offset, Object fill) {
        return shifted(AggFunction.LEAD, offset, fill);
    }

    // ---- pandas' and Polars' running, shifted and rolling functions, in the rows' order --------------
    // Each runs over all rows, or over each group of the columns partitionBy names, in the order the
    // rows come (sort first for another): windows framed by rows, computed in the WINDOW step as others.

    /** The running sum, null where the value is null (pandas' {@code cumsum}, Polars' {@code cum_sum}). */
    default Expr cumSum(String... partitionBy) {
        return running(sum(), partitionBy);
    }

    /** The running product, an {@code f64}, null where the value is null. */
    default Expr cumProd(String... partitionBy) {
        return running(product(), partitionBy);
    }

    /** The running minimum, null where the value is null. */
    default Expr cumMin(String... partitionBy) {
        return running(min(), partitionBy);
    }

    /** The running maximum, null where the value is null. */
    default Expr cumMax(String... partitionBy) {
        return running(max(), partitionBy);
    }

    /** How many values so far are not null, this row's included (Polars' {@code cum_count}): an {@code i64}. */
    default Expr cumCount(String... partitionBy) {
        return count().over(partitionBy).frame(WindowFrame.rows(WindowFrame.Bound.unboundedPreceding(),
                WindowFrame.Bound.currentRow()));
    }

    /** The value minus the one {@code n} rows before (null for the first {@code n} rows), as pandas' and Polars' {@code diff}. */
    default Expr diff(int n, String... partitionBy) {
        return sub(lag(n).over(partitionBy));
    }

    /**
     * The change from the value {@code n} rows before, as a fraction of it, an {@code f64}
     * ({@code x / previous - 1}, pandas' and Polars' {@code pct_change} where no value is null);
     * null where either is null.
     */
    default Expr pctChange(int n, String... partitionBy) {
        return cast(DataType.FLOAT64).div(lag(n).over(partitionBy)).sub(1);
    }

    /** Nulls filled with the last value before them that is not null (pandas' {@code ffill}, Polars' {@code forward_fill}). */
    default Expr forwardFill(String... partitionBy) {
        return lastNonNull().over(partitionBy).frame(WindowFrame.rows(WindowFrame.Bound.unboundedPreceding(),
                WindowFrame.Bound.currentRow()));
    }

    /** Nulls filled with the next value after them that is not null (pandas' {@code bfill}, Polars' {@code backward_fill}). */
    default Expr backwardFill(String... partitionBy) {
        return firstNonNull().over(partitionBy).frame(WindowFrame.rows(WindowFrame.Bound.currentRow(),
                WindowFrame.Bound.unboundedFollowing()));
    }

    /**
     * The sum of the last {@code window} rows, this one included, where all hold a value; null
     * before that (Polars' {@code rolling_sum(window)}; pandas' {@code rolling(window).sum()}).
     */
    default Expr rollingSum(int window, String... partitionBy) {
        return rolling(sum(), window, partitionBy);
    }

    /** The mean of the last {@code window} rows, as {@link #rollingSum}. */
    default Expr rollingMean(int window, String... partitionBy) {
        return rolling(mean(), window, partitionBy);
    }

    /** The smallest of the last {@code window} rows, as {@link #rollingSum}. */
    default Expr rollingMin(int window, String... partitionBy) {
        return rolling(min(), window, partitionBy);
    }

    /** The largest of the last {@code window} rows, as {@link #rollingSum}. */
    default Expr rollingMax(int window, String... partitionBy) {
        return rolling(max(), window, partitionBy);
    }

    /** The sample standard deviation of the last {@code window} rows, as {@link #rollingSum}. */
    default Expr rollingStd(int window, String... partitionBy) {
        return rolling(std(), window, partitionBy);
    }

    private Expr running(Expr aggregate, String... partitionBy) {
        Expr window = aggregate.over(partitionBy).frame(WindowFrame.rows(WindowFrame.Bound.unboundedPreceding(),
                WindowFrame.Bound.currentRow()));
        return Exprs.when(isNull()).then(Exprs.lit(null)).otherwise(window);
    }

    private Expr rolling(Expr aggregate, int window, String... partitionBy) {
        if (window < 1) {
            throw new IllegalArgumentException("a rolling window holds at least 1 row, not " + window);
        }
        WindowFrame frame = WindowFrame.rows(WindowFrame.Bound.preceding(window - 1), WindowFrame.Bound.currentRow());
        return Exprs.when(count().over(partitionBy).frame(frame).ge(window)).then(aggregate.over(partitionBy).frame(frame))
                .otherwise(Exprs.lit(null));
    }

    /**
     * {@code lag}, {@code lead}, {@code first}, {@code last} or {@code nthValue} passing over nulls, as SQL's
     * {@code IGNORE NULLS}: {@code col("v").lag(1).ignoreNulls().over("k").orderBy("t")} is the
     * last value before the row that is not null; the offset counts only rows with a value (an
     * offset of 0 is the row itself).
     */
    default Expr ignoreNulls() {
        if (this instanceof Agg agg && (agg.function() == AggFunction.LAG || agg.function() == AggFunction.LEAD
                || agg.function() == AggFunction.FIRST || agg.function() == AggFunction.LAST
                || agg.function() == AggFunction.NTH_VALUE)) {
            if (agg.parameters().contains(AggFunction.IGNORE_NULLS)) {
                return this;
            }
            java.util.List<Object> parameters = new java.util.ArrayList<>(agg.parameters());
            parameters.add(AggFunction.IGNORE_NULLS);
            return new Agg(agg.function(), agg.inputs(), parameters);
        }
        throw new IllegalArgumentException("ignoreNulls goes with lag, lead, first, last and nthValue, not " + this);
    }

    private Expr shifted(AggFunction function, int offset, Object fill) {
        if (offset == Integer.MIN_VALUE) {
            throw new IllegalArgumentException(function.displayName() + " takes an offset from " + -Integer.MAX_VALUE
                    + " to " + Integer.MAX_VALUE + ", not " + offset);
        }
        if (offset < 0) {
            // a lag back is a lead forward (as DuckDB reads lead(x, -1))
            function = function == AggFunction.LAG ? AggFunction.LEAD : AggFunction.LAG;
            offset = -offset;
        }
        java.util.List<Expr> inputs = fill == null ? java.util.List.of(this)
                : java.util.List.of(this, fill instanceof Expr e ? e : Exprs.lit(fill));
        return new Agg(function, inputs, java.util.List.of(offset));
    }

    /** Binned into the intervals between consecutive {@code breaks}, {@code (a, b]}; see {@link Cut}. */
    default Expr cut(double[] breaks, String... labels) {
        return new Cut(this, java.util.Arrays.stream(breaks).boxed().toList(), 0, java.util.List.of(),
                java.util.List.of(labels));
    }

    /** Binned into {@code bins} equal-width intervals over the values' range, as pandas' {@code cut(x, bins)}. */
    default Expr cut(int bins, String... labels) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        return new Cut(this, java.util.List.of(), bins, java.util.List.of(), java.util.List.of(labels));
    }

    /** Binned into {@code q} intervals of equal counts, as pandas' {@code qcut(x, q)}. */
    default Expr qcut(int q, String... labels) {
        if (q < 1) {
            throw new IllegalArgumentException("q must be at least 1, got " + q);
        }
        java.util.List<Double> quantiles = new java.util.ArrayList<>();
        for (int i = 0; i <= q; i++) {
            quantiles.add((double) i / q);
        }
        return new Cut(this, java.util.List.of(), 0, quantiles, java.util.List.of(labels));
    }

    /** Binned between the given quantiles (0 to 1, increasing), as pandas' {@code qcut(x, [..])}. */
    default Expr qcut(double[] quantiles, String... labels) {
        return new Cut(this, java.util.List.of(), 0, java.util.Arrays.stream(quantiles).boxed().toList(),
                java.util.List.of(labels));
    }

    // ---- aggregations -----------------------------------------------------------------------

    /** Sum of the non-null values (0 for none); integers sum into {@code i64}. */
    default Expr sum() {
        return new Agg(AggFunction.SUM, java.util.List.of(this), java.util.List.of());
    }

    /** Mean of the non-null values, as {@code f64}; null for none. */
    default Expr mean() {
        return new Agg(AggFunction.MEAN, java.util.List.of(this), java.util.List.of());
    }

    default Expr min() {
        return new Agg(AggFunction.MIN, java.util.List.of(this), java.util.List.of());
    }

    default Expr max() {
        return new Agg(AggFunction.MAX, java.util.List.of(this), java.util.List.of());
    }

    /**
     * The largest value, NaN counting as larger than every number (Polars' {@code nan_max}; SQL's
     * {@code max}, as DuckDB orders floats): NaN where the group holds one.
     */
    default Expr nanMax() {
        return new Agg(AggFunction.MAX, java.util.List.of(this), java.util.List.of(AggFunction.NAN_LARGEST));
    }

    /** Number of non-null values. */
    default Expr count() {
        return new Agg(AggFunction.COUNT, java.util.List.of(this), java.util.List.of());
    }

    /** The value of the first row, in input order. */
    default Expr first() {
        return new Agg(AggFunction.FIRST, java.util.List.of(this), java.util.List.of());
    }

    /**
     * The value of the first row whose value is present, in input order (SQL's {@code any_value});
     * null only for a group with no value.
     */
    default Expr firstNonNull() {
        return new Agg(AggFunction.FIRST, java.util.List.of(this), java.util.List.of(AggFunction.IGNORE_NULLS));
    }

    /** The value of the last row, in input order. */
    default Expr last() {
        return new Agg(AggFunction.LAST, java.util.List.of(this), java.util.List.of());
    }

    /**
     * Window only: the value of row {@code n} (from 1) of each row's window frame, in the window's
     * order, as SQL's {@code nth_value(x, n)}; null where the frame has fewer rows:
     * {@code col("v").nthValue(2).over("k").orderBy("t")}.
     */
    default Expr nthValue(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("nth_value counts rows from 1, got " + n);
        }
        return new Agg(AggFunction.NTH_VALUE, java.util.List.of(this), java.util.List.of(n));
    }

    /** The value of the last row whose value is present, in input order; null only for a group with no value. */
    default Expr lastNonNull() {
        return new Agg(AggFunction.LAST, java.util.List.of(this), java.util.List.of(AggFunction.IGNORE_NULLS));
    }

    /** Number of distinct values, null counting as one value. */
    default Expr nUnique() {
        return new Agg(AggFunction.N_UNIQUE, java.util.List.of(this), java.util.List.of());
    }

    /** Median of the non-null values (mean of the middle two for an even count). */
    default Expr median() {
        return new Agg(AggFunction.MEDIAN, java.util.List.of(this), java.util.List.of());
    }

    /** Quantile {@code q} (0 to 1) by nearest rank, as Polars' default. */
    default Expr quantile(double q) {
        return quantile(q, "nearest");
    }

    /** Quantile {@code q} (0 to 1), {@code interpolation} {@code "nearest"} or {@code "linear"}. */
    default Expr quantile(double q, String interpolation) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a quantile is between 0 and 1, got " + q);
        }
        if (!interpolation.equals("nearest") && !interpolation.equals("linear")) {
            throw new IllegalArgumentException("interpolation is \"nearest\" or \"linear\", got \"" + interpolation + "\"");
        }
        return new Agg(AggFunction.QUANTILE, java.util.List.of(this), java.util.List.of(q, interpolation));
    }

    /** Sample standard deviation (ddof 1). */
    default Expr std() {
        return std(1);
    }

    /** Standard deviation dividing by {@code n - ddof}. */
    default Expr std(int ddof) {
        return new Agg(AggFunction.STD, java.util.List.of(this), java.util.List.of(ddof));
    }

    /** Sample variance (ddof 1). */
    default Expr var() {
        return var(1);
    }

    /** Variance dividing by {@code n - ddof}. */
    default Expr var(int ddof) {
        return new Agg(AggFunction.VAR, java.util.List.of(this), java.util.List.of(ddof));
    }

    /** The product of the non-null values, an {@code f64} (pandas' {@code prod()}); null over none. */
    default Expr product() {
        return new Agg(AggFunction.PRODUCT, java.util.List.of(this), java.util.List.of());
    }

    /**
     * The median absolute deviation: the median of the values' distances from their median, an
     * {@code f64} (SciPy's {@code median_abs_deviation} without scaling); null over no values.
     */
    default Expr mad() {
        return new Agg(AggFunction.MAD, java.util.List.of(this), java.util.List.of());
    }

    /**
     * The Shannon entropy of the non-null values in bits, from each distinct value's share of them
     * (SciPy's {@code entropy} of the value counts, base 2); 0 over no values.
     */
    default Expr entropy() {
        return new Agg(AggFunction.ENTROPY, java.util.List.of(this), java.util.List.of());
    }

    /** The bitwise and of the non-null integers, in their type (Polars' {@code bitwise_and()}); null over none. */
    default Expr bitwiseAnd() {
        return new Agg(AggFunction.BITWISE_AND, java.util.List.of(this), java.util.List.of());
    }

    /** The bitwise or of the non-null integers, in their type (Polars' {@code bitwise_or()}); null over none. */
    default Expr bitwiseOr() {
        return new Agg(AggFunction.BITWISE_OR, java.util.List.of(this), java.util.List.of());
    }

    /** The bitwise exclusive or of the non-null integers, in their type (Polars' {@code bitwise_xor()}); null over none. */
    default Expr bitwiseXor() {
        return new Agg(AggFunction.BITWISE_XOR, java.util.List.of(this), java.util.List.of());
    }

    /**
     * Skewness of the sample, adjusted for its size (G1, as pandas' {@code skew()}); null over
     * fewer than 3 values, NaN where they do not vary.
     */
    default Expr skew() {
        return skew(false);
    }

    /** Skewness: with {@code bias} the population's (g1, as Polars' default), else the sample's (G1). */
    default Expr skew(boolean bias) {
        return new Agg(AggFunction.SKEW, java.util.List.of(this), java.util.List.of(bias));
    }

    /**
     * Excess kurtosis of the sample, adjusted for its size (G2, as pandas' {@code kurt()}); null
     * over fewer than 4 values and where they do not vary.
     */
    default Expr kurtosis() {
        return kurtosis(false);
    }

    /** Excess kurtosis: with {@code bias} the population's (g2, as Polars' default), else the sample's (G2). */
    default Expr kurtosis(boolean bias) {
        return new Agg(AggFunction.KURT, java.util.List.of(this), java.util.List.of(bias));
    }

    /** Every value of the group, nulls included, in input order, as one list ({@code implode}). */
    default Expr list() {
        return new Agg(AggFunction.LIST, java.util.List.of(this), java.util.List.of());
    }

    /**
     * The {@code k} largest non-null values, largest first, as a list (fewer when the group has
     * fewer); NaN counts as the largest float.
     */
    default Expr topK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("topK needs k >= 0, got " + k);
        }
        return new Agg(AggFunction.TOP_K, java.util.List.of(this), java.util.List.of(k));
    }

    /**
     * This value on the row where {@code key} is smallest, over the rows where both are present
     * (the earliest row among equal keys), as SQL's {@code arg_min(x, key)}.
     */
    default Expr minBy(Expr key) {
        return new Agg(AggFunction.MIN_BY, java.util.List.of(this, key), java.util.List.of());
    }

    /** This value on the row where {@code key} is largest, as SQL's {@code arg_max(x, key)}; see {@link #minBy}. */
    default Expr maxBy(Expr key) {
        return new Agg(AggFunction.MAX_BY, java.util.List.of(this, key), java.util.List.of());
    }

    /** The most frequent non-null value; among as frequent ones, the first in input order. */
    default Expr mode() {
        return new Agg(AggFunction.MODE, java.util.List.of(this), java.util.List.of());
    }

    /**
     * How many times each distinct non-null value occurs: a map from the values, smallest first, to
     * their counts ({@code i64}); null where there is none (pandas' {@code value_counts} per group,
     * SQL's {@code histogram}).
     */
    default Expr histogram() {
        return new Agg(AggFunction.HISTOGRAM, java.util.List.of(this), java.util.List.of());
    }

    /**
     * The non-null value of rank {@code max(1, ceil(n * q))} in ascending order, in the values'
     * type (SQL's {@code quantile_disc}); {@code q} is exact, a decimal between 0 and 1.
     */
    default Expr quantileDisc(java.math.BigDecimal q) {
        if (q.signum() < 0 || q.compareTo(java.math.BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("a quantile is between 0 and 1, got " + q);
        }
        return new Agg(AggFunction.QUANTILE_DISC, java.util.List.of(this), java.util.List.of(q));
    }

    /** Position within the group (from 0) of the first smallest non-null value; NaN only if nothing else. */
    default Expr argMin() {
        return new Agg(AggFunction.ARG_MIN, java.util.List.of(this), java.util.List.of());
    }

    /** Position within the group (from 0) of the first largest non-null value; NaN only if nothing else. */
    default Expr argMax() {
        return new Agg(AggFunction.ARG_MAX, java.util.List.of(this), java.util.List.of());
    }
}
