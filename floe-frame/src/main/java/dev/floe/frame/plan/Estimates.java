package dev.floe.frame.plan;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Alias;
import dev.floe.frame.expr.Binary;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Call;
import dev.floe.frame.expr.Cast;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.ScalarFunction;
import dev.floe.frame.expr.Unary;
import dev.floe.frame.expr.UnaryOperator;
import dev.floe.frame.io.ColumnStatistics;
import dev.floe.frame.io.TableStatistics;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates of how many rows a plan gives, and what its columns hold, for the optimizer's
 * choices (the order of joins, which side of a join to build): from the sources' statistics
 * (an in-memory frame's height, integer ranges and sampled text, a Parquet file's footer, a CSV file's size), carried through
 * filters (a selectivity per predicate, from ranges and distinct counts where known, else fixed
 * defaults), joins (rows of both sides over the larger distinct count of the keys) and
 * aggregations (at most the product of the keys' distinct counts). Estimates are guesses that
 * only steer choices which never change an answer. A source that tells nothing gives
 * {@code NaN} rows, and so does everything above it.
 */
public final class Estimates {
    /** The share of rows a filter keeps when nothing tells more: an equality, a range, anything else. */
    static final double EQUALITY = 0.1;
    static final double RANGE = 1.0 / 3;
    static final double OTHER = 0.25;

    private Estimates() {}

    /** The estimated rows and column statistics of what {@code node} gives. */
    public static TableStatistics of(PlanNode node) {
        return of(node, new IdentityHashMap<>());
    }

    /** The estimates of {@code root} and of every node under it (each computed once). */
    public static Map<PlanNode, TableStatistics> all(PlanNode root) {
        Map<PlanNode, TableStatistics> known = new IdentityHashMap<>();
        of(root, known);
        return known;
    }

    private static TableStatistics of(PlanNode node, Map<PlanNode, TableStatistics> known) {
        TableStatistics done = known.get(node);
        if (done != null) {
            return done;
        }
        TableStatistics estimate = switch (node) {
            case Scan scan -> scan(scan.frame());
            case FileScan scan -> {
                TableStatistics base = scan.source().statistics();
                TableStatistics filtered = scan.predicate() == null ? base : filtered(base, scan.predicate());
                yield scan.limit() >= 0 ? limited(filtered, scan.limit()) : filtered;
            }
            case Filter filter -> filtered(of(filter.input(), known), filter.predicate());
            case Select select -> projected(of(select.input(), known), select.exprs(), false);
            case WithColumns with -> projected(of(with.input(), known), with.exprs(), true);
            case Aggregate aggregate -> aggregated(of(aggregate.input(), known), aggregate.keys());
            case Join join -> joined(of(join.left(), known), of(join.right(), known), join);
            case Slice slice -> limited(of(slice.input(), known), slice.length());
            case TopK top -> limited(of(top.input(), known), top.k());
            case Concat concat when concat.horizontal() -> {
                for (PlanNode part : concat.parts()) {
                    of(part, known); // every part has its estimate (explain prints each)
                }
                yield of(concat.parts().get(0), known);
            }
            case Concat concat -> {
                double rows = 0;
                for (PlanNode part : concat.parts()) {
                    rows += of(part, known).rows();
                }
                yield new TableStatistics(rows, Map.of());
            }
            default -> {
                TableStatistics first = TableStatistics.UNKNOWN;
                for (PlanNode input : node.inputs()) {
                    TableStatistics in = of(input, known);
                    first = first == TableStatistics.UNKNOWN ? in : first;
                }
                yield node.inputs().size() == 1 ? first : TableStatistics.UNKNOWN;
            }
        };
        known.put(node, estimate);
        return estimate;
    }

    /** The estimated rows of what {@code node} gives, or NaN when unknown. */
    public static double rows(PlanNode node) {
        return of(node).rows();
    }

    /**
     * The share of rows {@code predicate} keeps, judged from {@code input}'s statistics: between 0
     * and 1.
     */
    public static double selectivity(Expr predicate, TableStatistics input) {
        double s = switch (predicate) {
            case Binary b when b.operator() == BinaryOperator.AND ->
                    selectivity(b.left(), input) * selectivity(b.right(), input);
            case Binary b when b.operator() == BinaryOperator.OR -> {
                double l = selectivity(b.left(), input);
                double r = selectivity(b.right(), input);
                yield l + r - l * r;
            }
            case Binary b when b.operator().isComparison() -> comparison(b, input);
            case Unary u when u.operator() == UnaryOperator.NOT -> 1 - selectivity(u.input(), input);
            case Unary u when u.operator() == UnaryOperator.IS_NULL -> nullShare(u.input(), input);
            case Unary u when u.operator() == UnaryOperator.IS_NOT_NULL -> 1 - nullShare(u.input(), input);
            case Call call when call.function() == ScalarFunction.IS_IN ->
                    Math.min(1, Math.max(1, call.parameters().size()) * equality(column(call.input(), input), input));
            case Lit lit -> Boolean.TRUE.equals(lit.value()) ? 1 : 0;
            case Alias alias -> selectivity(alias.input(), input);
            default -> OTHER;
        };
        return Math.max(0, Math.min(1, s));
    }

    private static double comparison(Binary b, TableStatistics input) {
        BinaryOperator op = b.operator();
        Expr columnSide = b.left();
        Expr other = b.right();
        if (b.left() instanceof Lit && !(b.right() instanceof Lit)) {
            columnSide = b.right();
            other = b.left();
            op = op.flipped();
        }
        ColumnStatistics stats = column(columnSide, input);
        if (other instanceof Lit lit && lit.value() == null) {
            return 0; // a comparison with null is never true
        }
        double value = other instanceof Lit lit ? numeric(lit.value()) : Double.NaN;
        return switch (op) {
            case EQ -> {
                if (!Double.isNaN(value) && stats.hasRange() && (value < stats.min() || value > stats.max())) {
                    yield 0;
                }
                if (other instanceof Lit) {
                    yield equality(stats, input);
                }
                ColumnStatistics right = column(other, input);
                double distinct = Math.max(distinct(stats, input), distinct(right, input));
                yield Double.isNaN(distinct) ? EQUALITY : 1 / distinct;
            }
            case NE -> 1 - (other instanceof Lit ? equality(stats, input) : EQUALITY);
            case LT, LE, GT, GE -> {
                if (Double.isNaN(value) || !stats.hasRange()) {
                    yield RANGE;
                }
                double width = stats.max() - stats.min();
                double below = width <= 0 ? (value >= stats.min() ? 1 : 0)
                        : Math.max(0, Math.min(1, (value - stats.min()) / width));
                double nonNull = Double.isNaN(stats.nullFraction()) ? 1 : 1 - stats.nullFraction();
                yield nonNull * (op == BinaryOperator.LT || op == BinaryOperator.LE ? below : 1 - below);
            }
            default -> OTHER;
        };
    }


    /** The share of rows where a column equals one given value. */
    private static double equality(ColumnStatistics stats, TableStatistics input) {
        double distinct = distinct(stats, input);
        return Double.isNaN(distinct) ? EQUALITY : 1 / Math.max(1, distinct);
    }

    private static double distinct(ColumnStatistics stats, TableStatistics input) {
        double d = stats.distinct();
        if (Double.isNaN(d)) {
            return Double.NaN;
        }
        return Double.isNaN(input.rows()) ? d : Math.min(d, Math.max(1, input.rows()));
    }

    private static double nullShare(Expr expr, TableStatistics input) {
        double share = column(expr, input).nullFraction();
        return Double.isNaN(share) ? 0.05 : share;
    }

    /** The statistics of the column {@code expr} reads as it is (through casts and aliases), else unknown. */
    private static ColumnStatistics column(Expr expr, TableStatistics input) {
        return switch (expr) {
            case Col col -> input.column(col.name());
            case Alias alias -> column(alias.input(), input);
            case Cast cast -> column(cast.input(), input);
            default -> ColumnStatistics.UNKNOWN;
        };
    }

    /** A literal on the scale statistics use (numbers, dates as days), or NaN. */
    private static double numeric(Object value) {
        return switch (value) {
            case Number n -> n.doubleValue();
            case LocalDate date -> date.toEpochDay();
            case null, default -> Double.NaN;
        };
    }

    private static TableStatistics filtered(TableStatistics input, Expr predicate) {
        double share = selectivity(predicate, input);
        double rows = input.rows() * share;
        if (!Double.isNaN(rows) && input.rows() >= 1) {
            rows = Math.max(1, rows);
        }
        return withRows(input, rows);
    }

    /** {@code input} with {@code rows} rows: distinct counts at most that. */
    private static TableStatistics withRows(TableStatistics input, double rows) {
        if (Double.isNaN(rows)) {
            return new TableStatistics(rows, input::column);
        }
        return new TableStatistics(rows, name -> input.column(name).capped(rows));
    }

    private static TableStatistics limited(TableStatistics input, long limit) {
        // an unknown size stays unknown: a limit bounds it, but the source may hold fewer rows
        return Double.isNaN(input.rows()) ? input : withRows(input, Math.min(input.rows(), limit));
    }

    private static TableStatistics projected(TableStatistics input, List<Expr> exprs, boolean keepsInput) {
        Map<String, Expr> outputs = new HashMap<>();
        for (Expr expr : exprs) {
            outputs.put(expr.outputName(), expr);
        }
        return new TableStatistics(input.rows(), name -> {
            Expr expr = outputs.get(name);
            if (expr != null) {
                return column(expr, input);
            }
            return keepsInput ? input.column(name) : ColumnStatistics.UNKNOWN;
        });
    }

    private static TableStatistics aggregated(TableStatistics input, List<Expr> keys) {
        if (keys.isEmpty()) {
            return new TableStatistics(1, Map.of());
        }
        double groups = 1;
        Map<String, ColumnStatistics> columns = new HashMap<>();
        for (Expr key : keys) {
            ColumnStatistics stats = column(key, input);
            double distinct = distinct(stats, input);
            // a key of unknown spread: a tenth of the rows each (several keys together, more)
            groups *= Double.isNaN(distinct) ? Math.max(1, input.rows() * EQUALITY) : distinct;
            if (stats != ColumnStatistics.UNKNOWN) {
                columns.put(key.outputName(), stats);
            }
        }
        double rows = Double.isNaN(input.rows()) ? Double.NaN : Math.max(1, Math.min(input.rows(), groups));
        return withRows(new TableStatistics(rows, columns), rows);
    }

    private static TableStatistics joined(TableStatistics left, TableStatistics right, Join join) {
        double l = left.rows();
        double r = right.rows();
        // the output's names: the left's, then the right's other than its keys (suffixed where the left has them)
        Map<String, String> rightNames = new HashMap<>();
        java.util.Set<String> leftNames = new java.util.HashSet<>(join.left().schema().names());
        for (String name : join.right().schema().names()) {
            if (!join.rightOn().contains(name)) {
                rightNames.put(leftNames.contains(name) ? name + join.suffix() : name, name);
            }
        }
        double matches = l * r * keySelectivity(left, right, join.leftOn(), join.rightOn());
        double rows = switch (join.how()) {
            case INNER -> matches;
            case LEFT -> Math.max(matches, l);
            case RIGHT -> Math.max(matches, r);
            case FULL -> Math.max(matches, l + r);
            case SEMI -> Math.min(l, matches);
            case ANTI -> Math.max(l * EQUALITY, l - Math.min(l, matches));
            case CROSS -> l * r;
        };
        TableStatistics both = new TableStatistics(rows, name -> leftNames.contains(name) ? left.column(name)
                : rightNames.containsKey(name) ? right.column(rightNames.get(name)) : ColumnStatistics.UNKNOWN);
        return withRows(both, rows);
    }

    /**
     * The share of all pairs of rows whose keys are equal: for each key pair one over the larger
     * distinct count (a key of unknown spread counted as distinct in every row), but never less
     * than one over the smaller side (several keys together name at most one row of a side).
     */
    private static double keySelectivity(TableStatistics left, TableStatistics right, List<String> leftOn,
            List<String> rightOn) {
        double share = 1;
        for (int k = 0; k < leftOn.size(); k++) {
            double dl = keyDistinct(left, leftOn.get(k));
            double dr = keyDistinct(right, rightOn.get(k));
            share /= Math.max(1, Math.max(dl, dr));
        }
        if (leftOn.size() > 1) {
            share = Math.max(share, 1 / Math.max(1, Math.min(left.rows(), right.rows())));
        }
        return share;
    }

    /** The distinct count of a join key column: known, else the rows (a key is mostly distinct). */
    public static double keyDistinct(TableStatistics input, String column) {
        double distinct = distinct(input.column(column), input);
        return Double.isNaN(distinct) ? input.rows() : distinct;
    }

    /**
     * An in-memory frame: its height, and for integer and date columns the range, null share and
     * (bounded by the range) distinct count; a categorical column's distinct count is at most its
     * dictionary's size.
     */
    private static TableStatistics scan(DataFrame frame) {
        int rows = frame.height();
        return new TableStatistics(rows, name -> {
            if (!frame.schema().names().contains(name)) {
                return ColumnStatistics.UNKNOWN;
            }
            List<Vector> chunks = frame.column(name).column().chunks();
            DataType type = frame.schema().type(name);
            if (type.isInteger() && type != DataType.INT128 || type == DataType.DATE) {
                return integerRange(frame.column(name).column(), rows);
            } else if (type == DataType.UTF8 || type == DataType.CATEGORICAL) {
                return sampledText(chunks, rows);
            }
            return ColumnStatistics.UNKNOWN;
        });
    }

    /** Rows a text column's distinct count is judged from. */
    static final int SAMPLE = 1024;

    /**
     * A text column's distinct count from a sample of {@link #SAMPLE} evenly spaced rows: exact
     * for a column of no more rows; otherwise scaled up from the sample by how many of its values
     * it holds once only (Haas and Stokes' "Duj1" estimator: {@code n d / (n - f1 + f1 n / N)} for
     * {@code d} values in a sample of {@code n} of {@code N}, {@code f1} of them seen once). A
     * sample where every value repeats (a code, a status, a type from a list of 150) holds them
     * all; one where none repeats comes from a column of distinct values.
     */
    private static ColumnStatistics sampledText(List<Vector> chunks, int rows) {
        long nulls = 0;
        for (Vector chunk : chunks) {
            nulls += chunk.nullCount();
        }
        double nullShare = rows == 0 ? 0 : (double) nulls / rows;
        int taken = Math.min(rows, SAMPLE);
        java.util.Map<Object, Integer> seen = new java.util.HashMap<>();
        int chunk = 0;
        int chunkStart = 0;
        for (int i = 0; i < taken; i++) {
            int row = (int) ((long) i * rows / taken); // increasing, so the chunks are walked once
            while (row >= chunkStart + chunks.get(chunk).length()) {
                chunkStart += chunks.get(chunk).length();
                chunk++;
            }
            Object value = chunks.get(chunk).get(row - chunkStart);
            if (value != null) {
                seen.merge(value, 1, Integer::sum);
            }
        }
        double distinct;
        if (rows <= SAMPLE) {
            distinct = seen.size();
        } else {
            double sampled = 0;
            double once = 0;
            for (int count : seen.values()) {
                sampled += count;
                once += count == 1 ? 1 : 0;
            }
            double nonNull = rows - nulls;
            if (sampled == 0) {
                distinct = nonNull == 0 ? 0 : Double.NaN; // a sample of nulls tells nothing of the values
            } else {
                distinct = sampled * seen.size() / (sampled - once + once * sampled / nonNull);
                distinct = Math.max(seen.size(), Math.min(nonNull, distinct));
            }
        }
        return new ColumnStatistics(distinct, nullShare, Double.NaN, Double.NaN);
    }

    private static ColumnStatistics integerRange(dev.floe.frame.column.Column column, int rows) {
        long nulls = 0;
        for (Vector chunk : column.chunks()) {
            nulls += chunk.nullCount();
        }
        long[] range = column.integerRange(); // worked out once per column, then kept with it
        long min = range.length == 0 ? Long.MAX_VALUE : range[0];
        long max = range.length == 0 ? Long.MIN_VALUE : range[1];
        double nonNull = rows - nulls;
        if (min > max) {
            return new ColumnStatistics(0, rows == 0 ? 0 : 1, Double.NaN, Double.NaN);
        }
        double distinct = Math.max(1, Math.min(nonNull, (double) max - min + 1));
        return new ColumnStatistics(distinct, (double) nulls / rows, min, max);
    }
}
