package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.plan.SortKey;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 128-bit integer type: values, arithmetic, casts, order, keys, sums, and where it goes. */
class Int128Test {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger BIG = TWO_TO_64.multiply(BigInteger.valueOf(3)).add(BigInteger.valueOf(7));

    private static DataFrame wide() {
        return DataFrame.of(Series.of("w", DataType.INT128, Arrays.asList(BIG, BigInteger.valueOf(-5), null,
                BIG.negate(), Int128.MAX_VALUE, BigInteger.ZERO)));
    }

    /** The range limits, where the column package's names would need an import in each test. */
    private static final class Int128 {
        static final BigInteger MAX_VALUE = dev.floe.frame.column.Int128.MAX;
        static final BigInteger MIN_VALUE = dev.floe.frame.column.Int128.MIN;
    }

    @Test
    void valuesAreBuiltFromBigIntegersAndLongsPrintedAndRefusedOutOfRange() {
        DataFrame df = wide();
        assertThat(df.schema().type("w")).isEqualTo(DataType.INT128);
        assertThat(df.column("w").toList()).containsExactly(BIG, BigInteger.valueOf(-5), null, BIG.negate(),
                Int128.MAX_VALUE, BigInteger.ZERO);
        assertThat(Series.of("x", List.of(BIG)).type()).isEqualTo(DataType.INT128);
        assertThat(Series.of("x", DataType.INT128, List.of(5L, 6)).toList())
                .containsExactly(BigInteger.valueOf(5), BigInteger.valueOf(6));
        assertThat(df.toString()).contains("i128").contains(BIG.toString()).contains(BIG.negate().toString());
        assertThatThrownBy(() -> Series.of("x", DataType.INT128, List.of(Int128.MAX_VALUE.add(BigInteger.ONE))))
                .isInstanceOf(SchemaException.class).hasMessageContaining("does not fit type i128");
        assertThatThrownBy(() -> Series.of("x", DataType.INT64, List.of(BIG))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("does not fit type i64");
        assertThat(Series.of("x", DataType.INT64, List.of(BigInteger.TEN)).toList()).containsExactly(10L);
        assertThatThrownBy(() -> df.column("w").getLong(0)).isInstanceOf(OutOfRangeException.class);
        assertThat(df.column("w").getLong(1)).isEqualTo(-5L);
    }

    @Test
    void arithmeticIsExactAndChecked() {
        DataFrame df = wide().filter(col("w").ne(lit(Int128.MAX_VALUE)).or(col("w").isNull()));
        DataFrame out = df.select(col("w").add(1).alias("plus"), col("w").sub(BIG).alias("minus"),
                col("w").neg().alias("neg"), col("w").abs().alias("abs"), col("w").gt(0).alias("positive"),
                col("w").div(2).alias("half"));
        assertThat(out.schema().type("plus")).isEqualTo(DataType.INT128);
        assertThat(out.column("plus").toList()).containsExactly(BIG.add(BigInteger.ONE), BigInteger.valueOf(-4), null,
                BIG.negate().add(BigInteger.ONE), BigInteger.ONE);
        assertThat(out.column("minus").get(0)).isEqualTo(BigInteger.ZERO);
        assertThat(out.column("minus").get(3)).isEqualTo(BIG.negate().subtract(BIG));
        assertThat(out.column("neg").get(0)).isEqualTo(BIG.negate());
        assertThat(out.column("abs").get(3)).isEqualTo(BIG);
        assertThat(out.column("positive").toList()).containsExactly(true, false, null, false, false);
        assertThat((Double) out.column("half").get(0)).isCloseTo(BIG.doubleValue() / 2, org.assertj.core.data.Offset.offset(1e3));
        assertThatThrownBy(() -> DataFrame.of(Series.of("w", DataType.INT128, List.of(Int128.MAX_VALUE)))
                .select(col("w").add(1))).isInstanceOf(OutOfRangeException.class).hasMessageContaining("does not fit i128");
        assertThatThrownBy(() -> DataFrame.of(Series.of("w", DataType.INT128, List.of(Int128.MIN_VALUE)))
                .select(col("w").neg())).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> DataFrame.of(Series.of("w", DataType.INT128, List.of(Int128.MIN_VALUE)))
                .select(col("w").sub(1))).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> DataFrame.of(Series.of("w", DataType.INT128, List.of(BIG)))
                .select(col("w").mul(BIG))).isInstanceOf(OutOfRangeException.class);
        // the words carry: 2^64 - 1 + 1, and back
        BigInteger edge = TWO_TO_64.subtract(BigInteger.ONE);
        DataFrame carry = DataFrame.of(Series.of("w", DataType.INT128, List.of(edge, edge.negate())));
        assertThat(carry.select(col("w").add(1).alias("v")).column("v").toList())
                .containsExactly(TWO_TO_64, edge.negate().add(BigInteger.ONE));
        assertThat(carry.select(col("w").mul(3).alias("v")).column("v").toList())
                .containsExactly(edge.multiply(BigInteger.valueOf(3)), edge.multiply(BigInteger.valueOf(-3)));
        assertThatThrownBy(() -> carry.select(col("w").mul(col("w")))).isInstanceOf(OutOfRangeException.class);
    }

    @Test
    void arithmeticAgreesWithBigIntegerOnRandomValues() {
        SplittableRandom random = new SplittableRandom(128);
        for (int trial = 0; trial < 300; trial++) {
            BigInteger a = randomValue(random);
            BigInteger b = randomValue(random);
            DataFrame df = DataFrame.of(Series.of("a", DataType.INT128, List.of(a)),
                    Series.of("b", DataType.INT128, List.of(b)));
            check(df, col("a").add(col("b")), a.add(b));
            check(df, col("a").sub(col("b")), a.subtract(b));
            check(df, col("a").mul(col("b")), a.multiply(b));
            assertThat(df.select(col("a").lt(col("b")).alias("v")).column("v").get(0)).isEqualTo(a.compareTo(b) < 0);
        }
    }

    private static BigInteger randomValue(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> BigInteger.valueOf(random.nextLong());
            case 1 -> new BigInteger(127, new java.util.Random(random.nextLong())).subtract(BigInteger.ONE.shiftLeft(126));
            case 2 -> BigInteger.valueOf(random.nextLong()).shiftLeft(63);
            default -> random.nextBoolean() ? Int128.MAX_VALUE.subtract(BigInteger.valueOf(random.nextInt(3)))
                    : Int128.MIN_VALUE.add(BigInteger.valueOf(random.nextInt(3)));
        };
    }

    private static void check(DataFrame df, dev.floe.frame.expr.Expr expr, BigInteger exact) {
        if (exact.bitLength() <= 127) {
            assertThat(df.select(expr.alias("v")).column("v").get(0)).as("%s", expr).isEqualTo(exact);
        } else {
            assertThatThrownBy(() -> df.select(expr)).as("%s = %s", expr, exact).isInstanceOf(OutOfRangeException.class);
        }
    }

    @Test
    void castsToAndFromOtherTypesAreChecked() {
        DataFrame df = wide();
        assertThat(df.select(col("w").cast(DataType.FLOAT64).alias("v")).column("v").get(0)).isEqualTo(BIG.doubleValue());
        assertThat(df.select(col("w").cast(DataType.UTF8).alias("v")).column("v").get(0)).isEqualTo(BIG.toString());
        assertThatThrownBy(() -> df.select(col("w").cast(DataType.INT64))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining(BIG.toString());
        assertThat(df.select(col("w").tryCast(DataType.INT64).alias("v")).column("v").toList())
                .containsExactly(null, -5L, null, null, null, 0L);
        assertThat(df.select(col("w").tryCast(DataType.INT8).alias("v")).column("v").get(1)).isEqualTo((byte) -5);
        DataFrame text = DataFrame.of(Series.of("s", Arrays.asList(BIG.toString(), " -12 ", "x", "١٢")));
        assertThat(text.select(col("s").tryCast(DataType.INT128).alias("v")).column("v").toList())
                .containsExactly(BIG, BigInteger.valueOf(-12), null, null);
        DataFrame floats = DataFrame.of(Series.of("f", 1e30, -2.9, Double.NaN));
        assertThat(floats.select(col("f").tryCast(DataType.INT128).alias("v")).column("v").toList())
                .containsExactly(new java.math.BigDecimal(1e30).toBigInteger(), BigInteger.valueOf(-2), null);
        assertThatThrownBy(() -> DataFrame.of(Series.of("f", 1e39)).select(col("f").cast(DataType.INT128)))
                .isInstanceOf(OutOfRangeException.class);
        assertThat(DataFrame.of(Series.of("i", 7, -7)).select(col("i").cast(DataType.INT128).alias("v")).column("v")
                .toList()).containsExactly(BigInteger.valueOf(7), BigInteger.valueOf(-7));
    }

    @Test
    void sortsGroupsJoinsAndAggregatesByValue() {
        DataFrame df = wide();
        assertThat(df.sort(SortKey.asc("w")).column("w").toList()).containsExactly(null, BIG.negate(),
                BigInteger.valueOf(-5), BigInteger.ZERO, BIG, Int128.MAX_VALUE);
        DataFrame keyed = DataFrame.of(Series.of("k", DataType.INT128, Arrays.asList(BIG, BIG, null, BigInteger.ONE, null)),
                Series.of("v", 1L, 2L, 3L, 4L, 5L));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 2), new ExecutionConfig(3, 1))) {
            DataFrame grouped = keyed.lazy().groupBy("k").agg(col("v").sum()).sort(SortKey.asc("k")).collect(config);
            assertThat(grouped.column("k").toList()).containsExactly(null, BigInteger.ONE, BIG);
            assertThat(grouped.column("v").toList()).containsExactly(8L, 4L, 3L);
        }
        DataFrame other = DataFrame.of(Series.of("k", DataType.INT64, List.of(1L, 2L)), Series.of("x", "one", "two"));
        DataFrame joined = keyed.join(other.lazy().select(col("k").cast(DataType.INT128), col("x")).collect(), "k");
        assertThat(joined.column("x").toList()).containsExactly("one");
        DataFrame stats = df.select(col("w").min().alias("min"), col("w").max().alias("max"),
                col("w").first().alias("first"), col("w").count().alias("count"), col("w").nUnique().alias("unique"),
                col("w").sum().alias("sum"), col("w").median().alias("median"));
        assertThat(stats.row(0).toList().subList(0, 6)).containsExactly(BIG.negate(), Int128.MAX_VALUE, BIG, 5L, 6L,
                Int128.MAX_VALUE.add(BigInteger.valueOf(-5)));
        assertThat(df.unique().height()).isEqualTo(6);
        assertThat(df.filter(col("w").isIn(List.of(BIG, -5L))).column("w").toList())
                .containsExactly(BIG, BigInteger.valueOf(-5));
    }

    @Test
    void sumsOfIntegersNeverWrap() {
        DataFrame df = DataFrame.of(Series.of("k", 1, 1, 2, 2), Series.of("b", Long.MAX_VALUE, 1L, 5L, -1L),
                Series.of("i", Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 2));
        // the DataFrame API sums integers in i64 and refuses a sum beyond it, naming the aggregation
        assertThatThrownBy(() -> df.select(col("b").sum())).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("does not fit i64").hasMessageContaining("col(\"b\").sum()");
        assertThatThrownBy(() -> df.groupBy("k").agg(col("b").sum())).isInstanceOf(OutOfRangeException.class);
        assertThat(df.select(col("i").sum()).column("i").get(0)).isEqualTo(2L * Integer.MAX_VALUE + 3);
        // partial sums may leave i64 and come back: the sum is exact whatever the order
        DataFrame back = DataFrame.of(Series.of("b", Long.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE, -Long.MAX_VALUE, 5L));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 1), new ExecutionConfig(3, 1))) {
            assertThat(back.lazy().select(col("b").sum()).collect(config).column("b").get(0)).isEqualTo(5L);
        }
        // in i128 the sum is exact; its mean too
        DataFrame wideSums = df.lazy().groupBy("k").agg(col("b").cast(DataType.INT128).sum().alias("s"),
                col("b").cast(DataType.INT128).mean().alias("m"), col("b").mean().alias("m64")).sort(SortKey.asc("k"))
                .collect();
        assertThat(wideSums.column("s").toList()).containsExactly(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                BigInteger.valueOf(4));
        assertThat(wideSums.column("m").toList()).containsExactly(0x1p62, 2.0);
        assertThat(wideSums.column("m64").toList()).containsExactly(0x1p62, 2.0);
        DataFrame small = DataFrame.of(Series.of("b", -112L, 5L));
        assertThat(small.select(col("b").cast(DataType.INT128).mean().alias("m")).column("m").get(0)).isEqualTo(-53.5);
        // a running sum too: i64 in the DataFrame API, refused past it
        DataFrame ordered = DataFrame.of(Series.of("t", 1, 2, 3), Series.of("b", Long.MAX_VALUE, 1L, -2L));
        assertThatThrownBy(() -> ordered.select(col("b").sum().over().orderBy("t"))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("running sum");
        assertThat(ordered.select(col("b").cast(DataType.INT128).sum().over().orderBy("t").alias("s")).column("s").toList())
                .containsExactly(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                        BigInteger.valueOf(Long.MAX_VALUE).subtract(BigInteger.ONE));
        assertThat(ordered.select(col("b").mean().over().orderBy("t").alias("m")).column("m").get(2))
                .isEqualTo((Long.MAX_VALUE - 1) / 3.0);
        assertThatThrownBy(() -> DataFrame.of(Series.of("w", DataType.INT128, List.of(Int128.MAX_VALUE, BigInteger.ONE)))
                .select(col("w").sum())).isInstanceOf(OutOfRangeException.class).hasMessageContaining("i128");
    }

    @Test
    void filesTakeItAsTextOrRefuseItByName(@TempDir Path dir) throws Exception {
        DataFrame df = wide();
        Path csv = dir.resolve("w.csv");
        df.writeCsv(csv);
        assertThat(Files.readAllLines(csv)).containsExactly("w", BIG.toString(), "-5", "NA", BIG.negate().toString(),
                Int128.MAX_VALUE.toString(), "0");
        assertThatThrownBy(() -> DataFrame.of(Series.of("w", DataType.INT128, List.of(BIG))).select(col("w").list()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("lists do not hold i128");
        assertThat(lit(BIG).toString()).contains(BIG.toString());
    }
}
