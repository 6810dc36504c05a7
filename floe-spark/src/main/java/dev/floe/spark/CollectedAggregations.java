package dev.floe.spark;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.floe.frame.DataType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Aggregations that Spark has no function for with Floe's answer, computed over each group's
 * values gathered into an array ({@code collect_list}) and walked in order with {@code aggregate}:
 * the most frequent value (the first in Floe's order among as frequent ones), the entropy of the
 * values' shares, and the position of the smallest or largest value. A group's values are held
 * at once, as Spark's own exact percentiles hold them.
 */
final class CollectedAggregations {
    private CollectedAggregations() {}

    /** Floats by value, as Floe counts them: -0.0 is 0.0 and every NaN one value; other values as they are. */
    static Column counted(Column x, DataType type) {
        if (!type.isFloat()) {
            return x;
        }
        return when(functions.isnan(x), lit(Double.NaN)).when(x.equalTo(0), lit(0.0)).otherwise(x)
                .cast(SparkTypes.of(type, "a value counted"));
    }

    /**
     * The group's most frequent non-null value; among as frequent ones, the one whose first row
     * comes first ({@code place}: the rows' places in Floe's order). Floats are counted by value
     * and the value given back is the counted one (0.0 for zeros), as Floe's.
     *
     * @param each what makes an aggregate function the group's (over a window, its frame)
     */
    static Column mode(Column x, DataType type, Column place, java.util.function.UnaryOperator<Column> each) {
        // sorted by value, then place: each run of one value begins with its first row
        Column sorted = functions.sort_array(each.apply(functions.collect_list(when(x.isNotNull(),
                functions.struct(counted(x, type).as("key"), place.as("place"))))), true);
        Column start = lit(0).as("i");
        Column initial = functions.struct(start, lit(0).as("start"), lit(-1).as("best_start"), lit(0).as("best_count"));
        return functions.aggregate(sorted, initial, (acc, e) -> {
            Column i = acc.getField("i");
            Column runStart = acc.getField("start");
            Column newRun = i.gt(0).and(e.getField("key").notEqual(functions.get(sorted, runStart).getField("key")));
            Column closedBetter = newRun.and(longerOrEarlier(sorted, acc, i));
            return functions.struct(i.plus(1).as("i"),
                    when(i.equalTo(0).or(newRun), i).otherwise(runStart).as("start"),
                    when(closedBetter, runStart).otherwise(acc.getField("best_start")).as("best_start"),
                    when(closedBetter, i.minus(runStart)).otherwise(acc.getField("best_count")).as("best_count"));
        }, acc -> {
            Column i = acc.getField("i");
            Column best = when(longerOrEarlier(sorted, acc, i), acc.getField("start")).otherwise(acc.getField("best_start"));
            return when(i.gt(0), functions.get(sorted, best).getField("key"));
        });
    }

    /** Whether the run from {@code acc.start} to {@code end} beats the best so far: longer, or as long and first seen earlier. */
    private static Column longerOrEarlier(Column sorted, Column acc, Column end) {
        Column length = end.minus(acc.getField("start"));
        Column bestCount = acc.getField("best_count");
        return length.gt(bestCount).or(length.equalTo(bestCount).and(bestCount.gt(0))
                .and(functions.get(sorted, acc.getField("start")).getField("place")
                        .lt(functions.get(sorted, acc.getField("best_start")).getField("place"))));
    }

    /** {@code -sum(p * log2(p))} over the shares of the group's distinct non-null values (floats by value); 0 over none. */
    static Column entropy(Column x, DataType type, java.util.function.UnaryOperator<Column> each) {
        Column sorted = functions.sort_array(each.apply(functions.collect_list(when(x.isNotNull(), counted(x, type)))), true);
        Column n = functions.size(sorted).cast(DataTypes.DoubleType);
        Column initial = functions.struct(lit(0).as("i"), lit(0).as("start"), lit(0.0).as("sum"));
        return functions.aggregate(sorted, initial, (acc, e) -> {
            Column i = acc.getField("i");
            Column runStart = acc.getField("start");
            Column newRun = i.gt(0).and(e.notEqual(functions.get(sorted, runStart)));
            return functions.struct(i.plus(1).as("i"), when(i.equalTo(0).or(newRun), i).otherwise(runStart).as("start"),
                    when(newRun, acc.getField("sum").minus(share(i.minus(runStart), n))).otherwise(acc.getField("sum"))
                            .as("sum"));
        }, acc -> {
            Column i = acc.getField("i");
            Column sum = when(i.gt(0), acc.getField("sum").minus(share(i.minus(acc.getField("start")), n)))
                    .otherwise(acc.getField("sum"));
            return sum.divide(lit(Math.log(2))).plus(lit(0.0)); // no -0.0 for a single value
        });
    }

    /** {@code p * ln(p)} of a run of {@code count} values among {@code n}. */
    private static Column share(Column count, Column n) {
        Column p = count.cast(DataTypes.DoubleType).divide(n);
        return p.multiply(functions.log(p));
    }

    /**
     * The position in the group (from 0, in Floe's order, nulls counted) of the first smallest (or
     * largest) non-null value: NaN loses to every number, and a group of NaN alone gives its first.
     */
    static Column position(Column x, DataType type, Column place, boolean largest,
            java.util.function.UnaryOperator<Column> each) {
        Column rows = functions.sort_array(each.apply(functions.collect_list(functions.struct(place.as("place"),
                x.as("value")))), true);
        org.apache.spark.sql.types.DataType valueType = SparkTypes.of(type, "a value compared");
        Column initial = functions.struct(lit(0).as("i"), lit(-1).as("best"), lit(null).cast(valueType).as("value"),
                lit(false).as("nan"));
        return functions.aggregate(rows, initial, (acc, e) -> {
            Column value = e.getField("value");
            Column nan = type.isFloat() ? functions.isnan(value) : lit(false);
            Column beats = largest ? value.gt(acc.getField("value")) : value.lt(acc.getField("value"));
            Column better = value.isNotNull().and(acc.getField("best").lt(0)
                    .or(functions.not(nan).and(acc.getField("nan").or(beats))));
            Column i = acc.getField("i");
            return functions.struct(i.plus(1).as("i"), when(better, i).otherwise(acc.getField("best")).as("best"),
                    when(better, value).otherwise(acc.getField("value")).as("value"),
                    when(better, nan).otherwise(acc.getField("nan")).as("nan"));
        }, acc -> when(acc.getField("best").geq(0), acc.getField("best").cast(DataTypes.LongType)));
    }

    /**
     * The group's non-null values as doubles, sorted as {@link Double#compare} sorts them (-0.0
     * before 0.0, NaN last), as Floe's quantiles select them: Spark's order takes -0.0 for 0.0, so
     * a flag puts the zeros in Floe's order.
     */
    static Column sortedValues(Column x, java.util.function.UnaryOperator<Column> each) {
        Column value = x.cast(DataTypes.DoubleType);
        Column pairs = each.apply(functions.collect_list(when(value.isNotNull(), inDoubleOrder(value))));
        return functions.transform(functions.sort_array(pairs, true), pair -> pair.getField("value"));
    }

    /**
     * A float as a pair Spark's order sorts as {@link Double#compare} does: its value, then whether
     * it is not -0.0 (Spark's order takes -0.0 for 0.0, NaN above every number as Double's);
     * {@code value} gives the float back.
     */
    static Column inDoubleOrder(Column x) {
        return functions.struct(x.as("value"), functions.not(ExprTranslator.negativeZero(x)).as("positive"));
    }

    /** The value of rank {@code round(q * (n - 1))} of sorted values; null over none. */
    static Column nearest(Column sorted, double q) {
        Column n = functions.size(sorted);
        Column rank = functions.round(n.minus(1).cast(DataTypes.DoubleType).multiply(lit(q))).cast(DataTypes.IntegerType);
        return when(n.gt(0), functions.get(sorted, rank));
    }

    /**
     * Linear interpolation between the two ranks around {@code q * (n - 1)} of sorted values, as
     * Floe computes it (past the largest double, or from an infinity, the weighted form); null over none.
     */
    static Column linear(Column sorted, double q) {
        Column n = functions.size(sorted);
        Column position = n.minus(1).cast(DataTypes.DoubleType).multiply(lit(q));
        Column low = functions.floor(position).cast(DataTypes.IntegerType);
        Column a = functions.get(sorted, low);
        Column b = functions.get(sorted, low.plus(1));
        Column fraction = position.minus(low.cast(DataTypes.DoubleType));
        Column span = b.minus(a);
        Column between = when(ExprTranslator.finite(span), a.plus(span.multiply(fraction)))
                .otherwise(a.multiply(lit(1.0).minus(fraction)).plus(b.multiply(fraction)));
        return when(n.gt(0), when(low.equalTo(functions.ceil(position).cast(DataTypes.IntegerType)), a).otherwise(between));
    }

    /** The median of the values' distances from their median (linear medians); null over none. */
    static Column medianAbsoluteDeviation(Column x, java.util.function.UnaryOperator<Column> each) {
        Column sorted = sortedValues(x, each);
        Column center = linear(sorted, 0.5);
        Column distances = functions.sort_array(functions.transform(sorted, v -> functions.abs(v.minus(center))), true);
        return linear(distances, 0.5);
    }

    /**
     * The continuous quantile of decimals of up to 18 digits in their own type, as Floe computes it
     * (DiscreteQuantileAccumulator.continuous, as DuckDB): the group's values sorted, those at ranks {@code
     * floor(q (n - 1))} and the next as whole numbers of {@code 10^-scale}, and the lower plus their
     * difference times the fraction, as a double truncated. Null over no values. Wider decimals are
     * not translated (Floe computes them, through doubles as DuckDB does).
     */
    static Column exactDecimalQuantile(Column x, DataType type, double q, java.util.function.UnaryOperator<Column> each) {
        if (!type.isDecimal() || !type.isLongDecimal()) {
            throw new NotTranslatedException("the continuous quantile of " + type, "decimals of more than 18 digits are "
                    + "not translated");
        }
        java.math.BigDecimal unit = java.math.BigDecimal.ONE.movePointRight(type.scale());
        Column sorted = functions.sort_array(each.apply(functions.collect_list(x)), true);
        Column n = functions.size(sorted);
        Column position = lit(q).multiply(n.minus(1).cast(DataTypes.DoubleType));
        Column low = functions.floor(position).cast(DataTypes.IntegerType);
        Column high = functions.least(n.minus(1), low.plus(1));
        Column fraction = position.minus(low.cast(DataTypes.DoubleType));
        Column lo = functions.get(sorted, low).multiply(lit(unit)).cast(DataTypes.LongType);
        Column hi = functions.get(sorted, high).multiply(lit(unit)).cast(DataTypes.LongType);
        Column whole = lo.plus(hi.minus(lo).cast(DataTypes.DoubleType).multiply(fraction).cast(DataTypes.LongType));
        Column value = whole.cast(DataTypes.createDecimalType(19, 0)).multiply(lit(java.math.BigDecimal.ONE.movePointLeft(
                type.scale()))).cast(SparkTypes.of(type, "a quantile of " + type));
        return when(n.gt(0), value);
    }

    /**
     * The non-null value of rank {@code max(1, ceil(n * q))} in ascending order (floats in Double's
     * order, NaN last), {@code q} an exact decimal: {@code ceil(n * a / 10^s)} for {@code q = a / 10^s},
     * in 64-bit integers (overflow fails); null over none.
     */
    static Column discreteQuantile(Column x, DataType type, java.math.BigDecimal q,
            java.util.function.UnaryOperator<Column> each) {
        java.math.BigDecimal exact = q.stripTrailingZeros();
        int scale = Math.max(0, exact.scale());
        if (scale > 18) {
            throw new NotTranslatedException("the discrete quantile " + q, "a quantile of more than 18 decimals is not translated");
        }
        long numerator = exact.movePointRight(scale).longValueExact();
        long denominator = java.math.BigInteger.TEN.pow(scale).longValueExact();
        Column sorted = type.isFloat() ? sortedValues(x, each)
                : functions.sort_array(each.apply(functions.collect_list(x)), true);
        Column n = functions.size(sorted).cast(DataTypes.LongType);
        Column rank = functions.greatest(lit(1L), TemporalFunctions.div(n.multiply(lit(numerator)).plus(lit(denominator - 1)),
                lit(denominator)));
        return when(n.gt(0), functions.get(sorted, rank.minus(1).cast(DataTypes.IntegerType)));
    }

    /**
     * The skewness (g1, or with {@code population} false the sample's G1) or excess kurtosis (g2,
     * or G2) of the group's non-null values, from their central moments (two passes over the
     * gathered values): null over too few values (skewness 3, or 1 for g1; kurtosis 4, or 2 for g2)
     * and, for the kurtosis, where they do not vary (the skewness is NaN there); over infinities or
     * NaN the query fails, as in Floe.
     */
    static Column moments(Column x, boolean kurtosis, boolean population, java.util.function.UnaryOperator<Column> each) {
        Column values = each.apply(functions.collect_list(x.cast(DataTypes.DoubleType)));
        Column n = functions.size(values).cast(DataTypes.DoubleType);
        Column mean = functions.aggregate(values, lit(0.0), (sum, v) -> sum.plus(v)).divide(n);
        Column m2 = power(values, mean, 2);
        long fewest = kurtosis ? (population ? 2 : 4) : (population ? 1 : 3);
        Column finite = ExprTranslator.finite(m2).and(ExprTranslator.finite(mean));
        Column value;
        if (kurtosis) {
            Column g2 = n.multiply(power(values, mean, 4)).divide(m2.multiply(m2)).minus(3);
            value = when(m2.equalTo(0), lit(null)).otherwise(population ? g2
                    : n.minus(1).divide(n.minus(2).multiply(n.minus(3))).multiply(n.plus(1).multiply(g2).plus(6)));
        } else {
            Column g1 = when(m2.equalTo(0), lit(Double.NaN))
                    .otherwise(functions.sqrt(n).multiply(power(values, mean, 3)).divide(functions.pow(m2, 1.5)));
            value = population ? g1 : g1.multiply(functions.sqrt(n.multiply(n.minus(1)))).divide(n.minus(2));
        }
        String what = kurtosis ? "the kurtosis" : "the skewness";
        return when(n.geq(fewest), when(functions.not(finite), functions.raise_error(lit("out of range: " + what
                + " of values that are infinite or NaN (or too large)"))).otherwise(value));
    }

    /** {@code sum((v - mean)^k)} over the values. */
    private static Column power(Column values, Column mean, int k) {
        return functions.aggregate(values, lit(0.0), (sum, v) -> {
            Column d = v.minus(mean);
            Column p = d;
            for (int i = 1; i < k; i++) {
                p = p.multiply(d);
            }
            return sum.plus(p);
        });
    }
}
