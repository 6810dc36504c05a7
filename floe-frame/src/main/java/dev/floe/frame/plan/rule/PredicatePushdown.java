package dev.floe.frame.plan.rule;

import dev.floe.frame.expr.Binary;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.WithColumns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves filters toward the data, so that fewer rows flow through the rest of the plan: below a
 * {@code select} or {@code withColumns} that passes the filtered columns through unchanged, below
 * a sort, below an aggregation when only keys are filtered, and into the sides of a join (the
 * left side of inner, left, semi and anti joins; the right side of inner and right joins), and
 * into file scans, which filter rows as they read them.
 * Conjunctions ({@code a & b}) are split so each part goes as far as it can; adjacent filters are
 * merged.
 */
public final class PredicatePushdown implements Rule {
    @Override
    public PlanNode apply(PlanNode plan) {
        return Rule.transformUp(plan, this::push);
    }

    private PlanNode push(PlanNode node) {
        if (!(node instanceof Filter filter)) {
            return node;
        }
        PlanNode input = filter.input();
        List<Expr> conjuncts = conjuncts(filter.predicate());
        return switch (input) {
            case Filter below -> push(new Filter(below.input(), and(List.of(below.predicate(), filter.predicate()))));
            case Sort sort -> sort.withInputs(List.of(push(new Filter(sort.input(), filter.predicate()))));
            case Select select when passesThrough(select.exprs(), columnsOf(filter.predicate())) ->
                    select.withInputs(List.of(push(new Filter(select.input(), filter.predicate()))));
            case WithColumns with when computes(with.exprs()).stream().noneMatch(columnsOf(filter.predicate())::contains) ->
                    with.withInputs(List.of(push(new Filter(with.input(), filter.predicate()))));
            case Aggregate aggregate -> intoAggregate(filter, aggregate, conjuncts);
            case dev.floe.frame.plan.FileScan file when file.limit() < 0 && !ExprTrees.containsWindow(filter.predicate())
                    && !ExprTrees.containsAgg(filter.predicate()) -> new dev.floe.frame.plan.FileScan(file.source(),
                    file.projection(), -1, file.predicate() == null ? filter.predicate()
                            : and(List.of(file.predicate(), filter.predicate())));
            case Join join -> intoJoin(filter, join, conjuncts);
            default -> filter;
        };
    }

    private PlanNode intoAggregate(Filter filter, Aggregate aggregate, List<Expr> conjuncts) {
        Set<String> keys = new HashSet<>();
        for (Expr key : aggregate.keys()) {
            if (key instanceof Col col) {
                keys.add(col.name());
            }
        }
        List<Expr> below = new ArrayList<>();
        List<Expr> above = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            // a conjunct on no column at all must stay: below a global aggregation it would empty
            // the input, which still gives one row
            Set<String> columns = columnsOf(conjunct);
            (!columns.isEmpty() && keys.containsAll(columns) ? below : above).add(conjunct);
        }
        if (below.isEmpty()) {
            return filter;
        }
        PlanNode pushed = aggregate.withInputs(List.of(push(new Filter(aggregate.input(), and(below)))));
        return above.isEmpty() ? pushed : new Filter(pushed, and(above));
    }

    private PlanNode intoJoin(Filter filter, Join join, List<Expr> conjuncts) {
        JoinType how = join.how();
        boolean toLeft = how == JoinType.INNER || how == JoinType.LEFT || how == JoinType.SEMI || how == JoinType.ANTI
                || how == JoinType.CROSS;
        boolean toRight = how == JoinType.INNER || how == JoinType.RIGHT || how == JoinType.CROSS;
        Set<String> leftColumns = new HashSet<>(join.left().schema().names());
        Set<String> rightNames = rightOnlyNames(join);
        List<Expr> left = new ArrayList<>();
        List<Expr> right = new ArrayList<>();
        List<Expr> above = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            Set<String> columns = columnsOf(conjunct);
            if (toLeft && leftColumns.containsAll(columns)) {
                left.add(conjunct);
            } else if (toRight && rightNames.containsAll(columns)) {
                right.add(conjunct);
            } else {
                above.add(conjunct);
            }
        }
        if (left.isEmpty() && right.isEmpty()) {
            return filter;
        }
        PlanNode newLeft = left.isEmpty() ? join.left() : push(new Filter(join.left(), and(left)));
        PlanNode newRight = right.isEmpty() ? join.right() : push(new Filter(join.right(), and(right)));
        PlanNode pushed = join.withInputs(List.of(newLeft, newRight));
        return above.isEmpty() ? pushed : new Filter(pushed, and(above));
    }

    /** Right columns that keep their name in the join's output (not keys, not suffixed). */
    private static Set<String> rightOnlyNames(Join join) {
        Set<String> names = new HashSet<>();
        Set<String> left = new HashSet<>(join.left().schema().names());
        for (String name : join.right().schema().names()) {
            if (!join.rightOn().contains(name) && !left.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean passesThrough(List<Expr> exprs, Set<String> columns) {
        Set<String> plain = new HashSet<>();
        for (Expr expr : exprs) {
            if (expr instanceof Col col) {
                plain.add(col.name());
            }
        }
        return plain.containsAll(columns);
    }

    private static Set<String> computes(List<Expr> exprs) {
        Set<String> names = new HashSet<>();
        for (Expr expr : exprs) {
            names.add(expr.outputName());
        }
        return names;
    }

    static Set<String> columnsOf(Expr expr) {
        return new HashSet<>(ExprTrees.columns(expr));
    }

    static List<Expr> conjuncts(Expr predicate) {
        return ExprTrees.conjuncts(predicate);
    }

    static Expr and(List<Expr> parts) {
        return ExprTrees.and(parts);
    }
}
