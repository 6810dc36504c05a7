package dev.floe.frame.exec;

import dev.floe.frame.DataType;
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
        return ranges(parts);
    }

    /**
     * A lower and an upper bound of one whole-number or temporal column by constants ({@code
     * day >= DATE '1994-01-01' AND day < DATE '1995-01-01'}, BETWEEN) made one {@link Range}
     * part, in the place of the first: its rows are tested once, not once by each bound.
     */
    private static List<PhysicalExpr> ranges(List<PhysicalExpr> parts) {
        List<PhysicalExpr> out = new ArrayList<>(parts);
        for (int a = 0; a < out.size(); a++) {
            Bound first = Bound.of(out.get(a));
            if (first == null) {
                continue;
            }
            for (int b = a + 1; b < out.size(); b++) {
                Bound second = Bound.of(out.get(b));
                if (second != null && second.column() == first.column() && second.lower() != first.lower()) {
                    Bound low = first.lower() ? first : second;
                    Bound high = first.lower() ? second : first;
                    out.set(a, new Range(first.column(), low, high, out.get(a), out.get(b)));
                    out.remove(b);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * One side of a range: {@code column > value} or {@code >=} ({@code lower}), {@code <} or
     * {@code <=}, of a column held in ints or longs and a present whole-number or temporal
     * constant.
     */
    record Bound(int column, boolean lower, boolean inclusive, long value) {
        static Bound of(PhysicalExpr part) {
            if (!(part instanceof ExprCompiler.CompareExpr compare)) {
                return null;
            }
            BinaryOperator operator = compare.operator();
            ExprCompiler.ColumnRef ref;
            ExprCompiler.Constant constant;
            if (compare.left() instanceof ExprCompiler.ColumnRef l && compare.right() instanceof ExprCompiler.Constant c) {
                ref = l;
                constant = c;
            } else if (compare.right() instanceof ExprCompiler.ColumnRef r
                    && compare.left() instanceof ExprCompiler.Constant c) {
                ref = r;
                constant = c;
                operator = operator.flipped();
            } else {
                return null;
            }
            if (!heldInIntsOrLongs(ref.type()) || constant.single() == null || constant.single().isNull(0)
                    || !(constant.type().isInteger() || constant.type().isTemporal()
                            || constant.type().isLongDecimal() && constant.type() == ref.type())
                    || constant.type() == DataType.INT128) {
                // (a decimal against a constant of its own type: both whole numbers of one 10^-scale)
                return null;
            }
            long value = Kernels.longs(constant.single())[0];
            return switch (operator) {
                case GT -> new Bound(ref.index(), true, false, value);
                case GE -> new Bound(ref.index(), true, true, value);
                case LT -> new Bound(ref.index(), false, false, value);
                case LE -> new Bound(ref.index(), false, true, value);
                default -> null;
            };
        }

        private static boolean heldInIntsOrLongs(DataType type) {
            return switch (type.id()) {
                case INT32, INT64, DATE, DATETIME, DURATION, TIME -> true;
                case DECIMAL -> type.isLongDecimal();
                default -> false;
            };
        }
    }

    /**
     * Both bounds of one column, tested in one pass ({@link ComparisonKernel#selectRange}); where
     * the column's vector is of another layout, its two parts in turn.
     */
    record Range(int column, Bound low, Bound high, PhysicalExpr first, PhysicalExpr second) implements PhysicalExpr {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public Vector evaluate(Batch batch) {
            return new ExprCompiler.LogicExpr(BinaryOperator.AND, first, second).evaluate(batch);
        }
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
        int[] positions = new int[rows];
        int count = select(batch, positions, -1);
        Batch columns = kept == null ? batch : batch.select(kept);
        if (count < 0 || count == rows) {
            return columns;
        }
        return columns.gather(positions, count, batch.start());
    }

    /**
     * Whether every part of the predicate is tested straight on selected rows (a comparison of a
     * column with a constant or with another column, negated or not, or a range), so that testing
     * a few selected rows of a batch costs in step with them; a part of another kind is evaluated
     * over the batch's arrays (where selected, but with vectors of all its rows), or over a copy of
     * the selected rows when they are few ({@link #FEW_ROWS}).
     */
    public boolean testsSelectedRows() {
        for (PhysicalExpr part : conjuncts) {
            PhysicalExpr test = part instanceof ExprCompiler.UnaryExpr unary && unary.operator() == UnaryOperator.NOT
                    ? unary.input() : part;
            if (!(part instanceof Range || test instanceof ExprCompiler.CompareExpr compare && testedDirectly(compare))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@link #direct} tests {@code compare} on the selected rows itself (the kernels take its types). */
    private static boolean testedDirectly(ExprCompiler.CompareExpr compare) {
        if (compare.left() instanceof ExprCompiler.ColumnRef l && compare.right() instanceof ExprCompiler.ColumnRef r) {
            return ComparisonKernel.selectsColumns(l.type(), r.type());
        }
        ExprCompiler.ColumnRef ref = compare.left() instanceof ExprCompiler.ColumnRef l ? l
                : compare.right() instanceof ExprCompiler.ColumnRef r ? r : null;
        ExprCompiler.Constant constant = compare.left() instanceof ExprCompiler.Constant c ? c
                : compare.right() instanceof ExprCompiler.Constant c ? c : null;
        return ref != null && constant != null && constant.single() != null
                && ComparisonKernel.selects(ref.type(), constant.type());
    }

    /**
     * The rows of {@code batch} among those selected ({@code positions[0 .. count)}, ascending;
     * {@code count} -1: every row, no selection made yet) where the predicate holds, listed in
     * {@code positions} (room for every row of the batch), and how many there are; the predicate
     * is evaluated on the selected rows only.
     */
    public int select(Batch batch, int[] positions, int count) {
        for (PhysicalExpr part : conjuncts) {
            count = part instanceof Range range ? range(range, batch, positions, count) : test(part, batch, positions, count);
            if (count == 0) {
                break;
            }
        }
        return count;
    }

    /**
     * The selected rows ({@code count}; -1: every row, no selection made yet) where {@code part}
     * holds, listed in {@code positions}.
     */
    private static int test(PhysicalExpr part, Batch batch, int[] positions, int count) {
        int direct = direct(part, batch, positions, count);
        if (direct >= 0) {
            return direct;
        }
        if (count < 0) {
            Vector truth = part.evaluate(batch);
            return truth instanceof NullVector ? 0 : ExprCompiler.selected((ByteVector) truth, positions);
        }
        return narrow(part, batch, positions, count);
    }

    /** {@link #test} of a {@link Range}: one pass where the column is held in ints or longs, else its bounds in turn. */
    private static int range(Range range, Batch batch, int[] positions, int count) {
        Bound low = range.low();
        Bound high = range.high();
        boolean empty = !low.inclusive() && low.value() == Long.MAX_VALUE || !high.inclusive() && high.value() == Long.MIN_VALUE;
        long from = low.inclusive() ? low.value() : low.value() + 1;
        long to = high.inclusive() ? high.value() : high.value() - 1;
        int selected = ComparisonKernel.selectRange(batch.column(range.column()), from, to, empty, positions, count);
        if (selected >= 0) {
            return selected;
        }
        int afterFirst = test(range.first(), batch, positions, count);
        return afterFirst == 0 ? 0 : test(range.second(), batch, positions, afterFirst);
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

    /**
     * A selection of at most one row in this many is evaluated on its rows alone, copied out of
     * the batch: a part after a selective one (a LIKE after {@code p_size = 15}) then costs in step
     * with the rows left, not with the batch.
     */
    static final int FEW_ROWS = 16;

    /**
     * The selected rows where {@code part} is true, {@code part} evaluated on a copy of those rows
     * alone; -1 where it fails there (the general way then finds the row that fails).
     */
    private static int onFewRows(PhysicalExpr part, Batch batch, int[] positions, int count) {
        Vector truth;
        try {
            truth = part.evaluate(batch.gather(positions, count, batch.start()));
        } catch (dev.floe.FloeException e) {
            return -1;
        }
        if (truth instanceof NullVector) {
            return 0;
        }
        return whereTrue((ByteVector) truth, true, positions, count);
    }

    /**
     * Of the selected rows, those where {@code truth} is true (not null), kept in place: {@code
     * truth} holds a value per selected row ({@code perSelected}) or per row of the batch.
     */
    private static int whereTrue(ByteVector truth, boolean perSelected, int[] positions, int count) {
        byte[] values = truth.values();
        int offset = truth.offset();
        Validity validity = truth.validity();
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = positions[k];
            int at = perSelected ? k : i;
            positions[kept] = i;
            kept += values[offset + at] != 0 && (validity == null || validity.isValid(at)) ? 1 : 0;
        }
        return kept;
    }

    /** The selected rows where {@code part} is true, {@code part} evaluated where the parts before it hold. */
    private static int narrow(PhysicalExpr part, Batch batch, int[] positions, int count) {
        if ((long) count * FEW_ROWS <= batch.rows()) {
            int kept = onFewRows(part, batch, positions, count);
            if (kept >= 0) {
                return kept;
            }
        }
        int[] needed = new int[batch.rows()];
        for (int k = 0; k < count; k++) {
            needed[positions[k]] = 1;
        }
        Vector truth = ExprCompiler.onRows(part, batch, needed, 1);
        if (truth instanceof NullVector) {
            return 0;
        }
        return whereTrue((ByteVector) truth, false, positions, count);
    }
}
