package dev.floe.parquet;

import dev.floe.frame.column.Temporals;
import dev.floe.frame.expr.Binary;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.Unary;
import dev.floe.frame.expr.UnaryOperator;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Whether a filter may hold somewhere in a row group, judged from the row group's min/max and
 * null-count statistics. Only what is certain prunes: a conjunction fails if one of its parts
 * cannot hold; a comparison of a column with a literal cannot hold when the literal is outside
 * the column's range; {@code isNull} cannot hold without nulls, {@code isNotNull} when all are
 * null. Anything else (or missing statistics) may hold.
 */
final class Statistic {
    private Statistic() {}

    static boolean mayMatch(Expr predicate, Map<String, Statistics<?>> statistics, long rows) {
        return switch (predicate) {
            case Binary binary when binary.operator() == BinaryOperator.AND ->
                    mayMatch(binary.left(), statistics, rows) && mayMatch(binary.right(), statistics, rows);
            case Binary binary when binary.operator() == BinaryOperator.OR ->
                    mayMatch(binary.left(), statistics, rows) || mayMatch(binary.right(), statistics, rows);
            case Binary binary when binary.operator().isComparison() -> comparison(binary, statistics, rows);
            case Unary unary when unary.input() instanceof Col col
                    && (unary.operator() == UnaryOperator.IS_NULL || unary.operator() == UnaryOperator.IS_NOT_NULL) -> {
                Statistics<?> stats = statistics.get(col.name());
                if (stats == null || !stats.isNumNullsSet()) {
                    yield true;
                }
                yield unary.operator() == UnaryOperator.IS_NULL ? stats.getNumNulls() > 0 : stats.getNumNulls() < rows;
            }
            default -> true;
        };
    }

    private static boolean comparison(Binary binary, Map<String, Statistics<?>> statistics, long rows) {
        BinaryOperator operator = binary.operator();
        Col col;
        Lit lit;
        if (binary.left() instanceof Col c && binary.right() instanceof Lit l) {
            col = c;
            lit = l;
        } else if (binary.left() instanceof Lit l && binary.right() instanceof Col c) {
            col = c;
            lit = l;
            operator = operator.flipped();
        } else {
            return true;
        }
        Statistics<?> stats = statistics.get(col.name());
        if (stats == null || lit.value() == null) {
            return true;
        }
        if (!stats.hasNonNullValue()) {
            // no values at all: a comparison with null is never true
            return !(stats.isNumNullsSet() && stats.getNumNulls() == rows);
        }
        Comparable<?> value = asStored(lit.value(), stats.type());
        if (value == null) {
            return true;
        }
        boolean floating = value instanceof Double || value instanceof Float;
        if (floating && (operator == BinaryOperator.NE || ((Number) value).doubleValue() == 0)) {
            // NaN is outside the statistics yet unequal to everything; -0.0 and 0.0 order apart there
            return true;
        }
        int low = compare(stats, stats.genericGetMin(), value);
        int high = compare(stats, stats.genericGetMax(), value);
        return switch (operator) {
            case EQ -> low <= 0 && high >= 0;
            case NE -> !(low == 0 && high == 0);
            case LT -> low < 0;
            case LE -> low <= 0;
            case GT -> high > 0;
            case GE -> high >= 0;
            default -> true;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Statistics stats, Object stored, Comparable<?> value) {
        return stats.comparator().compare(stored, value);
    }


    /** A literal as the statistics store the column's values, or null when it does not translate exactly. */
    private static Comparable<?> asStored(Object value, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
            return null;
        }
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> switch (value) {
                case LocalDate date when logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ->
                        Math.toIntExact(date.toEpochDay());
                case Number n when isWhole(n) && n.longValue() == (int) n.longValue() -> (int) n.longValue();
                default -> null;
            };
            case INT64 -> switch (value) {
                case LocalDateTime datetime when logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                        && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS -> Temporals.micros(datetime);
                case Number n when isWhole(n)
                        && (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) ->
                        n.longValue();
                default -> null;
            };
            case DOUBLE -> value instanceof Number n ? n.doubleValue() : null;
            case FLOAT -> value instanceof Number n && (float) n.doubleValue() == n.doubleValue()
                    ? (float) n.doubleValue() : null;
            case BINARY -> value instanceof String s ? org.apache.parquet.io.api.Binary.fromString(s) : null;
            default -> null;
        };
    }

    private static boolean isWhole(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
