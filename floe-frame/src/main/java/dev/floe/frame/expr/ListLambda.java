package dev.floe.frame.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A function of a list column that runs an expression (the body) over each row's elements:
 * {@code transform} gives the body's value for every element, {@code filter} keeps the elements for
 * which the body is true, {@code reduce} folds the elements from the first (or from an initial
 * value) with a body of the value so far and the next element, as SQL's {@code list_transform},
 * {@code list_filter} and {@code list_reduce}; {@code aggregate} computes aggregations of the
 * elements per list, as SQL's {@code list_aggregate} (its body an expression of aggregations of
 * the element, such as {@code sum(x) / count(x)}).
 *
 * <p>The body is an expression of its own columns: the parameters ({@code params}: the element,
 * or for {@code reduce} the value so far and the element, then optionally the element's place in
 * its list from 1, an {@code i64}) and the values it reads from its row ({@code captures}, the
 * columns or expressions of the frame the lambda stands in, which the body reads as the columns
 * {@code captureNames}, the names they had where the body was written). So a tree walk sees the
 * list, the initial value and the captures as this expression's inputs and never looks into the
 * body, whose names are not the frame's: the frame's columns may be renamed or replaced under the
 * captures and the body stays as written. The list is {@code input}: a component named {@code
 * list} would hide {@link Expr#list()}, the aggregation of a lambda's values into lists.
 */
public record ListLambda(Kind kind, Expr input, List<String> params, Expr body, Expr initial, List<Expr> captures,
        List<String> captureNames) implements Expr {

    public enum Kind {
        TRANSFORM("list_transform"), FILTER("list_filter"), REDUCE("list_reduce"), AGGREGATE("list_aggregate");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        /** How many parameters the body takes without the element's place (which may follow). */
        public int parameters() {
            return this == REDUCE ? 2 : 1;
        }
    }

    public ListLambda {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(body, "body is null");
        params = List.copyOf(params);
        captures = List.copyOf(captures);
        captureNames = List.copyOf(captureNames);
        if (captures.size() != captureNames.size()) {
            throw new IllegalArgumentException("a lambda needs a name for each capture");
        }
        for (String name : captureNames) {
            if (params.contains(name)) {
                throw new IllegalArgumentException(kind.displayName() + " has a parameter and a capture named " + name);
            }
        }
        if (params.size() != kind.parameters() && (params.size() != kind.parameters() + 1 || kind == Kind.AGGREGATE)) {
            throw new IllegalArgumentException(kind.displayName() + " takes a function of " + kind.parameters()
                    + (kind == Kind.REDUCE ? " parameters (the value so far and the element)" : " parameter (the element)")
                    + " and optionally one more (the element's place, from 1), not " + params.size());
        }
        if (params.stream().distinct().count() != params.size()) {
            throw new IllegalArgumentException(kind.displayName() + "'s parameters must have different names, not "
                    + params);
        }
        if (ExprTrees.containsWindow(body)) {
            throw new IllegalArgumentException(kind.displayName() + "'s function cannot hold a window: " + body);
        }
        if (kind == Kind.AGGREGATE) {
            requireAggregated(body, params);
        } else if (ExprTrees.containsAgg(body)) {
            throw new IllegalArgumentException(kind.displayName() + "'s function is computed for each element and "
                    + "cannot hold an aggregation: " + body);
        }
        if (initial != null && kind != Kind.REDUCE) {
            throw new IllegalArgumentException(kind.displayName() + " takes no initial value");
        }
    }

    /**
     * The lambda over {@code list} whose {@code body} names its parameters {@code params} and any
     * other column as the frame's: those columns become the captures.
     *
     * @throws IllegalArgumentException if the body holds a window, or an aggregation where the
     *     kind is not {@code AGGREGATE} (a lambda's body is computed per element, not over rows);
     *     or, for {@code AGGREGATE}, none, or the element read outside one
     */
    public static ListLambda of(Kind kind, Expr list, List<String> params, Expr body, Expr initial) {
        java.util.Set<String> captured = new java.util.LinkedHashSet<>();
        ExprTrees.rewrite(body, e -> {
            if (e instanceof Col col && !params.contains(col.name())) {
                captured.add(col.name());
            }
            return e;
        });
        List<Expr> captures = new ArrayList<>();
        for (String name : captured) {
            captures.add(new Col(name));
        }
        return new ListLambda(kind, list, params, body, initial, captures, List.copyOf(captured));
    }

    /** An aggregate's body: aggregations of the elements, and only inside them the element. */
    private static void requireAggregated(Expr body, List<String> params) {
        if (!ExprTrees.containsAgg(body)) {
            throw new IllegalArgumentException("list_aggregate needs an aggregation of the elements, not " + body);
        }
        Expr outside = ExprTrees.rewrite(body, e -> e instanceof Agg ? Exprs.lit(null) : e);
        for (String column : ExprTrees.columns(outside)) {
            if (params.contains(column)) {
                throw new IllegalArgumentException("list_aggregate reads the element only inside an aggregation: "
                        + body);
            }
        }
    }

    /** Whether the body reads the element's place in its list (a last parameter). */
    public boolean readsIndex() {
        return params.size() > kind.parameters();
    }

    /** The inputs a tree walk sees: the list, the initial value if any, the captures. */
    List<Expr> inputs() {
        List<Expr> inputs = new ArrayList<>();
        inputs.add(input);
        if (initial != null) {
            inputs.add(initial);
        }
        inputs.addAll(captures);
        return inputs;
    }

    /** This lambda with its inputs (in the order of {@link #inputs()}) replaced. */
    ListLambda withInputs(List<Expr> inputs) {
        int at = 0;
        Expr newList = inputs.get(at++);
        Expr newInitial = initial == null ? null : inputs.get(at++);
        return new ListLambda(kind, newList, params, body, newInitial, inputs.subList(at, inputs.size()), captureNames);
    }

    @Override
    public String outputName() {
        return input.outputName();
    }

    @Override
    public String toString() {
        return kind.displayName() + "(" + input + ", (" + String.join(", ", params) + ") -> " + body
                + (initial == null ? "" : ", " + initial) + ")";
    }
}
