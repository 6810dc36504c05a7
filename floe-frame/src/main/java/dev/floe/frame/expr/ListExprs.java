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

    private Expr call(ScalarFunction function, Object... parameters) {
        return new Call(function, input, List.of(parameters));
    }
}
