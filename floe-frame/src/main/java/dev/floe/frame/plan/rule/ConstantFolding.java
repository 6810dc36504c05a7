package dev.floe.frame.plan.rule;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.ExprCompiler;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.Alias;
import dev.floe.frame.expr.Binary;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.Unary;
import dev.floe.frame.expr.UnaryOperator;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.plan.TopK;
import dev.floe.frame.plan.WithColumns;
import java.util.List;

/**
 * Computes what does not depend on any row once, at planning: {@code lit(2).mul(3)} becomes
 * {@code 6}, and simplifies logic: {@code x & true} is {@code x}, {@code x | false} is {@code x},
 * {@code x & false} is {@code false}, {@code x | true} is {@code true}, {@code not(not(x))} is
 * {@code x}; a filter on {@code true} goes. Arithmetic and comparisons with a null literal are
 * null without computing the other side, and a filter whose condition can never be true (a null or
 * false one among its AND-ed ones, or one in every branch of an OR) keeps nothing (so
 * {@code ln(x) <= NULL} never fails on a negative x, as in DuckDB).
 * A folded literal keeps the type the expression had.
 */
public final class ConstantFolding implements Rule {
    private static final Schema NO_COLUMNS = Schema.of(List.of());

    @Override
    public PlanNode apply(PlanNode plan) {
        return Rule.transformUp(plan, this::fold);
    }

    private PlanNode fold(PlanNode node) {
        return switch (node) {
            case Filter filter -> {
                Expr predicate = fold(filter.predicate(), filter.input().schema());
                if (predicate instanceof Lit lit && Boolean.TRUE.equals(lit.value())) {
                    yield filter.input();
                }
                if (neverTrue(predicate)) {
                    // a conjunct that is null or false keeps no row, whatever the others say: they need not run
                    predicate = new Lit(false, DataType.BOOLEAN, false);
                }
                yield predicate.equals(filter.predicate()) ? filter : new Filter(filter.input(), predicate);
            }
            case Select select -> {
                List<Expr> exprs = fold(select.exprs(), select.input().schema());
                yield exprs.equals(select.exprs()) ? select : new Select(select.input(), exprs);
            }
            case WithColumns with -> {
                List<Expr> exprs = fold(with.exprs(), with.input().schema());
                yield exprs.equals(with.exprs()) ? with : new WithColumns(with.input(), exprs);
            }
            case Aggregate aggregate -> {
                List<Expr> keys = fold(aggregate.keys(), aggregate.input().schema());
                List<Expr> aggs = fold(aggregate.aggs(), aggregate.input().schema());
                yield keys.equals(aggregate.keys()) && aggs.equals(aggregate.aggs()) ? aggregate
                        : new Aggregate(aggregate.input(), keys, aggs);
            }
            case Sort sort -> {
                List<SortKey> keys = foldKeys(sort.keys(), sort.input().schema());
                yield keys.equals(sort.keys()) ? sort : new Sort(sort.input(), keys);
            }
            case TopK top -> {
                List<SortKey> keys = foldKeys(top.keys(), top.input().schema());
                yield keys.equals(top.keys()) ? top : new TopK(top.input(), keys, top.k());
            }
            default -> node;
        };
    }

    private List<SortKey> foldKeys(List<SortKey> keys, Schema schema) {
        return keys.stream().map(k -> new SortKey(fold(k.expr(), schema), k.descending(), k.placeNullsLast())).toList();
    }

    private List<Expr> fold(List<Expr> exprs, Schema schema) {
        return exprs.stream().map(e -> fold(e, schema)).toList();
    }

    /** {@code expr} with its constant parts computed and its logic simplified; same type and name. */
    Expr fold(Expr expr, Schema schema) {
        Expr folded = ExprTrees.rewrite(expr, node -> simplify(node, schema));
        if (!folded.outputName().equals(expr.outputName())) {
            folded = new Alias(folded, expr.outputName()); // a folded column keeps its name
        }
        return folded;
    }

    private Expr simplify(Expr node, Schema schema) {
        if (node instanceof Binary binary && binary.operator().isLogical()) {
            Expr logic = logic(binary, schema);
            if (logic != null) {
                return logic;
            }
        }
        if (node instanceof Unary unary && unary.operator() == UnaryOperator.NOT
                && unary.input() instanceof Unary inner && inner.operator() == UnaryOperator.NOT
                && ExprTyper.typeOf(inner.input(), schema) == DataType.BOOLEAN) {
            return inner.input();
        }
        if (node instanceof Binary binary && (binary.operator().isArithmetic() || binary.operator().isComparison())
                && (isNull(binary.left()) || isNull(binary.right()))) {
            // arithmetic and comparisons with a null are null, whatever the other side holds (or would fail on)
            try {
                return new Lit(null, ExprTyper.typeOf(node, schema), false);
            } catch (RuntimeException e) {
                return node; // operands it does not take: left for the typer to name
            }
        }
        boolean constant = !(node instanceof Lit) && !(node instanceof Col) && !(node instanceof Alias)
                && !(node instanceof Agg) && !ExprTrees.children(node).isEmpty()
                && ExprTrees.children(node).stream().allMatch(child -> child instanceof Lit)
                && !ExprTrees.drawsRandom(node); // a lambda's body may draw, which its inputs do not show
        return constant ? evaluate(node) : node;
    }

    /** {@code x & true -> x}, {@code x & false -> false}, {@code x | false -> x}, {@code x | true -> true}. */
    private Expr logic(Binary binary, Schema schema) {
        boolean and = binary.operator() == BinaryOperator.AND;
        for (int side = 0; side < 2; side++) {
            Expr constant = side == 0 ? binary.left() : binary.right();
            Expr other = side == 0 ? binary.right() : binary.left();
            if (constant instanceof Lit lit && lit.value() instanceof Boolean value) {
                if (value == !and) {
                    return lit; // x & false, x | true
                }
                if (ExprTyper.typeOf(other, schema) == DataType.BOOLEAN) {
                    return other; // x & true, x | false
                }
            }
        }
        return null;
    }

    private static boolean isNull(Expr expr) {
        return expr instanceof Lit lit && lit.value() == null;
    }

    /** Whether a filter on {@code predicate} keeps no row: one of its AND-ed conditions is a null or false constant. */
    /**
     * Whether a condition is false or null on every row, whatever its columns hold: a null or false
     * literal, an AND with such a side, an OR of two such sides (SQL's three-valued logic).
     */
    private static boolean neverTrue(Expr predicate) {
        if (predicate instanceof Alias alias) {
            return neverTrue(alias.input());
        }
        if (predicate instanceof Binary binary && binary.operator() == BinaryOperator.AND) {
            return neverTrue(binary.left()) || neverTrue(binary.right());
        }
        if (predicate instanceof Binary binary && binary.operator() == BinaryOperator.OR) {
            return neverTrue(binary.left()) && neverTrue(binary.right());
        }
        return predicate instanceof Lit lit && (lit.value() == null || Boolean.FALSE.equals(lit.value()));
    }

    /** Runs the expression on one row of nothing: it reads no column. */
    private static Expr evaluate(Expr node) {
        DataType type = ExprTyper.typeOf(node, NO_COLUMNS);
        try {
            Vector value = ExprCompiler.compile(node, NO_COLUMNS).evaluate(new Batch(List.of(), 1, 0));
            return new Lit(value.get(0), type, false);
        } catch (RuntimeException e) {
            return node; // it fails at run time too (a strict cast of a bad literal): leave it to say so there
        }
    }
}
