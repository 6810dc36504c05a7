package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.expr.Agg;
import java.util.function.Supplier;

/** Makes the accumulator of an aggregation, given its input's type and its result's type. */
public final class Accumulators {
    private Accumulators() {}

    /** A supplier of fresh accumulators for {@code agg}: one per worker. */
    public static Supplier<Accumulator> of(Agg agg, DataType input, DataType result) {
        if ((input.isDecimal() && result == DataType.FLOAT64 && agg.function() != dev.floe.frame.expr.AggFunction.ENTROPY
                && agg.function() != dev.floe.frame.expr.AggFunction.MEAN)
                || agg.function() == dev.floe.frame.expr.AggFunction.CORR
                || agg.function() == dev.floe.frame.expr.AggFunction.COVAR) {
            // the statistics of decimals: of their values as floats (either input of corr and cov);
            // entropy counts the values as they are, and a mean divides their exact sum
            Supplier<Accumulator> floats = plain(agg, DataType.FLOAT64, result);
            return () -> new AsFloats(floats.get());
        }
        return plain(agg, input, result);
    }

    /** Whether {@code agg} is a continuous quantile of decimals in their own type ({@code EXACT_DECIMAL}). */
    private static boolean exactDecimal(Agg agg, DataType input, DataType result) {
        return agg.parameters().contains(dev.floe.frame.expr.AggFunction.EXACT_DECIMAL) && input.isDecimal()
                && result.equals(input);
    }

    private static Supplier<Accumulator> plain(Agg agg, DataType input, DataType result) {
        return switch (agg.function()) {
            case SUM -> () -> new SumAccumulator(input, result, agg.toString());
            case MEAN -> () -> new MeanAccumulator(input);
            // a list's, map's or struct's smallest and largest by its sort key (SortKeys), the value itself kept
            case MIN -> input.isNested() ? () -> new SortKeyed(new ArgByAccumulator(input, false), true)
                    : () -> new MinMaxAccumulator(input, false, false);
            case MAX -> input.isNested() ? () -> new SortKeyed(new ArgByAccumulator(input, true), true)
                    : () -> new MinMaxAccumulator(input, true,
                    agg.parameters().contains(dev.floe.frame.expr.AggFunction.NAN_LARGEST));
            case COUNT -> () -> new CountAccumulator(false);
            case LEN -> () -> new CountAccumulator(true);
            case FIRST -> () -> new FirstLastAccumulator(input, false,
                    agg.parameters().contains(dev.floe.frame.expr.AggFunction.IGNORE_NULLS));
            case LAST -> () -> new FirstLastAccumulator(input, true,
                    agg.parameters().contains(dev.floe.frame.expr.AggFunction.IGNORE_NULLS));
            case N_UNIQUE -> input.isNested() ? () -> new SortKeyed(new NUniqueAccumulator(DataType.UTF8), false)
                    : () -> new NUniqueAccumulator(input);
            case MEDIAN -> exactDecimal(agg, input, result) ? () -> DiscreteQuantileAccumulator.continuous(result, 0.5)
                    : () -> new QuantileAccumulator(0.5, true);
            case MAD -> () -> new QuantileAccumulator(0.5, true, true);
            case ENTROPY -> () -> new ModeAccumulator(input, true);
            case QUANTILE -> {
                double q = ((Number) agg.parameters().get(0)).doubleValue();
                boolean linear = "linear".equals(agg.parameters().get(1));
                if (linear && exactDecimal(agg, input, result)) {
                    yield () -> DiscreteQuantileAccumulator.continuous(result, q);
                }
                yield () -> new QuantileAccumulator(q, linear);
            }
            case STD, VAR -> {
                int ddof = ((Number) agg.parameters().get(0)).intValue();
                boolean root = agg.function() == dev.floe.frame.expr.AggFunction.STD;
                String checked = agg.parameters().contains(dev.floe.frame.expr.AggFunction.CHECK_FINITE) ? agg.toString()
                        : null;
                yield () -> new VarianceAccumulator(ddof, root, checked);
            }
            case PRODUCT -> ProductAccumulator::new;
            case SKEW, KURT -> {
                boolean population = Boolean.TRUE.equals(agg.parameters().get(0));
                boolean kurtosis = agg.function() == dev.floe.frame.expr.AggFunction.KURT;
                yield () -> new MomentsAccumulator(kurtosis, population, agg.toString());
            }
            case CORR -> {
                String checked = agg.parameters().contains(dev.floe.frame.expr.AggFunction.CHECK_FINITE) ? agg.toString()
                        : null;
                yield () -> new CorrAccumulator(checked, -1);
            }
            case COVAR -> {
                int ddof = ((Number) agg.parameters().get(0)).intValue();
                yield () -> new CorrAccumulator(null, ddof);
            }
            case LIST -> () -> new CollectAccumulator(CollectAccumulator.Mode.LIST, input, 0);
            case TOP_K -> {
                int k = ((Number) agg.parameters().get(0)).intValue();
                if (k <= 64 && TopKAccumulator.handles(input)) {
                    yield () -> new TopKAccumulator(input, k);
                }
                yield () -> new CollectAccumulator(CollectAccumulator.Mode.TOP_K, input, k);
            }
            case ARG_MIN -> () -> new CollectAccumulator(CollectAccumulator.Mode.ARG_MIN, input, 0);
            case HISTOGRAM -> () -> new CollectAccumulator(CollectAccumulator.Mode.HISTOGRAM, input, 0);
            case ARG_MAX -> () -> new CollectAccumulator(CollectAccumulator.Mode.ARG_MAX, input, 0);
            case MIN_BY -> () -> new ArgByAccumulator(result, false);
            case MAX_BY -> () -> new ArgByAccumulator(result, true);
            case MODE -> () -> new ModeAccumulator(input, false);
            case QUANTILE_DISC -> {
                java.math.BigDecimal q = (java.math.BigDecimal) agg.parameters().get(0);
                yield () -> new DiscreteQuantileAccumulator(input, q);
            }
            case BITWISE_AND -> () -> new BitwiseAccumulator(BitwiseAccumulator.Operation.AND, result);
            case BITWISE_OR -> () -> new BitwiseAccumulator(BitwiseAccumulator.Operation.OR, result);
            case BITWISE_XOR -> () -> new BitwiseAccumulator(BitwiseAccumulator.Operation.XOR, result);
            case ROW_NUMBER, RANK, DENSE_RANK, LAG, LEAD, NTH_VALUE -> throw new IllegalArgumentException(
                    agg.function().displayName() + " is a window function, not an aggregation per group");
        };
    }
}
