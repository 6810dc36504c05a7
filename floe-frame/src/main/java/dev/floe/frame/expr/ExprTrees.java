package dev.floe.frame.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Walking and rewriting expression trees. */
public final class ExprTrees {
    private ExprTrees() {}

    /** The expressions {@code expr} is made of. */
    public static List<Expr> children(Expr expr) {
        return switch (expr) {
            case Col col -> List.of();
            case Lit lit -> List.of();
            case Columns columns -> List.of();
            case Alias alias -> List.of(alias.input());
            case Unary unary -> List.of(unary.input());
            case Binary binary -> List.of(binary.left(), binary.right());
            case Cast cast -> List.of(cast.input());
            case FillNull fill -> List.of(fill.input(), fill.fill());
            case Agg agg -> agg.inputs();
            case Call call -> List.of(call.input());
            case MultiCall call -> call.inputs();
            case ListLambda lambda -> lambda.inputs();
            case Cut cut -> List.of(cut.input());
            case Over over -> {
                List<Expr> all = new ArrayList<>(over.partitionBy());
                all.add(0, over.expr());
                for (dev.floe.frame.plan.SortKey key : over.orderBy()) {
                    all.add(key.expr());
                }
                yield all;
            }
            case When when -> {
                List<Expr> all = new ArrayList<>();
                for (When.Branch branch : when.branches()) {
                    all.add(branch.condition());
                    all.add(branch.value());
                }
                all.add(when.otherwise());
                yield all;
            }
        };
    }

    /** Whether an aggregation appears in {@code expr} outside a window ({@code over}). */
    public static boolean containsAgg(Expr expr) {
        if (expr instanceof Agg) {
            return true;
        }
        if (expr instanceof Over) {
            return false; // an aggregation over a window gives a value per row
        }
        for (Expr child : children(expr)) {
            if (containsAgg(child)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code expr} needs whole columns to compute a row: a window, or bins from the data. */
    public static boolean containsWindow(Expr expr) {
        if (expr instanceof Over || expr instanceof Cut cut && cut.dependsOnData()) {
            return true;
        }
        for (Expr child : children(expr)) {
            if (containsWindow(child)) {
                return true;
            }
        }
        return false;
    }

    /** The columns {@code expr} reads, in order of appearance, without repeats. */
    public static List<String> columns(Expr expr) {
        List<String> names = new ArrayList<>();
        collectColumns(expr, names);
        return names;
    }

    /** The column {@code expr} reads as it is, under any alias ({@code col("a").alias("b")}: {@code a}), else null. */
    public static String plainColumn(Expr expr) {
        Expr inner = expr;
        while (inner instanceof Alias alias) {
            inner = alias.input();
        }
        return inner instanceof Col col ? col.name() : null;
    }

    private static void collectColumns(Expr expr, List<String> names) {
        if (expr instanceof Col col && !names.contains(col.name())) {
            names.add(col.name());
        }
        for (Expr child : children(expr)) {
            collectColumns(child, names);
        }
    }

    /**
     * {@code expr} rebuilt bottom-up, each node passed through {@code rewrite} after its children
     * were rewritten; {@code rewrite} returns the node itself to keep it.
     */
    /** The columns {@code expr} reads other than inside its aggregations (and windows). */
    public static List<String> columnsOutsideAggs(Expr expr) {
        if (expr instanceof Agg || expr instanceof Over) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (expr instanceof Col col) {
            names.add(col.name());
        }
        for (Expr child : children(expr)) {
            names.addAll(columnsOutsideAggs(child));
        }
        return names;
    }

    /**
     * {@code expr} with each aggregation outside a window made a window over all rows, so that
     * {@code col("x").sub(col("x").mean())} gives every row its own value less the mean.
     */
    public static Expr broadcastAggs(Expr expr) {
        Map<String, Expr> windows = new HashMap<>();
        Expr hidden = rewrite(expr, e -> {
            if (e instanceof Over over) {
                String name = "__floe_broadcast_hidden_" + windows.size();
                windows.put(name, over);
                return new Col(name);
            }
            return e;
        });
        Expr wrapped = rewrite(hidden, e -> e instanceof Agg ? new Over(e, List.of()) : e);
        return rewrite(wrapped, e -> e instanceof Col col && windows.containsKey(col.name()) ? windows.get(col.name()) : e);
    }

    public static Expr rewrite(Expr expr, Function<Expr, Expr> rewrite) {
        Expr rebuilt = switch (expr) {
            case Col col -> col;
            case Lit lit -> lit;
            case Columns columns -> columns;
            case Alias alias -> new Alias(rewrite(alias.input(), rewrite), alias.name());
            case Unary unary -> new Unary(unary.operator(), rewrite(unary.input(), rewrite));
            case Binary binary -> new Binary(binary.operator(), rewrite(binary.left(), rewrite),
                    rewrite(binary.right(), rewrite));
            case Cast cast -> new Cast(rewrite(cast.input(), rewrite), cast.type(), cast.strict());
            case FillNull fill -> new FillNull(rewrite(fill.input(), rewrite), rewrite(fill.fill(), rewrite));
            case Agg agg -> new Agg(agg.function(), agg.inputs().stream().map(i -> rewrite(i, rewrite)).toList(),
                    agg.parameters());
            case Call call -> new Call(call.function(), rewrite(call.input(), rewrite), call.parameters());
            case MultiCall call -> new MultiCall(call.function(),
                    call.inputs().stream().map(i -> rewrite(i, rewrite)).toList(), call.parameters());
            case ListLambda lambda -> lambda.withInputs(lambda.inputs().stream().map(i -> rewrite(i, rewrite)).toList());
            case Cut cut -> new Cut(rewrite(cut.input(), rewrite), cut.breaks(), cut.bins(), cut.quantiles(), cut.labels());
            case Over over -> new Over(rewrite(over.expr(), rewrite),
                    over.partitionBy().stream().map(k -> rewrite(k, rewrite)).toList(),
                    over.orderBy().stream().map(k -> new dev.floe.frame.plan.SortKey(rewrite(k.expr(), rewrite),
                            k.descending(), k.placeNullsLast())).toList(), over.frame());
            case When when -> {
                List<When.Branch> branches = new ArrayList<>();
                for (When.Branch branch : when.branches()) {
                    branches.add(new When.Branch(rewrite(branch.condition(), rewrite), rewrite(branch.value(), rewrite)));
                }
                yield new When(branches, rewrite(when.otherwise(), rewrite));
            }
        };
        return rewrite.apply(rebuilt);
    }

    /** The parts of a predicate joined by AND ({@code a AND (b AND c)} gives a, b, c); the predicate itself otherwise. */
    public static List<Expr> conjuncts(Expr predicate) {
        List<Expr> parts = new java.util.ArrayList<>();
        if (predicate instanceof Binary binary && binary.operator() == BinaryOperator.AND) {
            parts.addAll(conjuncts(binary.left()));
            parts.addAll(conjuncts(binary.right()));
        } else {
            parts.add(predicate);
        }
        return parts;
    }

    /** The parts joined by AND (at least one part). */
    public static Expr and(List<Expr> parts) {
        Expr all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = new Binary(BinaryOperator.AND, all, parts.get(i));
        }
        return all;
    }

    /**
     * Whether {@code expr} calls {@code random()}, {@code uuid()} or a sequence anywhere, lambdas' bodies included
     * (a lambda over a constant list still draws for each row).
     */
    public static boolean drawsRandom(Expr expr) {
        if (expr instanceof MultiCall call && (call.function() == ScalarFunction.RANDOM
                || call.function() == ScalarFunction.UUID || call.function() == ScalarFunction.NEXTVAL
                || call.function() == ScalarFunction.CURRVAL)) {
            return true;
        }
        if (expr instanceof ListLambda lambda && drawsRandom(lambda.body())) {
            return true;
        }
        for (Expr child : children(expr)) {
            if (drawsRandom(child)) {
                return true;
            }
        }
        return false;
    }
}
