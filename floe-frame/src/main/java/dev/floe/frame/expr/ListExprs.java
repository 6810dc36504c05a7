package dev.floe.frame.expr;

import java.util.List;
import java.util.Objects;

/**
 * The functions of a list column, one value per row: {@code col("xs").lst().len()}. A null list
 * gives null (except for {@code len}, which gives null too). The reductions ({@code sum},
 * {@code mean}, {@code min}, {@code max}) follow the aggregations of the same names, run over
 * each row's elements: the sum of an empty list is 0, its mean, min and max are null.
 */
public final class ListExprs {
    private final Expr input;

    ListExprs(Expr input) {
        this.input = input;
    }

    /** The number of elements, nulls included ({@code i32}). */
    public Expr len() {
        return call(ScalarFunction.LIST_LEN);
    }

    /** The element at {@code index} (from 0; negative counts from the end); null when out of range. */
    public Expr get(int index) {
        return call(ScalarFunction.LIST_GET, index);
    }

    public Expr first() {
        return get(0);
    }

    public Expr last() {
        return get(-1);
    }

    public Expr sum() {
        return call(ScalarFunction.LIST_SUM);
    }

    public Expr mean() {
        return call(ScalarFunction.LIST_MEAN);
    }

    public Expr min() {
        return call(ScalarFunction.LIST_MIN);
    }

    public Expr max() {
        return call(ScalarFunction.LIST_MAX);
    }

    /**
     * Where the first element equal to {@code value} is, from 1 (an {@code i32}; the first null
     * element where {@code value} is null, as SQL's {@code list_position}); null where none is.
     */
    public Expr position(Object value) {
        return value == null ? call(ScalarFunction.LIST_POSITION) : call(ScalarFunction.LIST_POSITION, value);
    }

    /** Whether an element equals {@code value} (compared as {@code eq} compares). */
    public Expr contains(Object value) {
        return call(ScalarFunction.LIST_CONTAINS, Objects.requireNonNull(value, "value is null"));
    }

    /**
     * The elements in order: numbers by value (NaN the largest), text by code point, nulls first
     * or last as asked; the order of equal elements kept.
     */
    public Expr sort(boolean descending, boolean nullsLast) {
        return call(ScalarFunction.LIST_SORT, descending, nullsLast);
    }

    /** The elements ascending, nulls last (DuckDB's {@code list_sort}). */
    public Expr sort() {
        return sort(false, true);
    }

    /** The elements in reverse order. */
    public Expr reverse() {
        return call(ScalarFunction.LIST_REVERSE);
    }

    /**
     * A list of lists made one list: the inner lists' elements one after another, null inner lists
     * passed over (DuckDB's {@code flatten}, Polars' {@code list.eval(element().explode())}).
     */
    public Expr flatten() {
        return call(ScalarFunction.LIST_FLATTEN);
    }

    /**
     * A list of structs of two fields made a map, the first field the key, the second the value
     * (DuckDB's {@code map_from_entries}); a null entry or key, or a key given twice, fails naming the row.
     */
    public Expr toMap() {
        return call(ScalarFunction.MAP_FROM_ENTRIES);
    }

    /** The distinct elements that are not null, in order of first appearance (NaN equals NaN). */
    public Expr distinct() {
        return call(ScalarFunction.LIST_DISTINCT);
    }

    /** How many distinct elements that are not null the list holds ({@code i64}). */
    public Expr nUnique() {
        return call(ScalarFunction.LIST_N_UNIQUE);
    }

    /** The text elements joined with {@code separator}, null elements left out. */
    public Expr join(String separator) {
        return call(ScalarFunction.LIST_JOIN, Objects.requireNonNull(separator, "separator is null"));
    }

    /**
     * The elements {@code from} through {@code to}, counted from 1 and both included, as SQL's
     * {@code l[from:to]} and DuckDB's {@code list_slice}: a negative bound counts from the end
     * ({@code -1} is the last element), a start of 0 or before the list is its first element, an
     * end past the list its last, an end before the start gives an empty list, and a null bound
     * (or list) a null list. The bounds are whole numbers or expressions of them, one per row:
     * {@code col("xs").lst().slice(2, -1)} drops the first element, {@code slice(1, col("n"))}
     * keeps the first {@code n}.
     */
    public Expr slice(Object from, Object to) {
        return new MultiCall(ScalarFunction.LIST_SLICE, List.of(input, Exprs.wrap(from), Exprs.wrap(to)), List.of());
    }

    /**
     * The list cut or padded with nulls to {@code size} elements, as DuckDB's {@code list_resize}:
     * {@code col("xs").lst().resize(3)}. The size is a whole number or an expression of one per
     * row; a null size gives an empty list, a null list stays null, a negative size fails naming the row.
     */
    public Expr resize(Object size) {
        return new MultiCall(ScalarFunction.LIST_RESIZE, List.of(input, Exprs.wrap(size)), List.of());
    }

    /**
     * The list cut or padded to {@code size} elements with {@code fill}, which has the elements' type
     * (a null fill pads with nulls): {@code col("xs").lst().resize(5, 0L)} for a list of {@code i64}.
     */
    public Expr resize(Object size, Object fill) {
        return new MultiCall(ScalarFunction.LIST_RESIZE, List.of(input, Exprs.wrap(size), Exprs.wrap(fill)), List.of());
    }

    /**
     * The elements at {@code places}, a list of whole numbers counted from 1 (an expression, one list
     * per row), as DuckDB's {@code list_select}: null for a place out of the list, 0 or below; null
     * where either list is; a null place fails naming the row.
     */
    public Expr select(Object places) {
        return new MultiCall(ScalarFunction.LIST_SELECT, List.of(input, Exprs.wrap(places)), List.of());
    }

    /** The sum of the products of this list's and {@code other}'s elements, pair by pair (vectors of one length). */
    public Expr dot(Object other) {
        return measure("inner_product", other);
    }

    /**
     * The cosine of the angle between this list and {@code other} as vectors, from -1 to 1; null
     * where either has no length (all zeros, or empty).
     */
    public Expr cosineSimilarity(Object other) {
        return measure("cosine_similarity", other);
    }

    /** The Euclidean distance between this list and {@code other} as points. */
    public Expr distance(Object other) {
        return measure("euclidean_distance", other);
    }

    /**
     * A measure of this list and {@code other} as vectors of numbers, of one length: {@code inner_product},
     * {@code negative_inner_product}, {@code cosine_similarity}, {@code cosine_distance} (1 minus the
     * similarity) or {@code euclidean_distance}; an {@code f64}. A null element, or lists of other
     * lengths, fail naming the row.
     */
    public Expr measure(String measure, Object other) {
        if (!List.of("inner_product", "negative_inner_product", "cosine_similarity", "cosine_distance",
                "euclidean_distance").contains(measure)) {
            throw new IllegalArgumentException("unknown measure '" + measure + "'; the measures are inner_product, "
                    + "negative_inner_product, cosine_similarity, cosine_distance and euclidean_distance");
        }
        return new MultiCall(ScalarFunction.LIST_MEASURE, List.of(input, Exprs.wrap(other)), List.of(measure));
    }

    /**
     * This list's elements followed by those of each of {@code others} (lists of the same type),
     * as DuckDB's {@code list_concat}: a null list adds nothing, so the result is never null (an
     * empty list where every list is null).
     */
    public Expr concat(Object... others) {
        List<Expr> inputs = new java.util.ArrayList<>();
        inputs.add(input);
        for (Object other : others) {
            inputs.add(Exprs.wrap(other));
        }
        return new MultiCall(ScalarFunction.LIST_CONCAT, inputs, List.of());
    }

    /**
     * The distinct elements of this list that are not null and that {@code other} (a list of the
     * same type) holds too, in this list's order (DuckDB fixes none), as {@code list_intersect}: null where
     * this list is null, empty where {@code other} is.
     */
    public Expr intersect(Object other) {
        return new MultiCall(ScalarFunction.LIST_INTERSECT, List.of(input, Exprs.wrap(other)), List.of());
    }

    // ---- functions of the elements ----------------------------------------------------------

    /**
     * Each element replaced by {@code function} of it, as SQL's {@code list_transform}:
     * {@code col("xs").lst().transform(x -> x.mul(2))}. The function may read the row's other
     * columns ({@code x -> x.add(col("k"))}) and hold functions of other lists; a null list stays
     * null, a null element is what the function makes of null.
     */
    public Expr transform(java.util.function.UnaryOperator<Expr> function) {
        return lambda(ListLambda.Kind.TRANSFORM, List.of("element"), names -> function.apply(names.get(0)), null);
    }

    /** Like {@link #transform(java.util.function.UnaryOperator)}, the function also given the element's place, from 1 (an {@code i64}). */
    public Expr transform(java.util.function.BinaryOperator<Expr> function) {
        return lambda(ListLambda.Kind.TRANSFORM, List.of("element", "index"),
                names -> function.apply(names.get(0), names.get(1)), null);
    }

    /**
     * The elements for which {@code condition} is true (not false or null), in order, as SQL's
     * {@code list_filter}: {@code col("xs").lst().filter(x -> x.gt(0))}.
     */
    public Expr filter(java.util.function.UnaryOperator<Expr> condition) {
        return lambda(ListLambda.Kind.FILTER, List.of("element"), names -> condition.apply(names.get(0)), null);
    }

    /** Like {@link #filter(java.util.function.UnaryOperator)}, the condition also given the element's place, from 1. */
    public Expr filter(java.util.function.BinaryOperator<Expr> condition) {
        return lambda(ListLambda.Kind.FILTER, List.of("element", "index"),
                names -> condition.apply(names.get(0), names.get(1)), null);
    }

    /**
     * The elements folded from the first: {@code function} of the value so far and the next
     * element, as SQL's {@code list_reduce}: {@code col("xs").lst().reduce((acc, x) -> acc.add(x))}.
     * The value keeps the elements' type (each step's value is cast to it); a null list gives null
     * and an empty one fails (give an initial value for lists that may be empty).
     */
    public Expr reduce(java.util.function.BinaryOperator<Expr> function) {
        return lambda(ListLambda.Kind.REDUCE, List.of("acc", "element"),
                names -> function.apply(names.get(0), names.get(1)), null);
    }

    /**
     * The elements folded from {@code initial} (a value or an expression of the row): an empty
     * list gives {@code initial}. The value so far takes the type both the initial value and the
     * elements fit.
     */
    public Expr reduce(Object initial, java.util.function.BinaryOperator<Expr> function) {
        return lambda(ListLambda.Kind.REDUCE, List.of("acc", "element"),
                names -> function.apply(names.get(0), names.get(1)), Exprs.wrap(initial));
    }

    /**
     * Aggregations of each list's elements, as a group-by computes them over a group's rows:
     * {@code col("xs").lst().agg(x -> x.median())}, {@code agg(x -> x.max().sub(x.min()))}; as SQL's
     * {@code list_aggregate}. The function's expression reads the element only inside its
     * aggregations; a null list gives null, an empty one what the aggregation gives for no rows.
     */
    public Expr agg(java.util.function.UnaryOperator<Expr> aggregation) {
        return lambda(ListLambda.Kind.AGGREGATE, List.of("element"), names -> aggregation.apply(names.get(0)), null);
    }

    /**
     * A lambda whose body {@code function} makes from its parameters' columns. The parameters need
     * names that no column the body reads has (nor a parameter of a lambda inside it), or the body
     * would read the one as the other: the function is called once with names no query writes,
     * to see the names the body holds, then with {@code @element}, {@code @acc} and {@code @index}
     * (numbered on where those are taken).
     */
    private Expr lambda(ListLambda.Kind kind, List<String> bases,
            java.util.function.Function<List<Expr>, Expr> function, Expr initial) {
        List<Expr> probes = new java.util.ArrayList<>();
        for (String base : bases) {
            probes.add(new Col("\u0000probe " + base));
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        namesIn(function.apply(probes), taken);
        List<String> params = new java.util.ArrayList<>();
        List<Expr> columns = new java.util.ArrayList<>();
        for (String base : bases) {
            String name = "@" + base;
            for (int n = 1; taken.contains(name); n++) {
                name = "@" + base + n;
            }
            taken.add(name);
            params.add(name);
            columns.add(new Col(name));
        }
        return ListLambda.of(kind, input, params, function.apply(columns), initial);
    }

    /** Every column name {@code expr} reads, inside lambdas' bodies too, and their parameters' names. */
    private static void namesIn(Expr expr, java.util.Set<String> names) {
        if (expr instanceof Col col) {
            names.add(col.name());
        }
        if (expr instanceof ListLambda lambda) {
            names.addAll(lambda.params());
            names.addAll(lambda.captureNames());
            namesIn(lambda.body(), names);
        }
        for (Expr child : ExprTrees.children(expr)) {
            namesIn(child, names);
        }
    }

    private Expr call(ScalarFunction function, Object... parameters) {
        return new Call(function, input, List.of(parameters));
    }
}
