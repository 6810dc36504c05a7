package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.WindowFrame;
import dev.floe.frame.expr.WindowFrame.Bound;
import dev.floe.frame.plan.JoinType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Spark cannot run as Floe would is refused when the plan is submitted, naming it; errors
 * Floe raises (overflow) Spark raises too.
 */
class SparkEngineRefusalTest {
    private static SparkEngine spark;
    private static LazyFrame facts;

    @BeforeAll
    static void start() {
        spark = SparkEngine.local(2);
        facts = SparkEngineDifferentialTest.facts(new Random(3), 50).lazy();
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static void refused(LazyFrame plan, String named) {
        assertThatThrownBy(() -> plan.collect(spark)).isInstanceOf(NotTranslatedException.class)
                .hasMessageContaining(named).hasMessageContaining("run this query on the local engine");
    }

    /** Rows in Spark's order: after a shuffle (here a join). */
    private static LazyFrame shuffled() {
        return facts.join(facts.select("id", "g").unique(), JoinType.INNER, "id");
    }

    /** A CSV scan of bytes from a stream: no file the executors could open. */
    private static LazyFrame streamed() {
        return dev.floe.frame.Floe.scan(dev.floe.frame.io.csv.CsvSource.of(new java.io.ByteArrayInputStream(
                "k,z\nk1,1\nk2,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "input",
                dev.floe.frame.io.csv.CsvOptions.defaults()));
    }

    @Test
    void aSortOrGroupingByAStructOrListIsRefused() {
        // its sort key's bytes are no text Spark's strings carry unchanged
        refused(facts.select(col("id"), dev.floe.frame.expr.Exprs.struct(col("k"), col("x")).alias("st")).sort("st"),
                "sort_key");
        refused(facts.groupBy(dev.floe.frame.expr.Exprs.listOf(col("k"), col("k")).alias("kk")).agg(col("x").sum()),
                "sort_key");
    }

    @Test
    void aFunctionWhoseSettingsComeFromAColumnIsRefused() {
        // SQL makes its expression per setting by translating the call again, which no executor can
        dev.floe.frame.expr.PerValue pad = new dev.floe.frame.expr.PerValue() {
            @Override
            public int[] settings() {
                return new int[] {1};
            }

            @Override
            public Expr bind(List<Object> settings) {
                return col(dev.floe.frame.expr.PerValue.input(0)).str().padStart(((Number) settings.get(0)).intValue(), "*");
            }

            @Override
            public dev.floe.frame.DataType type() {
                return dev.floe.frame.DataType.UTF8;
            }
        };
        LazyFrame padded = facts.select(dev.floe.frame.expr.PerValue.call(List.of(col("k"), col("id").mod(5)), pad)
                .alias("p"));
        org.assertj.core.api.Assertions.assertThat(padded.collect().height()).isEqualTo(50);
        refused(padded, "settings that come from columns");
    }

    @Test
    void aScanOfAStreamIsRefused() {
        org.assertj.core.api.Assertions.assertThat(streamed().collect().height()).isEqualTo(2);
        refused(streamed(), "write it to a file first");
    }

    @Test
    void whatFloeComputesInTheExecutorsFailsAsOnTheLocalEngineSayingWhere() {
        // gcd(i64 minimum, 0) is 2^63, past the largest i64; Spark has no gcd, so Floe computes it there
        LazyFrame gcd = facts.select(col("id").sub(col("id")).add(Long.MIN_VALUE).gcd(col("x").mul(0)).alias("gcd"));
        assertThatThrownBy(gcd::collect).isInstanceOf(OutOfRangeException.class).hasMessageContaining("gcd(");
        assertThatThrownBy(() -> gcd.collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("is past the largest i64").hasMessageContaining("of Spark's partition")
                .hasMessageContaining("on Spark");
    }

    @Test
    void aGroupByFloeComputesInTheExecutorsFailsAsOnTheLocalEngineSayingWhere() {
        // min_by has no Spark form, so Floe groups these rows, and its checked sum overflows there
        LazyFrame groups = facts.groupBy("g").agg(col("x").minBy(col("y")).alias("m"),
                col("id").abs().add(Long.MAX_VALUE / 2).sum().alias("s"));
        assertThatThrownBy(groups::collect).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> groups.collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("in the groups of Spark's partition").hasMessageContaining("on Spark");
    }

    @Test
    void anI128PastSparksWidestDecimalFailsRatherThanChanges() {
        java.math.BigInteger wide = java.math.BigInteger.TEN.pow(38);
        DataFrame frame = DataFrame.ofRows(dev.floe.frame.Schema.of("n", dev.floe.frame.DataType.INT128),
                new Object[] {java.math.BigInteger.ONE}, new Object[] {wide.negate()});
        assertThatThrownBy(() -> frame.lazy().collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("-" + wide).hasMessageContaining("38 digits");
        // Spark's hex takes no i128: Floe computes the whole expression in the executors from id, so the
        // 39-digit value never crosses to Spark and the answer is Floe's
        LazyFrame computed = facts.select(col("id").cast(dev.floe.frame.DataType.INT128).mul(0).add(lit(wide))
                .toHex().alias("hex"));
        org.assertj.core.api.Assertions.assertThat(computed.collect().column("hex").get(0))
                .isEqualTo(wide.toString(16).toUpperCase(java.util.Locale.ROOT));
        org.assertj.core.api.Assertions.assertThat(computed.collect(spark).column("hex").get(0))
                .isEqualTo(wide.toString(16).toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void explainShowsWhatFloeComputesInTheExecutors() {
        String plan = spark.explain(facts.filter(col("k").str().upper().eq(lit("K1"))).plan());
        org.assertj.core.api.Assertions.assertThat(plan).contains("Floe computes [col(\"k\").str.to_uppercase()]");
    }

    @Test
    void refusalComesBeforeSparkRunsAnything() {
        long jobs = spark.session().sparkContext().statusTracker().getJobIdsForGroup(null).length;
        refused(shuffled().filter(col("x").gt(0)).join(streamed(), JoinType.INNER, "k").groupBy("g").agg(col("z").sum()),
                "write it to a file first");
        org.assertj.core.api.Assertions.assertThat(spark.session().sparkContext().statusTracker().getJobIdsForGroup(null))
                .hasSize((int) jobs);
    }

    @Test
    void overflowFailsOnBothEngines() {
        LazyFrame small = facts.select(col("s").add(col("s")).mul(col("s")));
        assertThatThrownBy(small::collect).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> small.collect(spark)).isInstanceOf(OutOfRangeException.class).hasMessageContaining("Spark");
        LazyFrame wide = facts.select(lit(Long.MAX_VALUE).add(col("id").abs()).add(1));
        assertThatThrownBy(wide::collect).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> wide.collect(spark)).isInstanceOf(OutOfRangeException.class);
        for (int exponent : new int[] {3, 70}) {
            LazyFrame power = facts.select(col("id").add(3_000_000).pow(exponent));
            assertThatThrownBy(power::collect).isInstanceOf(OutOfRangeException.class);
            assertThatThrownBy(() -> power.collect(spark)).isInstanceOf(OutOfRangeException.class);
        }
        LazyFrame sum = facts.select(lit(Long.MAX_VALUE / 2).add(col("x").abs()).sum());
        assertThatThrownBy(sum::collect).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> sum.collect(spark)).isInstanceOf(OutOfRangeException.class);
    }

    @Test
    void aHorizontalConcatOfFramesOfDifferentHeightsFailsOnBothEngines() {
        LazyFrame uneven = LazyFrame.concatHorizontal(List.of(facts.select("k"), facts.filter(col("x").gt(0)).select("x")));
        assertThatThrownBy(uneven::collect).hasMessageContaining("a horizontal concat needs frames of one height");
        assertThatThrownBy(() -> uneven.collect(spark)).isInstanceOf(dev.floe.FloeException.class)
                .hasMessageContaining("a horizontal concat needs frames of one height").hasMessageContaining("on Spark");
    }

    @Test
    void theSkewnessOfNaNFailsOnBothEngines() {
        LazyFrame skew = facts.groupBy("g").agg(col("y").skew().alias("s"));
        assertThatThrownBy(skew::collect).isInstanceOf(OutOfRangeException.class).hasMessageContaining("infinite or NaN");
        assertThatThrownBy(() -> skew.collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("infinite or NaN").hasMessageContaining("on Spark");
    }

    @Test
    void aDateThatDoesNotExistFailsOnBothEngines() {
        LazyFrame leap = facts.select(dev.floe.frame.expr.Exprs.makeDate(2023, 2, col("id").abs().mod(3).add(28))
                .alias("day"));
        assertThatThrownBy(leap::collect).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> leap.collect(spark)).isInstanceOf(OutOfRangeException.class).hasMessageContaining("Spark");
    }

    @Test
    void checksFailOnBothEnginesWithTheirMessage() {
        dev.floe.sql.SqlContext sql = new dev.floe.sql.SqlContext().register("facts", facts.collect());
        LazyFrame zero = sql.plan("SELECT ln(x - x) AS l FROM facts");
        assertThatThrownBy(zero::collect).isInstanceOf(OutOfRangeException.class).hasMessageContaining("logarithm of zero");
        assertThatThrownBy(() -> zero.collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("logarithm of zero").hasMessageContaining("on Spark");
        LazyFrame negative = sql.plan("SELECT sqrt(-1 - abs(x)) AS r FROM facts");
        assertThatThrownBy(() -> negative.collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("of a negative number");
        java.util.function.Function<Expr, LazyFrame> require = condition -> facts.select(new dev.floe.frame.expr.Call(
                dev.floe.frame.expr.ScalarFunction.REQUIRE_TRUE, condition, List.of("x must be below 100")).alias("ok"));
        org.assertj.core.api.Assertions.assertThat(require.apply(col("x").lt(100)).collect(spark).height())
                .isEqualTo(facts.collect().height());
        assertThatThrownBy(() -> require.apply(col("x").lt(0)).collect(spark)).isInstanceOf(dev.floe.FloeException.class)
                .hasMessageContaining("x must be below 100");
        assertThatThrownBy(() -> require.apply(col("x").lt(0)).collect()).hasMessageContaining("x must be below 100");
    }

    @Test
    void sqlDeviationsOverNaNFailOnBothEngines() {
        dev.floe.sql.SqlContext sql = new dev.floe.sql.SqlContext().register("facts", facts.collect());
        LazyFrame deviation = sql.plan("SELECT g, stddev(y) AS sd FROM facts GROUP BY g");
        assertThatThrownBy(deviation::collect).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("a standard deviation of NaN");
        assertThatThrownBy(() -> deviation.collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("a standard deviation of NaN").hasMessageContaining("on Spark");
        LazyFrame correlation = sql.plan("SELECT g, corr(x, y) AS c FROM facts GROUP BY g");
        assertThatThrownBy(correlation::collect).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("a deviation of the second input is not finite");
        assertThatThrownBy(() -> correlation.collect(spark)).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("a deviation of the second input is not finite").hasMessageContaining("on Spark");
    }

    @Test
    void explodingListsOfDifferentLengthsFailsOnBothEngines() {
        LazyFrame uneven = facts.select(col("id"), dev.floe.frame.expr.Exprs.listOf(col("x")).alias("one"),
                dev.floe.frame.expr.Exprs.listOf(col("x"), col("s").cast(dev.floe.frame.DataType.INT32)).alias("two"))
                .explode("one", "two");
        String message = "explode needs each row's lists to be equally long";
        assertThatThrownBy(uneven::collect).hasMessageContaining(message);
        assertThatThrownBy(() -> uneven.collect(spark)).isInstanceOf(dev.floe.FloeException.class)
                .hasMessageContaining(message).hasMessageContaining("lists of 1 and 2 elements").hasMessageContaining("on Spark");
        LazyFrame even = facts.select(col("id"), dev.floe.frame.expr.Exprs.listOf(col("x")).alias("one"),
                dev.floe.frame.expr.Exprs.listOf(col("s").cast(dev.floe.frame.DataType.INT32)).alias("other"))
                .explode("one", "other");
        SameRows.assertSame(even.explain(), even.collect(), even.collect(spark), true);
    }

    @Test
    void anEmptyFrameKeepsItsColumns() {
        DataFrame empty = facts.filter(col("x").gt(1000)).collect(spark);
        org.assertj.core.api.Assertions.assertThat(empty.height()).isZero();
        org.assertj.core.api.Assertions.assertThat(empty.schema()).isEqualTo(facts.schema());
    }
}
