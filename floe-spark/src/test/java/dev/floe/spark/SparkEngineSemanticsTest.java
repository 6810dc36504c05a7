package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.FileSink;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.Schema;
import dev.floe.frame.Session;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The places where Spark's operators answer otherwise than Floe's, each against the local engine on chosen values. */
class SparkEngineSemanticsTest {
    private static SparkEngine spark;

    @BeforeAll
    static void start() {
        spark = SparkEngine.local(2);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static void same(String what, LazyFrame plan) {
        SameRows.assertSame(what, plan.collect(), plan.collect(spark), true);
    }

    @Test
    void ieeeDivisionSignedZerosAndNaN() {
        Double[] a = {1.0, -1.0, 0.0, -0.0, Double.NaN, null, 5.0, Double.POSITIVE_INFINITY, 7.5};
        Double[] b = {0.0, 0.0, 0.0, -0.0, 0.0, 0.0, -0.0, 0.0, null};
        DataFrame frame = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("a", DataType.FLOAT64),
                new Schema.Field("b", DataType.FLOAT64))), java.util.stream.IntStream.range(0, a.length)
                .mapToObj(i -> Arrays.<Object>asList(a[i], b[i])).toList());
        LazyFrame plan = frame.lazy().select(col("a").div(col("b")).alias("div"), col("a").rem(col("b")).alias("rem"),
                col("a").eq(col("a")).alias("self"), col("a").lt(col("b")).alias("lt"), col("a").fillNull(2.5).alias("f"));
        same("IEEE division", plan);
        DataFrame onSpark = plan.collect(spark);
        assertThat(onSpark.getDouble(0, "div")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(onSpark.getDouble(6, "div")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(onSpark.getDouble(2, "div")).isNaN();
        assertThat(onSpark.isNull(5, "div")).isTrue();
    }

    @Test
    void floorDivisionAndModuloTakeTheDivisorsSign() {
        DataFrame frame = DataFrame.of(Map.of("a", List.of(7L, -7L, 7L, -7L, 0L, Long.MIN_VALUE, 5L),
                "b", List.of(3L, 3L, -3L, -3L, 5L, 7L, 0L)));
        same("floor division and modulo", frame.lazy().select(col("a").floorDiv(col("b")).alias("fd"),
                col("a").mod(col("b")).alias("mod"), col("a").rem(col("b")).alias("rem"), col("a").div(col("b")).alias("div")));
    }

    @Test
    void sumsOverNoValuesAreZeroAndMaxPassesOverNaN() {
        DataFrame frame = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("k", DataType.UTF8),
                new Schema.Field("v", DataType.FLOAT64), new Schema.Field("i", DataType.INT64))),
                List.of(Arrays.asList("a", Double.NaN, null), Arrays.asList("a", 1.0, null), Arrays.asList("b", Double.NaN, 3L),
                        Arrays.asList("c", null, null)));
        LazyFrame plan = frame.lazy().groupBy("k").agg(col("i").sum().alias("isum"), col("v").sum().alias("vsum"),
                col("v").max().alias("max"), col("v").nanMax().alias("nan_max"), col("v").min().alias("min"),
                col("i").mean().alias("mean")).sort("k");
        same("empty sums and NaN", plan);
        DataFrame onSpark = plan.collect(spark);
        assertThat(onSpark.getLong(0, "isum")).isZero();
        assertThat(onSpark.getDouble(0, "max")).isEqualTo(1.0);
        assertThat(onSpark.getDouble(0, "nan_max")).isNaN();
        assertThat(onSpark.getDouble(1, "max")).isNaN();
    }

    @Test
    void aStrictCastOfABadValueFailsOnBothEngines() {
        LazyFrame plan = DataFrame.of(Map.of("y", List.of(1.5, Double.NaN))).lazy().select(col("y").cast(DataType.INT64));
        assertThatThrownBy(plan::collect).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> plan.collect(spark)).isInstanceOf(OutOfRangeException.class);
        LazyFrame lenient = DataFrame.of(Map.of("y", List.of(1.5, Double.NaN, 1e30))).lazy()
                .select(col("y").tryCast(DataType.INT32));
        same("a lenient cast", lenient);
    }

    @Test
    void aSessionOnSparkSinksFilesAsTheLocalEngineWrites(@TempDir Path directory) {
        DataFrame frame = SparkEngineDifferentialTest.facts(new java.util.Random(5), 40);
        LazyFrame plan = frame.lazy().filter(col("x").gt(0)).select(col("id"), col("k"), col("x").mul(lit(3)).alias("x3"));
        Session session = Session.create().engine(spark);
        Path onSpark = directory.resolve("spark.csv");
        Path local = directory.resolve("local.csv");
        long rows = session.sink(plan.plan(), new FileSink(onSpark, "csv", Map.of(), true));
        plan.sinkCsv(local);
        assertThat(rows).isEqualTo(plan.collect().height());
        assertThat(onSpark).hasSameTextualContentAs(local);
        assertThat(session.collect(plan).height()).isEqualTo(rows);
        assertThat(spark.explain(plan.plan())).startsWith("Spark (local[2])");
    }

    @Test
    void aSecondEngineInTheSameJvmIsRefusedRatherThanShared() {
        assertThatThrownBy(() -> SparkEngine.local(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SparkEngine.of(session)");
        try (SparkEngine shared = SparkEngine.of(spark.session())) {
            assertThat(Floe.scanCsv(csvOf(shared)).collect(shared).height()).isEqualTo(2);
        }
        assertThat(spark.session().sparkContext().isStopped()).isFalse();
    }

    @Test
    void aCancelledQueryStopsItsSparkJobs() throws InterruptedException {
        DataFrame numbers = DataFrame.of(Map.of("a", java.util.stream.LongStream.range(0, 100_000).boxed().toList()));
        LazyFrame heavy = numbers.lazy().crossJoin(numbers.lazy().rename("a", "b"))
                .select(col("a").add(col("b")).max().alias("most")); // 10^10 pairs: minutes, unless cancelled
        dev.floe.frame.QueryHandle<DataFrame> handle = Session.create().engine(spark).submit(heavy.plan());
        var tracker = spark.session().sparkContext().statusTracker();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (tracker.getActiveJobIds().length == 0 && !handle.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tracker.getActiveJobIds()).as("a Spark job runs").isNotEmpty();
        handle.cancel();
        assertThatThrownBy(handle::get).isInstanceOf(dev.floe.frame.physical.QueryCancelledException.class);
        while (tracker.getActiveJobIds().length > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tracker.getActiveJobIds()).as("Spark's jobs are cancelled").isEmpty();
    }

    private static String csvOf(SparkEngine engine) {
        try {
            Path file = java.nio.file.Files.createTempFile("floe-spark", ".csv");
            java.nio.file.Files.writeString(file, "a,b\n1,x\n2,y\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
