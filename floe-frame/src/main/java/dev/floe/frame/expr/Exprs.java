package dev.floe.frame.expr;

import dev.floe.frame.DataType;
import java.util.List;
import java.util.Objects;

/**
 * The expression DSL's entry points, meant for a static import:
 * {@code import static dev.floe.frame.expr.Exprs.*;}
 */
public final class Exprs {
    private Exprs() {}

    /** The column {@code name}. */
    public static Expr col(String name) {
        return new Col(name);
    }

    /** Several columns at once; an expression on them stands for one expression per column. */
    public static Columns cols(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("cols needs at least one name; all() takes every column");
        }
        return new Columns(List.of(names), List.of());
    }

    /** Every column (less those {@link Columns#exclude excluded}). */
    public static Columns all() {
        return new Columns(List.of(), List.of());
    }

    /**
     * The expressions with every {@link Columns} expanded: an expression over {@code cols(a, b)}
     * becomes the same expression over {@code a} and over {@code b}, in that order.
     *
     * @param available the columns {@code all()} stands for
     */
    public static List<Expr> expand(List<Expr> exprs, List<String> available) {
        List<Expr> expanded = new java.util.ArrayList<>();
        for (Expr expr : exprs) {
            Columns columns = find(expr);
            if (columns == null) {
                expanded.add(expr);
                continue;
            }
            List<String> names = columns.names().isEmpty() ? available : columns.names();
            for (String name : names) {
                if (columns.except().contains(name)) {
                    continue;
                }
                expanded.addAll(expand(List.of(ExprTrees.rewrite(expr,
                        node -> node.equals(columns) ? new Col(name) : node)), available));
            }
        }
        return expanded;
    }

    private static Columns find(Expr expr) {
        if (expr instanceof Columns columns) {
            return columns;
        }
        for (Expr child : ExprTrees.children(expr)) {
            Columns found = find(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A constant; its type is inferred from the Java value (numbers adapt to the column they meet). */
    public static Expr lit(Object value) {
        return Lit.of(value);
    }

    /** A constant of type {@code type}. */
    public static Expr lit(Object value, DataType type) {
        return Lit.of(value, Objects.requireNonNull(type, "type is null"));
    }

    /** The start of {@code when(condition).then(value).otherwise(other)}. */
    public static When.Pending when(Object condition) {
        return new When.Pending(null, wrap(condition));
    }

    /** The number of rows (of the group, in {@code agg}; of the frame, in {@code select}). */
    /** Window only: the row's position in its partition's order, from 1 ({@code rowNumber().over("k").orderBy("t")}). */
    public static Expr rowNumber() {
        return new Agg(AggFunction.ROW_NUMBER, List.of(), List.of());
    }

    /** Window only: 1 plus the number of rows ordered strictly before (ties share a rank; gaps follow ties). */
    public static Expr rank() {
        return new Agg(AggFunction.RANK, List.of(), List.of());
    }

    /** Window only: 1 plus the number of distinct order values before the row (no gaps). */
    public static Expr denseRank() {
        return new Agg(AggFunction.DENSE_RANK, List.of(), List.of());
    }

    public static Expr len() {
        return new Agg(AggFunction.LEN, List.of(), List.of());
    }

    /** Pearson correlation of {@code a} and {@code b} over the rows where both are present. */
    public static Expr corr(Expr a, Expr b) {
        return new Agg(AggFunction.CORR, List.of(a, b), List.of());
    }

    /**
     * Covariance of {@code a} and {@code b} over the rows where both are present, with {@code ddof}
     * (1 the sample's, as pandas' {@code cov}; 0 the population's); null over no more than ddof pairs.
     */
    public static Expr cov(Expr a, Expr b, int ddof) {
        if (ddof < 0) {
            throw new IllegalArgumentException("ddof must be 0 or more, got " + ddof);
        }
        return new Agg(AggFunction.COVAR, List.of(a, b), List.of(ddof));
    }

    /**
     * The date of a year, a month and a day (integers, or values that become them): null where any is
     * null; a day that does not exist (2023-02-29, month 13) fails, as DuckDB's {@code make_date}.
     */
    public static Expr makeDate(Object year, Object month, Object day) {
        return new MultiCall(ScalarFunction.MAKE_DATE, List.of(wrap(year), wrap(month), wrap(day)), List.of());
    }

    /** The time of day of {@code hours} (0 to 23), {@code minutes} (0 to 59) and {@code seconds} (0 to 60, to the microsecond). */
    public static Expr makeTime(Object hours, Object minutes, Object seconds) {
        return new MultiCall(ScalarFunction.MAKE_TIME, List.of(wrap(hours), wrap(minutes), wrap(seconds)), List.of());
    }

    /** An expression as it is; any other value as a literal. */
    static Expr wrap(Object value) {
        return value instanceof Expr expr ? expr : Lit.of(value);
    }

    /** One list per row holding the values of {@code values} (all of one type), as SQL's {@code [a, b, c]}. */
    public static Expr listOf(Expr... values) {
        return new MultiCall(ScalarFunction.LIST_VALUE, java.util.List.of(values), java.util.List.of());
    }

    /**
     * A random {@code f64} in [0, 1) per row (SQL's {@code random()}), drawn from a generator seeded
     * with a seed of its own, chosen now: the same plan run again on one thread draws the same values.
     */
    public static Expr random() {
        return random(new java.util.SplittableRandom().nextLong());
    }

    /**
     * A random {@code f64} in [0, 1) per row, from a generator seeded with {@code seed}: the same seed,
     * thread count and morsel size give the same values (as {@code df.sample(n, seed)} does).
     */
    public static Expr random(long seed) {
        return new MultiCall(ScalarFunction.RANDOM, List.of(), List.of(seed));
    }

    /** A random version-4 UUID per row, as text ({@code 8-4-4-4-12} lower-case hexadecimal digits). */
    public static Expr uuid() {
        return new MultiCall(ScalarFunction.UUID, List.of(), List.of(new java.util.SplittableRandom().nextLong()));
    }

    /**
     * Per row, the struct of {@code fields}' values, each field named as its expression's output
     * ({@code struct(col("x"), col("y").alias("name"))}), as Polars' {@code pl.struct}; never null
     * itself. Names given twice fail.
     */
    public static Expr struct(Expr... fields) {
        List<Object> names = new java.util.ArrayList<>();
        for (Expr field : fields) {
            names.add(field.outputName());
        }
        return new MultiCall(ScalarFunction.STRUCT_PACK, List.of(fields), names);
    }

    /**
     * Per row, the map of each element of the list {@code keys} to the element in its place in the
     * list {@code values} (SQL's {@code map(keys, values)}); null where either list is null. A null
     * key, a key given twice, or lists of other lengths fail naming the row.
     */
    public static Expr mapOf(Object keys, Object values) {
        return new MultiCall(ScalarFunction.MAP_FROM_LISTS, List.of(wrap(keys), wrap(values)), List.of());
    }

    /**
     * Per row, the list {@code start, start + step, ...} of the values before {@code stop} (with
     * {@code inclusive}, up to and including it), an {@code i64} list: Python's
     * {@code list(range(start, stop, step))}; empty where the step is 0 or leads away from stop.
     */
    public static Expr range(Object start, Object stop, Object step, boolean inclusive) {
        return new MultiCall(ScalarFunction.LIST_RANGE, List.of(wrap(start), wrap(stop), wrap(step)), List.of(inclusive));
    }

    /** Per row, the list of whole numbers from {@code start} up to {@code stop} (not included). */
    public static Expr range(Object start, Object stop) {
        return range(start, stop, 1L, false);
    }
}
