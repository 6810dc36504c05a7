package dev.floe.frame.exec;

import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.UnaryOperator;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the rows where the predicate is true, then gathers every column. A conjunction
 * ({@code a AND b AND c}) is taken part by part over a selection of rows: the first part picks
 * the rows where it holds, each next part is tested on those rows only, so a selective first
 * part makes the others cheap. A part that compares a column with a constant (or the negation of
 * one) is tested straight on the selected rows; any other is evaluated where the parts before
 * it hold, as {@code AND} evaluates its right side (an error on a row already dropped does not
 * count). Given the columns to keep ({@code kept}, in order; null: all), it gathers those alone,
 * so that a column only the condition reads is not copied for the rows that pass. Thread-safe.
 */
public record FilterOperator(PhysicalExpr predicate, List<PhysicalExpr> conjuncts, int[] kept)
        implements BatchOperator {
    public FilterOperator(PhysicalExpr predicate) {
        this(predicate, conjuncts(predicate), null);
    }

    /** A filter that gives the columns {@code kept} of its input (in that order) for the rows that pass. */
    public FilterOperator(PhysicalExpr predicate, int[] kept) {
        this(predicate, conjuncts(predicate), kept);
    }

    public FilterOperator {
        conjuncts = List.copyOf(conjuncts);
        kept = kept == null ? null : kept.clone();
    }

    private static List<PhysicalExpr> conjuncts(PhysicalExpr predicate) {
        List<PhysicalExpr> parts = new ArrayList<>();
        collect(predicate, parts);
        return parts;
    }

    private static void collect(PhysicalExpr predicate, List<PhysicalExpr> parts) {
        if (predicate instanceof ExprCompiler.LogicExpr logic && logic.operator() == BinaryOperator.AND) {
            collect(logic.left(), parts);
            collect(logic.right(), parts);
        } else {
            parts.add(predicate);
        }
    }

    @Override
    public Batch apply(Batch batch) {
        int rows = batch.rows();
        int[] positions = null;
        int count = rows;
        for (PhysicalExpr part : conjuncts) {
            if (positions == null) {
                positions = new int[rows];
                int direct = direct(part, batch, positions, -1);
                if (direct >= 0) {
                    count = direct;
                } else {
                    Vector truth = part.evaluate(batch);
                    count = truth instanceof NullVector ? 0 : ExprCompiler.selected((ByteVector) truth, positions);
                }
            } else {
                int direct = direct(part, batch, positions, count);
                count = direct >= 0 ? direct : narrow(part, batch, positions, count);
            }
            if (count == 0) {
                break;
            }
        }
        Batch columns = kept == null ? batch : batch.select(kept);
        if (count == rows) {
            return columns;
        }
        return columns.gather(positions, count, batch.start());
    }

    /**
     * A comparison of a column with a constant, or of two columns of one integer or temporal type,
     * tested on the selected rows ({@code count} -1: on every row, the selection not yet made); -1
     * when {@code part} is not one or the kernel leaves its types to the general path.
     */
    private static int direct(PhysicalExpr part, Batch batch, int[] positions, int count) {
        boolean negated = false;
        PhysicalExpr test = part;
        if (test instanceof ExprCompiler.UnaryExpr unary && unary.operator() == UnaryOperator.NOT) {
            negated = true;
            test = unary.input();
        }
        if (!(test instanceof ExprCompiler.CompareExpr compare)) {
            return -1;
        }
        BinaryOperator operator = compare.operator();
        if (compare.left() instanceof ExprCompiler.ColumnRef l && compare.right() instanceof ExprCompiler.ColumnRef r) {
            int selected = everyRow(batch, positions, count);
            return ComparisonKernel.selectColumns(operator, negated, batch.column(l.index()), batch.column(r.index()),
                    positions, selected);
        }
        Vector column;
        ExprCompiler.Constant constant;
        if (compare.left() instanceof ExprCompiler.ColumnRef ref && compare.right() instanceof ExprCompiler.Constant c) {
            column = batch.column(ref.index());
            constant = c;
        } else if (compare.right() instanceof ExprCompiler.ColumnRef ref
                && compare.left() instanceof ExprCompiler.Constant c) {
            column = batch.column(ref.index());
            constant = c;
            operator = operator.flipped();
        } else {
            return -1;
        }
        if (constant.single() == null) {
            return -1;
        }
        int selected = everyRow(batch, positions, count);
        return ComparisonKernel.select(operator, negated, column, constant.single(), positions, selected);
    }

    /** The rows selected: {@code count}, or with {@code count} -1 (no selection yet), every row, listed in {@code positions}. */
    private static int everyRow(Batch batch, int[] positions, int count) {
        if (count >= 0) {
            return count;
        }
        for (int i = 0; i < batch.rows(); i++) {
            positions[i] = i;
        }
        return batch.rows();
    }

    /** The selected rows where {@code part} is true, {@code part} evaluated where the parts before it hold. */
    private static int narrow(PhysicalExpr part, Batch batch, int[] positions, int count) {
        int[] needed = new int[batch.rows()];
        for (int k = 0; k < count; k++) {
            needed[positions[k]] = 1;
        }
        Vector truth = ExprCompiler.onRows(part, batch, needed, 1);
        if (truth instanceof NullVector) {
            return 0;
        }
        ByteVector bytes = (ByteVector) truth;
        byte[] values = bytes.values();
        int offset = bytes.offset();
        Validity validity = bytes.validity();
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = positions[k];
            positions[kept] = i;
            kept += values[offset + i] != 0 && (validity == null || validity.isValid(i)) ? 1 : 0;
        }
        return kept;
    }
}
