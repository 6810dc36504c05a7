package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.len;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Group-bys that Floe's engine computes in two stages on Spark ({@link PartialAggregation}): each
 * against the local engine, and against Spark's own operators (the stages turned off), with the
 * Floe step seen in the query's lineage.
 */
class SparkStagesTest {
    private static SparkEngine spark;
    private static DataFrame frame;

    @BeforeAll
    static void start() {
        // slices of at most a quarter of a 1 MiB message: frames of many slices, each of several pieces
        spark = SparkEngine.connect("local[2]", java.util.Map.of("spark.rpc.message.maxSize", "1"));
        Random random = new Random(20261205);
        String[] names = {"alpha", "beta", "gamma", "délta", "", "zeta"};
        double[] floats = {0.0, -0.0, 1.5, -2.25, Double.NaN, 1e300, Double.POSITIVE_INFINITY, 7.0};
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 20_000; r++) {
            rows.add(Arrays.asList(
                    random.nextInt(10) == 0 ? null : random.nextInt(40),
                    random.nextInt(12) == 0 ? null : names[random.nextInt(names.length)],
                    // large enough that a mean over doubles would lose digits
                    random.nextInt(9) == 0 ? null : Long.MAX_VALUE / 4 - random.nextInt(1000),
                    random.nextInt(7) == 0 ? null : random.nextInt(50) == 0 ? floats[random.nextInt(floats.length)]
                            : random.nextGaussian() * 100,
                    (byte) (random.nextInt(200) - 100),
                    random.nextInt(5) == 0 ? null : "t" + random.nextInt(300),
                    random.nextInt(11) == 0 ? null : random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L)));
        }
        frame = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("k", DataType.INT32),
                new Schema.Field("c", DataType.CATEGORICAL), new Schema.Field("v", DataType.INT64),
                new Schema.Field("d", DataType.FLOAT64), new Schema.Field("b", DataType.INT8),
                new Schema.Field("t", DataType.UTF8), new Schema.Field("w", DataType.INT64))), rows);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** The plan on Spark, with Floe's stages and without, each against the local engine; Floe's step used with them. */
    private static void same(String what, Function<LazyFrame, LazyFrame> query, boolean ordered) {
        LazyFrame plan = query.apply(frame.lazy());
        DataFrame local = plan.collect();
        String lineage = spark.dataset(dev.floe.frame.plan.rule.Optimizer.optimize(plan.plan())).rdd().toDebugString();
        assertThat(lineage).as(what).contains("Floe groups each slice by");
        SameRows.assertSame(what + " (Floe's stages)", local, plan.collect(spark), ordered);
        spark.session().conf().set(PlanTranslator.STAGES, "false");
        try {
            String plain = spark.dataset(dev.floe.frame.plan.rule.Optimizer.optimize(plan.plan())).rdd().toDebugString();
            assertThat(plain).as(what).doesNotContain("Floe groups each slice by");
            SameRows.assertSame(what + " (Spark's operators)", local, plan.collect(spark), ordered);
        } finally {
            spark.session().conf().unset(PlanTranslator.STAGES);
        }
    }

    @Test
    void everyMergedAggregationByIntegerAndTextKeys() {
        same("by an integer key", f -> f.groupBy("k").agg(col("w").sum().alias("sum"), col("v").mean().alias("mean"),
                col("d").min().alias("min"), col("d").max().alias("max"), col("d").count().alias("count"),
                len().alias("n"), col("t").max().alias("tmax"), col("c").min().alias("cmin"), col("b").sum().alias("bsum"),
                col("d").sum().alias("dsum"), col("d").mean().alias("dmean"), col("b").mean().alias("bmean")), false);
        same("by two text keys", f -> f.groupBy("c", "t").agg(col("w").sum(), col("b").max(), col("d").max()), false);
    }

    @Test
    void meanOfLargeIntegersIsExact() {
        // every v near 2^61: a mean through doubles would be off in its last digits
        DataFrame answer = frame.lazy().groupBy("c").agg(col("v").mean().alias("mean")).collect(spark);
        DataFrame local = frame.lazy().groupBy("c").agg(col("v").mean().alias("mean")).collect();
        SameRows.assertSame("mean", local, answer, false);
        // not only within a tolerance: the same double
        DataFrame expected = local.lazy().sort("c").collect();
        DataFrame actual = answer.lazy().sort("c").collect();
        assertThat(actual.height()).isEqualTo(expected.height());
        for (int r = 0; r < expected.height(); r++) {
            assertThat(actual.get(r, "c")).isEqualTo(expected.get(r, "c"));
            assertThat(actual.getDouble(r, "mean")).as("the mean of group %s", expected.get(r, "c"))
                    .isEqualTo(expected.getDouble(r, "mean"));
        }
    }

    @Test
    void throughFiltersAndProjectionsFloeComputes() {
        same("filtered, projected, by a computed key", f -> f.filter(col("t").str().upper().ne(lit("T7")))
                .withColumns(col("k").rem(lit(7)).alias("k7"), col("t").str().upper().alias("u"))
                .select(col("k7"), col("u"), col("v"), col("w"), col("d").mul(lit(2.0)).alias("d2"))
                .groupBy(col("k7"), col("u").str().len().alias("ulen"))
                .agg(col("w").sum(), col("d2").mean(), col("d2").max().sub(col("d2").min()).alias("range")), false);
    }

    @Test
    void functionsOfAggregationsAndOfKeys() {
        same("functions of aggregations", f -> f.groupBy("k").agg(col("v").max().sub(col("v").min()).alias("spread"),
                col("w").sum().div(col("v").mean()).alias("ratio"),
                col("b").sum().div(len()).alias("per_row"), col("k").add(col("b").count()).alias("k_plus")), false);
    }

    @Test
    void withoutKeysOverEveryRowAndOverNone() {
        same("no keys", f -> f.select(col("w").sum(), col("d").mean(), col("b").max(), len().alias("n")), false);
        same("no keys, no rows", f -> f.filter(col("b").gt(lit(1000))).select(col("w").sum().alias("s"),
                col("d").mean().alias("m"), col("d").max().alias("x"), len().alias("n")), false);
    }

    @Test
    void groupsKeepTheirPlacesInFloeOrder() {
        // the row index numbers the groups in order of first appearance, which the slices' places give
        same("groups numbered", f -> f.groupBy("t").agg(col("w").sum().alias("s")).withRowIndex("i"), false);
    }

    @Test
    void nearlyUniqueKeysGoToSparksOwnAggregation() {
        // about one group per row: the slices would give Spark nearly every row, value by value
        DataFrame indexed = frame.lazy().withRowIndex("i").collect();
        LazyFrame plan = indexed.lazy().groupBy(col("i"), col("k")).agg(col("w").sum());
        LazyFrame few = indexed.lazy().groupBy(col("k")).agg(col("w").sum());
        assertThat(spark.dataset(dev.floe.frame.plan.rule.Optimizer.optimize(few.plan())).rdd().toDebugString())
                .contains("Floe groups each slice by");
        assertThat(spark.dataset(dev.floe.frame.plan.rule.Optimizer.optimize(plan.plan())).rdd().toDebugString())
                .doesNotContain("Floe groups each slice by");
        SameRows.assertSame("nearly unique keys", plan.collect(), plan.collect(spark), false);
    }

    @Test
    void laterTasksCarryNoBytesOfTheFrame() {
        DataFrame own = frame.lazy().withColumns(col("k").add(lit(1)).alias("k1")).collect();
        LazyFrame query = own.lazy().groupBy("k1").agg(col("w").sum());
        DataFrame first = query.collect(spark);
        FrameSlices slices = spark.frames().slicesOf(own);
        // the first query's job checkpointed the bytes; the frames are read from the checkpoint from then on
        for (org.apache.spark.Partition partition : slices.slices().partitions()) {
            assertThat(partition.getClass().getSimpleName()).doesNotContain("ParallelCollection");
        }
        SameRows.assertSame("again", first, query.collect(spark), false);
        SameRows.assertSame("again", query.collect(), query.collect(spark), false);
    }

    @Test
    void aFrameInManySlicesOfManyPieces() {
        // many slices of several pieces, a task per core over each run of them
        Random random = new Random(7);
        String[] names = new String[5000];
        for (int n = 0; n < names.length; n++) {
            names[n] = "name" + n;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < 300_000; r++) {
            rows.add(Arrays.asList(random.nextInt(97), names[random.nextInt(names.length)],
                    random.nextInt(13) == 0 ? null : random.nextDouble(), "x" + random.nextInt(50)));
        }
        DataFrame big = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("k", DataType.INT32),
                new Schema.Field("c", DataType.CATEGORICAL), new Schema.Field("d", DataType.FLOAT64),
                new Schema.Field("t", DataType.UTF8))), rows);
        List<LazyFrame> plans = List.of(
                big.lazy().groupBy("c").agg(col("d").sum().alias("s"), col("d").mean().alias("m"),
                        col("t").max().alias("x"), col("d").count().alias("n")),
                big.lazy().filter(col("k").lt(lit(50))).groupBy("k", "t").agg(col("d").min()).withRowIndex("i"),
                big.lazy().select(col("d").sum(), len().alias("n")));
        for (LazyFrame plan : plans) {
            SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), false);
        }
        FrameSlices slices = spark.frames().slicesOf(big);
        assertThat(slices.slices().getNumPartitions()).isGreaterThan(4);
        for (org.apache.spark.Partition partition : slices.slices().partitions()) {
            assertThat(partition.getClass().getSimpleName()).doesNotContain("ParallelCollection");
        }
    }

    @Test
    void persistHoldsAFrameAheadOfTheQueries() {
        DataFrame own = frame.lazy().withColumns(col("k").mul(lit(2)).alias("k2")).collect();
        spark.persist(own);
        // Floe's columns read from the local checkpoint, and Spark's rows checkpointed: no query has run
        assertThat(spark.frames().slicesOf(own).light()).isTrue();
        var rows = spark.frames().of(own).queryExecution().logical();
        assertThat(rows).isInstanceOf(org.apache.spark.sql.execution.LogicalRDD.class);
        assertThat(((org.apache.spark.sql.execution.LogicalRDD) rows).rdd().isCheckpointed()).isTrue();
        LazyFrame staged = own.lazy().groupBy("k2").agg(col("w").sum());
        SameRows.assertSame("a stage over the held frame", staged.collect(), staged.collect(spark), false);
        LazyFrame sparks = own.lazy().groupBy("k2").agg(col("d").median());
        SameRows.assertSame("Spark's own over the held frame", sparks.collect(), sparks.collect(spark), false);
    }

    @Test
    void aStagesSettingOtherThanTrueOrFalseIsRefusedByName() {
        spark.session().conf().set(PlanTranslator.STAGES, "yes");
        try {
            assertThatThrownBy(() -> frame.lazy().groupBy("k").agg(col("w").sum()).collect(spark))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spark.floe.stages")
                    .hasMessageContaining("'yes'");
        } finally {
            spark.session().conf().unset(PlanTranslator.STAGES);
        }
    }

    @Test
    void anErrorInASliceSaysWhere() {
        LazyFrame overflow = frame.lazy().withColumns(lit(Long.MAX_VALUE).alias("v")).groupBy("k").agg(col("v").sum());
        assertThatThrownBy(overflow::collect).hasMessageContaining("out of range");
        assertThatThrownBy(() -> overflow.collect(spark)).hasMessageContaining("out of range")
                .hasMessageContaining("of the frame, in Spark's partition");
    }
}
