package dev.floe.frame.plan;

import dev.floe.frame.expr.Binary;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.Unary;
import dev.floe.frame.expr.UnaryOperator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a plan's output that can never hold a null, known for certain (unlike {@link
 * Estimates}, which only guess): a rewrite that is exact only without nulls may rely on them. An
 * in-memory frame's columns that have no null; what a filter's comparisons require to be set (a
 * comparison with a null is null, and the row goes); the key columns of an inner or semi join
 * (a null key matches nothing); columns carried on as they are by projections, joins, sorts,
 * group keys. Anything else is not known, and not listed.
 */
public final class NonNull {
    private NonNull() {}

    /** The names of {@code node}'s output columns that hold no null. */
    public static Set<String> columns(PlanNode node) {
        return columns(node, new IdentityHashMap<>());
    }

    private static Set<String> columns(PlanNode node, Map<PlanNode, Set<String>> known) {
        Set<String> done = known.get(node);
        if (done != null) {
            return done;
        }
        Set<String> out = new HashSet<>();
        switch (node) {
            case Scan scan -> {
                for (String name : scan.schema().names()) {
                    if (scan.frame().column(name).nullCount() == 0) {
                        out.add(name);
                    }
                }
            }
            case Filter filter -> {
                out.addAll(columns(filter.input(), known));
                required(filter.predicate(), out);
            }
            case Select select -> carried(select.exprs(), columns(select.input(), known), out);
            case WithColumns with -> {
                Set<String> input = columns(with.input(), known);
                out.addAll(input);
                for (Expr expr : with.exprs()) {
                    out.remove(expr.outputName());
                }
                carried(with.exprs(), input, out);
            }
            case Join join -> joined(join, columns(join.left(), known), columns(join.right(), known), out);
            case Aggregate aggregate -> carried(aggregate.keys(), columns(aggregate.input(), known), out);
            case Sort sort -> out.addAll(columns(sort.input(), known));
            case TopK top -> out.addAll(columns(top.input(), known));
            case Slice slice -> out.addAll(columns(slice.input(), known));
            case Unique unique -> out.addAll(columns(unique.input(), known));
            case WithRowIndex index -> {
                out.addAll(columns(index.input(), known));
                out.add(index.name());
            }
            default -> {
                // not known
            }
        }
        known.put(node, out);
        return out;
    }

    /** The output names of {@code exprs} that read a column of {@code input} as it is (under another name or not). */
    private static void carried(List<Expr> exprs, Set<String> input, Set<String> out) {
        for (Expr expr : exprs) {
            String column = ExprTrees.plainColumn(expr);
            if (column != null && input.contains(column)) {
                out.add(expr.outputName());
            }
        }
    }

    /** The columns a row must hold (not null) for {@code predicate} to be true. */
    private static void required(Expr predicate, Set<String> out) {
        switch (predicate) {
            case Binary binary when binary.operator() == dev.floe.frame.expr.BinaryOperator.AND -> {
                required(binary.left(), out);
                required(binary.right(), out);
            }
            case Binary binary when comparison(binary) -> {
                column(binary.left(), out);
                column(binary.right(), out);
            }
            case Unary unary when unary.operator() == UnaryOperator.NOT && unary.input() instanceof Binary binary
                    && comparison(binary) -> {
                column(binary.left(), out);
                column(binary.right(), out);
            }
            case Unary unary when unary.operator() == UnaryOperator.IS_NOT_NULL -> column(unary.input(), out);
            default -> {
                // nothing certain
            }
        }
    }

    private static boolean comparison(Binary binary) {
        return switch (binary.operator()) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }

    private static void column(Expr expr, Set<String> out) {
        if (expr instanceof Col col) {
            out.add(col.name());
        }
    }

    private static void joined(Join join, Set<String> left, Set<String> right, Set<String> out) {
        JoinType how = join.how();
        if (how == JoinType.RIGHT || how == JoinType.FULL) {
            return; // either side's columns may be filled with nulls
        }
        out.addAll(left);
        if (how == JoinType.INNER || how == JoinType.SEMI) {
            out.addAll(join.leftOn()); // a null key matches nothing
        }
        if (how == JoinType.INNER || how == JoinType.CROSS) {
            // the right side's columns after the left's, the join's own names in order
            int leftColumns = join.left().schema().size();
            List<String> names = join.schema().names();
            int at = leftColumns;
            for (String name : join.right().schema().names()) {
                if (join.rightOn().contains(name)) {
                    continue; // not in the output
                }
                if (right.contains(name)) {
                    out.add(names.get(at));
                }
                at++;
            }
        }
    }
}
