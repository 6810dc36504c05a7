package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.Over;
import dev.floe.frame.expr.WindowFrame;
import dev.floe.frame.expr.WindowFrame.Bound;
import dev.floe.frame.plan.AsofJoin;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.SortKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An as-of join written with the plan's own steps, so that every engine runs it and every
 * blocking step spills: the left rows and the right rows (with a value in each key) are stacked
 * into one frame, ordered by the {@code on} value within each {@code by} group, and each left row
 * takes the nearest right row before it (the last right row number passed, a window's last value
 * over the rows up to it) or after it (the first one ahead); a hash join then brings that right
 * row's columns. At equal {@code on} values the right rows come before the left row when exact
 * matches count backward (after it when they do not), and the reverse forward; among right rows
 * of one value, the first in the right side's order is the one found.
 */
final class AsofJoins {
    private AsofJoins() {}

    static LazyFrame join(LazyFrame left, LazyFrame right, AsofJoin how) {
        Schema leftSchema = left.schema();
        Schema rightSchema = right.schema();
        DataType onType = onType(leftSchema, rightSchema, how);
        List<DataType> byTypes = new ArrayList<>();
        for (int k = 0; k < how.leftBy().size(); k++) {
            DataType common = Join.keyType(leftSchema, rightSchema, how.leftBy().get(k), how.rightBy().get(k));
            DataType l = leftSchema.type(how.leftBy().get(k));
            // keys of one type stay as they are (categorical ones are not written out as text)
            byTypes.add(l == rightSchema.type(how.rightBy().get(k)) ? l : common);
        }
        Set<String> taken = new HashSet<>(leftSchema.names());
        taken.addAll(rightSchema.names());
        String on = fresh("__floe_asof_on", taken);
        String side = fresh("__floe_asof_side", taken);
        String row = fresh("__floe_asof_row", taken);
        String match = fresh("__floe_asof_match", taken);
        List<String> by = new ArrayList<>();
        for (int k = 0; k < byTypes.size(); k++) {
            by.add(fresh("__floe_asof_by", taken));
        }

        // the two sides stacked: the left rows with their columns, then the right rows with a value in every key
        LazyFrame numbered = right.withRowIndex(row);
        List<Expr> leftRows = new ArrayList<>();
        List<Expr> rightRows = new ArrayList<>();
        for (Schema.Field field : leftSchema) {
            leftRows.add(col(field.name()));
            rightRows.add(lit(null).cast(field.type()).alias(field.name()));
        }
        Expr present = col(how.rightOn()).isNotNull(); // a strict cast to the common type makes no null
        for (int k = 0; k < by.size(); k++) {
            leftRows.add(compared(col(how.leftBy().get(k)), byTypes.get(k)).alias(by.get(k)));
            rightRows.add(compared(col(how.rightBy().get(k)), byTypes.get(k)).alias(by.get(k)));
            present = present.and(col(how.rightBy().get(k)).isNotNull());
        }
        leftRows.add(compared(col(how.leftOn()), onType).alias(on));
        rightRows.add(compared(col(how.rightOn()), onType).alias(on));
        leftRows.add(lit(1).alias(side));
        rightRows.add(lit(0).alias(side));
        leftRows.add(lit(null).cast(DataType.INT64).alias(row));
        rightRows.add(col(row));
        LazyFrame stacked = LazyFrame.concat(List.of(left.select(leftRows), numbered.filter(present).select(rightRows)));

        List<Expr> partition = by.stream().<Expr>map(Exprs::col).toList();
        Expr backward = window(col(row), partition, on, side, row, true, how.allowExactMatches());
        Expr forward = window(col(row), partition, on, side, row, false, how.allowExactMatches());
        Expr found = switch (how.strategy()) {
            case BACKWARD -> backward;
            case FORWARD -> forward;
            case NEAREST -> {
                // the on value of the right rows only, found as their row numbers are
                Expr rightOn = Exprs.when(col(side).eq(lit(0))).then(col(on)).otherwise(lit(null).cast(onType));
                Expr before = window(rightOn, partition, on, side, row, true, how.allowExactMatches());
                Expr after = window(rightOn, partition, on, side, row, false, how.allowExactMatches());
                Expr here = distance(col(on), onType);
                // the backward match where it is at least as near, or where the forward one is missing
                Expr nearer = Exprs.when(forward.isNull()).then(backward)
                        .when(backward.isNull()).then(forward)
                        .when(here.sub(distance(before, onType)).le(distance(after, onType).sub(here))).then(backward)
                        .otherwise(forward);
                yield nearer;
            }
        };
        List<Expr> kept = new ArrayList<>();
        for (String name : leftSchema.names()) {
            kept.add(col(name));
        }
        // a left row without an on value matches nothing (it sits among the others in the order)
        kept.add(Exprs.when(col(on).isNull()).then(lit(null).cast(DataType.INT64)).otherwise(col(match)).alias(match));
        LazyFrame matched = stacked.withColumns(found.alias(match)).filter(col(side).eq(lit(1))).select(kept);

        List<Expr> rightColumns = new ArrayList<>();
        rightColumns.add(col(row));
        for (String name : rightSchema.names()) {
            boolean sameOn = name.equals(how.rightOn()) && how.rightOn().equals(how.leftOn());
            if (!how.rightBy().contains(name) && !sameOn) {
                rightColumns.add(col(name));
            }
        }
        return matched.join(numbered.select(rightColumns), List.of(match), List.of(row), how.how(), how.suffix())
                .drop(match);
    }

    /** The type both sides' {@code on} values are compared in; one that orders them, and measures distance for NEAREST. */
    private static DataType onType(Schema left, Schema right, AsofJoin how) {
        DataType l = left.type(how.leftOn());
        DataType r = right.type(how.rightOn());
        boolean dateAndTime = l == DataType.DATE && r == DataType.DATETIME || l == DataType.DATETIME && r == DataType.DATE;
        DataType common = dateAndTime ? DataType.DATETIME : Types.comparisonType(l, r); // a date is its midnight
        if (common == null || common.isNested() || common == DataType.BOOLEAN && how.strategy() == AsofJoin.Strategy.NEAREST) {
            throw new SchemaException("cannot join as of left '" + how.leftOn() + "' (" + l + ") and right '"
                    + how.rightOn() + "' (" + r + "): " + (common == null ? "no type holds both" : "they do not order"));
        }
        if (how.strategy() == AsofJoin.Strategy.NEAREST && !(common.isNumeric() || common.isDecimal()
                || common.isTemporal() || common == DataType.NULL)) {
            throw new SchemaException("a nearest as-of join measures distances between numbers, decimals, dates or "
                    + "times, not " + common + " ('" + how.leftOn() + "', '" + how.rightOn() + "')");
        }
        return common == DataType.CATEGORICAL ? DataType.UTF8 : common;
    }

    /** An {@code on} or {@code by} value in the type both sides are compared in; a float's -0.0 as 0.0, which it equals. */
    private static Expr compared(Expr value, DataType type) {
        Expr cast = value.cast(type);
        return type.isFloat() ? cast.add(lit(0.0).cast(type)) : cast;
    }

    /** A value as a number whose differences are distances (dates as days, times as microseconds). */
    private static Expr distance(Expr value, DataType type) {
        return type.isTemporal() ? value.cast(DataType.INT64) : value;
    }

    /**
     * {@code value} of the nearest right row before each row ({@code backward}) or after it, in
     * the stacked rows' order; see the class comment for the order of ties.
     */
    private static Expr window(Expr value, List<Expr> partition, String on, String side, String row, boolean backward,
            boolean exact) {
        boolean rightFirst = backward == exact;
        List<SortKey> order = List.of(SortKey.asc(on), rightFirst ? SortKey.asc(side) : SortKey.desc(side),
                backward ? SortKey.desc(row) : SortKey.asc(row));
        WindowFrame frame = backward ? WindowFrame.rows(Bound.unboundedPreceding(), Bound.currentRow())
                : WindowFrame.rows(Bound.currentRow(), Bound.unboundedFollowing());
        return new Over(backward ? value.lastNonNull() : value.firstNonNull(), partition, order, frame);
    }

    private static String fresh(String base, Set<String> taken) {
        String name = base;
        for (int n = 1; taken.contains(name); n++) {
            name = base + "_" + n;
        }
        taken.add(name);
        return name;
    }
}
