package dev.floe.frame.expr;

/** The aggregate functions of {@link Agg}: each reduces a group's values to one. */
public enum AggFunction {
    /** Sum of the non-null values (0 for none): {@code i64} for integers, the float type for floats. */
    SUM("sum"),
    /** Mean of the non-null values (null for none): {@code f64}. */
    MEAN("mean"),
    MIN("min"),
    MAX("max"),
    /** Number of non-null values: {@code i64}. */
    COUNT("count"),
    /** Number of rows, nulls included: {@code i64}. */
    LEN("len"),
    /**
     * The value of the group's first row (in input order), null or not; with the parameter
     * {@link #IGNORE_NULLS}, of its first row with a value.
     */
    FIRST("first"),
    /** The value of the group's last row (in input order), null or not. */
    LAST("last"),
    /** Number of distinct values, null counting as one: {@code i64}. */
    N_UNIQUE("n_unique"),
    /** Median of the non-null values, the mean of the two middle ones for an even count: {@code f64}. */
    MEDIAN("median"),
    /** Quantile {@code q} of the non-null values, by {@code nearest} rank or {@code linear} interpolation. */
    QUANTILE("quantile"),
    /** Standard deviation with {@code ddof} (default 1, the sample's): {@code f64}. */
    STD("std"),
    /** Variance with {@code ddof} (default 1): {@code f64}. */
    VAR("var"),
    /**
     * Skewness of the non-null values (the parameter {@code bias}: true for the population's g1,
     * false for the sample's adjusted G1, as pandas' {@code skew} and DuckDB's {@code skewness}):
     * {@code f64}; null over fewer than 3 values (1 for the population's), NaN where they do not
     * vary; over infinities or NaN it fails.
     */
    SKEW("skew"),
    /** The product of the non-null values, in {@code f64} (as DuckDB's {@code product}); null over none. */
    PRODUCT("product"),
    /**
     * Excess kurtosis of the non-null values (the parameter {@code bias}: true for the
     * population's g2, false for the sample's G2, as pandas' {@code kurt} and DuckDB's
     * {@code kurtosis}): {@code f64}; null over fewer than 4 values (2 for the population's) and
     * where they do not vary; over infinities or NaN it fails.
     */
    KURT("kurtosis"),
    /** Pearson correlation of two columns over the rows where both are present: {@code f64}. */
    CORR("pearson_corr"),
    /**
     * Covariance of two columns over the rows where both are present, with {@code ddof} (the
     * parameter: 0 the population's, 1 the sample's): {@code f64}; null over no more than
     * {@code ddof} pairs.
     */
    COVAR("cov"),
    /**
     * Every value of the group, nulls included, in input order: a list. With a second input (a
     * boolean), the values of the rows where it is true.
     */
    LIST("list"),
    /** The {@code k} largest non-null values, largest first: a list. */
    TOP_K("top_k"),
    /** Position in the group (from 0, in input order) of the first smallest non-null value: {@code i64}. */
    ARG_MIN("arg_min"),
    /** Position in the group (from 0, in input order) of the first largest non-null value: {@code i64}. */
    ARG_MAX("arg_max"),
    /**
     * The first input's value on the row where the second input (the key) is smallest, over the
     * rows where both are present; the earliest such row among equal keys (SQL's {@code arg_min}).
     */
    MIN_BY("min_by"),
    /** As {@link #MIN_BY}, where the key is largest (SQL's {@code arg_max}). */
    MAX_BY("max_by"),
    /** The most frequent non-null value; the first in input order among as frequent ones. */
    MODE("mode"),
    /**
     * How many times each distinct non-null value occurs: a map from the values, smallest first, to
     * their counts ({@code i64}); null over none (SQL's {@code histogram}, pandas' {@code value_counts}
     * per group).
     */
    HISTOGRAM("histogram"),
    /**
     * The non-null value of rank {@code max(1, ceil(n * q))}, {@code q} (the parameter) an exact
     * {@link java.math.BigDecimal}: the values' type (SQL's {@code quantile_disc}).
     */
    QUANTILE_DISC("quantile_disc"),
    /**
     * The median absolute deviation of the non-null values: the median of their distances from
     * their median, an {@code f64} (SciPy's {@code median_abs_deviation}, SQL's {@code mad}); null over none.
     */
    MAD("mad"),
    /**
     * The Shannon entropy of the non-null values in bits, {@code -sum(p * log2(p))} over each distinct
     * value's share {@code p}, an {@code f64}; 0 over none (SQL's {@code entropy}).
     */
    ENTROPY("entropy"),
    /** The bitwise and of the non-null integers, in their type; null over none (SQL's {@code bit_and}). */
    BITWISE_AND("bitwise_and"),
    /** The bitwise or of the non-null integers, in their type; null over none (SQL's {@code bit_or}). */
    BITWISE_OR("bitwise_or"),
    /** The bitwise exclusive or of the non-null integers, in their type; null over none (SQL's {@code bit_xor}). */
    BITWISE_XOR("bitwise_xor"),
    /** Window only: the row's position in its partition's order, from 1. */
    ROW_NUMBER("row_number"),
    /** Window only: 1 plus the number of rows ordered strictly before the row (ties share a rank, gaps follow). */
    RANK("rank"),
    /** Window only: 1 plus the number of distinct order values before the row (no gaps). */
    DENSE_RANK("dense_rank"),
    /** Window only: the value {@code offset} rows before, in the partition's order. */
    LAG("lag"),
    /** Window only: the value {@code offset} rows after, in the partition's order. */
    LEAD("lead"),
    /**
     * Window only: the value of the frame's row number {@code n} (the parameter, from 1), in the
     * window's order; null where the frame has fewer rows. Follows the window's frame.
     */
    NTH_VALUE("nth_value");

    /** The parameter of {@link #FIRST} that passes over nulls. */
    public static final String IGNORE_NULLS = "ignore_nulls";
    /**
     * The parameter of {@link #STD}, {@link #VAR} and {@link #CORR} that makes them as DuckDB's
     * (SQL's): a result that is not finite (over infinities or NaN, or a deviation that overflows)
     * raises an out-of-range error, and the population deviations of one value are 0.
     */
    public static final String CHECK_FINITE = "check_finite";
    /** The parameter of {@link #MAX} that makes NaN larger than every number, instead of passed over. */
    public static final String NAN_LARGEST = "nan_largest";
    /**
     * The parameter of {@link #MEDIAN} and a linear {@link #QUANTILE} of decimals that keeps their
     * type, interpolated as SQL engines (DuckDB) do (the median of 9.0 and 10.5 is 9.7 in one digit
     * after the point: the part between the two truncated; past 18 digits through doubles).
     */
    public static final String EXACT_DECIMAL = "exact_decimal";

    private final String displayName;

    AggFunction(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether this function only has a meaning over a window ({@code over}), not per group. */
    public boolean windowOnly() {
        return this == ROW_NUMBER || this == RANK || this == DENSE_RANK || this == LAG || this == LEAD;
    }

    /**
     * Whether this aggregation's value follows the order its values come in: a list's order, and
     * which of tied values wins (arg_min, min_by, mode take the first seen). Over an ordered window
     * they come in the window's order, whatever the frame.
     */
    public boolean followsOrder() {
        return this == LIST || this == ARG_MIN || this == ARG_MAX || this == MIN_BY || this == MAX_BY || this == MODE
                || this == FIRST || this == LAST;
    }

    /** Whether this aggregation exists only over a window's frames ({@link #NTH_VALUE}). */
    public boolean frameOnly() {
        return this == NTH_VALUE;
    }
}
