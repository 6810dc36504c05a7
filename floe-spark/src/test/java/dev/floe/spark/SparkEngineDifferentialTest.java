package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.denseRank;
import static dev.floe.frame.expr.Exprs.rank;
import static dev.floe.frame.expr.Exprs.rowNumber;
import static dev.floe.frame.expr.Exprs.len;
import static dev.floe.frame.expr.Exprs.lit;
import static dev.floe.frame.expr.Exprs.when;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.WindowFrame;
import dev.floe.frame.expr.WindowFrame.Bound;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.SortKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of lazy plans run on Spark ({@code local[2]}) and on the local engine: the same columns,
 * types and rows; in the same order where Floe's order survives on Spark (scans, filters,
 * projections, concatenation, sorts on distinct keys), as multisets elsewhere.
 */
class SparkEngineDifferentialTest {
    /** The Spark the corpus runs on: {@code local[2]}, or a standalone cluster's application ({@link SparkClusterDifferentialTest}). */
    private static SparkEngine spark;
    private static DataFrame facts;
    private static DataFrame dims;
    @TempDir
    static Path directory;
    private static Path csv;
    private static Path parquet;

    @BeforeAll
    static void startSpark(TestInfo test) {
        spark = SparkCluster.sparkFor(test, () -> SparkEngine.local(2));
    }

    @BeforeAll
    static void writeData() throws Exception {
        facts = facts(new Random(14), 300);
        dims = dims(new Random(41), 40);
        csv = directory.resolve("facts.csv");
        facts.writeCsv(csv);
        parquet = directory.resolve("facts.parquet");
        facts.writeParquet(parquet);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** id distinct; k text with nulls; g categorical; x i32 with nulls and zeros; y f64 with NaN and nulls; s i8; d dates; b bools. */
    static DataFrame facts(Random random, int rows) {
        Schema schema = Schema.of(List.of(new Schema.Field("id", DataType.INT64), new Schema.Field("k", DataType.UTF8),
                new Schema.Field("g", DataType.CATEGORICAL), new Schema.Field("x", DataType.INT32),
                new Schema.Field("y", DataType.FLOAT64), new Schema.Field("s", DataType.INT8),
                new Schema.Field("d", DataType.DATE), new Schema.Field("b", DataType.BOOLEAN)));
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            List<Object> row = new ArrayList<>();
            row.add((long) i * 7 - 500);
            row.add(random.nextInt(10) == 0 ? null : "k" + random.nextInt(6));
            row.add("g" + random.nextInt(3));
            row.add(random.nextInt(8) == 0 ? null : random.nextInt(41) - 20);
            int kind = random.nextInt(20);
            row.add(kind == 0 ? null : kind == 1 ? Double.NaN : random.nextGaussian() * 100);
            row.add((byte) (random.nextInt(200) - 100));
            row.add(LocalDate.of(2020, 1, 1).plusDays(random.nextInt(900)));
            row.add(random.nextBoolean());
            out.add(row);
        }
        return DataFrame.ofRows(schema, out);
    }

    static DataFrame dims(Random random, int rows) {
        Schema schema = Schema.of(List.of(new Schema.Field("k", DataType.UTF8), new Schema.Field("x", DataType.INT64),
                new Schema.Field("label", DataType.UTF8)));
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            out.add(java.util.Arrays.asList(random.nextInt(9) == 0 ? null : "k" + random.nextInt(8),
                    (long) random.nextInt(30) - 15, "l" + i));
        }
        return DataFrame.ofRows(schema, out);
    }

    record Query(Function<LazyFrame, LazyFrame> plan, boolean ordered) {}

    static Named<Query> ordered(String name, Function<LazyFrame, LazyFrame> plan) {
        return Named.of(name, new Query(plan, true));
    }

    static Named<Query> unordered(String name, Function<LazyFrame, LazyFrame> plan) {
        return Named.of(name, new Query(plan, false));
    }

    static Stream<Named<Query>> corpus() {
        return Stream.of(
                ordered("scan", f -> f),
                // maps and structs travel as Spark's MapType and StructType; their functions are Floe's
                unordered("histograms", f -> f.groupBy("k").agg(col("x").histogram().alias("h"),
                        col("g").histogram().alias("hg"), col("d").histogram().alias("hd"))),
                unordered("a histogram read after the group-by", f -> f.groupBy("k").agg(col("x").histogram().alias("h"))
                        .select(col("k"), col("h"), col("h").map().get(3).alias("threes"),
                                col("h").map().len().alias("n"), col("h").cast(DataType.UTF8).alias("text"))),
                ordered("structs", f -> f.select(col("id"), dev.floe.frame.expr.Exprs.struct(col("x"), col("k"),
                        col("d"), col("g")).alias("st")).select(col("id"), col("st"),
                        col("st").struct().field("k").alias("k2"))),
                // types nested in each other travel as Spark's arrays of arrays and of structs
                ordered("nested lists and structs", f -> f.select(col("id"),
                        dev.floe.frame.expr.Exprs.listOf(dev.floe.frame.expr.Exprs.listOf(col("x"), col("x").add(1)),
                                dev.floe.frame.expr.Exprs.listOf(col("x"))).alias("ll"),
                        dev.floe.frame.expr.Exprs.listOf(dev.floe.frame.expr.Exprs.struct(col("k"), col("d"))).alias("ls"))
                        .select(col("id"), col("ll"), col("ls"), col("ll").lst().flatten().alias("flat"),
                                col("ls").lst().get(0).struct().field("k").alias("k0"))),
                ordered("filter", f -> f.filter(col("x").gt(3).and(col("k").isNotNull()))),
                ordered("filter three-valued", f -> f.filter(col("x").gt(0).or(col("y").lt(0)).not())),
                ordered("integer arithmetic", f -> f.select(col("id"), col("x").add(1).alias("a"),
                        col("x").mul(col("x")).sub(col("id")).alias("b"), col("s").add(1).alias("s1"),
                        col("x").neg().alias("n"), col("x").abs().alias("abs"))),
                ordered("division and remainders", f -> f.select(col("id"), col("id").div(col("x")).alias("div"),
                        col("id").floorDiv(col("x")).alias("floor_div"), col("id").mod(col("x")).alias("mod"),
                        col("id").rem(col("x")).alias("rem"), col("x").floorDiv(-3).alias("fd3"),
                        col("x").mod(-3).alias("m3"), col("y").div(col("x").cast(DataType.FLOAT64)).alias("ydiv"),
                        col("y").rem(2.5).alias("yrem"), col("y").pow(2).alias("pow"))),
                ordered("float comparisons with NaN", f -> f.select(col("id"), col("y").gt(0).alias("gt"),
                        col("y").eq(col("y")).alias("self"), col("y").ne(col("y")).alias("ne"),
                        col("y").le(col("x")).alias("mixed"))),
                ordered("when, fill_null, is_in", f -> f.select(col("id"),
                        when(col("x").lt(0)).then(lit("neg")).when(col("x").eq(0)).then(lit("zero")).otherwise(lit("pos"))
                                .alias("sign"),
                        col("x").fillNull(-1).alias("filled"), col("k").isIn("k1", "k2", null).alias("in"),
                        col("x").isNull().alias("missing"))),
                ordered("casts and functions", f -> f.select(col("id"), col("x").cast(DataType.FLOAT64).alias("xf"),
                        col("x").cast(DataType.UTF8).alias("xs"), col("id").tryCast(DataType.INT8).alias("id8"),
                        col("y").tryCast(DataType.INT64).tryCast(DataType.INT16).alias("y16"),
                        col("y").abs().sqrt().alias("root"), col("d").dt().year().alias("year"),
                        col("d").dt().month().alias("month"), col("k").str().len().alias("klen"),
                        col("k").str().startsWith("k1").alias("k1"), col("k").str().endsWith("3").alias("k3"),
                        col("d").dt().day().alias("day"), col("d").cast(DataType.UTF8).alias("ds"),
                        col("d").cast(DataType.DATETIME).alias("dt"), col("y").div(100).exp().alias("e"),
                        col("y").sin().alias("sin"), col("x").cast(DataType.INT128).mul(col("id")).alias("wide"),
                        col("g").cast(DataType.UTF8).alias("gs"), col("k").cast(DataType.CATEGORICAL).alias("kc"))),
                ordered("with columns", f -> f.withColumns(col("x").mul(2).alias("x"), col("y").add(1).alias("y1"))),
                ordered("functions Floe computes over every type, and in a scan's filter", f -> f
                        .filter(col("k").str().upper().ne(lit("K1")).or(col("k").isNull()))
                        .select(col("id"), col("g").str().upper().alias("upper_categorical"),
                                col("d").dt().format("%d.%m.%Y").alias("day"),
                                col("d").cast(DataType.DATETIME).sub(lit(java.time.LocalDateTime.of(2020, 6, 1, 12, 0)))
                                        .cast(DataType.UTF8).alias("since"),
                                col("y").cast(DataType.UTF8).alias("y_text"), col("b").cast(DataType.UTF8).alias("b_text"),
                                col("x").cast(DataType.INT128).mul(col("id")).toHex().alias("hex"))),
                ordered("integers made f32, then used as f64 (each value rounded to f32 first)", f -> f.select(col("id"),
                        col("id").mul(123_456_789L).cast(DataType.FLOAT32).cast(DataType.FLOAT64).alias("f"),
                        col("id").mul(123_457L).cast(DataType.FLOAT32).add(col("y")).alias("mixed"),
                        col("x").mul(16_777_217).cast(DataType.FLOAT32).cast(DataType.FLOAT64).alias("from_i32"))),
                ordered("a sum of integers made f32", f -> f.select(col("id").mul(987_654_321L).cast(DataType.FLOAT32)
                        .sum().alias("sum"), col("id").mul(987_654_321L).cast(DataType.FLOAT32).mean().alias("mean"))),
                unordered("float keys of -0.0 and 0.0 show the first row's", f -> f.groupBy(col("id").cast(DataType.FLOAT64).mul(0).alias("z"),
                        col("b")).agg(len().alias("n"), col("x").sum().alias("sx"))),
                unordered("unique floats of -0.0 and 0.0 show the first row's", f -> f.select(col("y").mul(0).alias("z"),
                        col("g")).unique()),
                ordered("head", f -> f.filter(col("b")).head(17)),
                ordered("slice", f -> f.slice(20, 9)),
                ordered("tail", f -> f.filter(col("x").gt(0)).tail(7)),
                ordered("slice from the end", f -> f.filter(col("b")).slice(-20, 5)),
                ordered("tail of more rows than there are", f -> f.filter(col("x").gt(15)).tail(1000)),
                ordered("tail after a group-by", f -> f.groupBy("k", "g").agg(col("x").sum().alias("sx")).tail(4)),
                ordered("sort", f -> f.sort(SortKey.desc("x").nullsLast(), SortKey.asc("id"))),
                ordered("sort by an expression", f -> f.sort(SortKey.asc(col("x").mod(5)), SortKey.desc("id"))),
                ordered("top k", f -> f.sort(SortKey.asc("y"), SortKey.asc("id")).head(12)),
                ordered("concat", f -> LazyFrame.concat(List.of(f.filter(col("x").gt(5)), f.filter(col("x").lt(-5))))),
                unordered("group by with every translated aggregation", f -> f.groupBy("k").agg(col("x").sum().alias("sum"),
                        col("x").count().alias("count"), len(), col("y").mean().alias("mean"), col("y").min().alias("min"),
                        col("y").max().alias("max"), col("g").nUnique().alias("groups"), col("x").median().alias("median"),
                        col("y").std().alias("std"), col("x").var(0).alias("var0"), col("s").sum().alias("s_sum"),
                        col("d").max().alias("last_day"))),
                unordered("group by two keys", f -> f.groupBy("k", "g").agg(col("id").sum(), col("x").max())),
                unordered("group by an expression", f -> f.groupBy(col("x").mod(3).alias("r")).agg(col("y").sum(),
                        col("k").nUnique())),
                unordered("aggregations combined", f -> f.groupBy("g").agg(col("x").max().sub(col("x").min()).alias("range"))),
                ordered("no keys over no rows", f -> f.filter(col("x").gt(1000)).select(col("x").sum().alias("sum"),
                        col("y").mean().alias("mean"), len())),
                unordered("unique", f -> f.select("k", "g").unique()),
                ordered("decimal arithmetic, casts and rounding", f -> f.withColumns(
                        col("x").cast(DataType.decimal(8, 2)).mul(lit(new java.math.BigDecimal("0.37"))).alias("m"))
                        .select(col("id"), col("m"), col("m").add(col("x")).alias("plus"),
                                col("m").sub(lit(new java.math.BigDecimal("1.005"))).alias("minus"),
                                col("m").mul(col("m")).alias("square"), col("m").rem(lit(new java.math.BigDecimal("0.7")))
                                        .alias("rem"), col("m").mod(lit(new java.math.BigDecimal("-0.7"))).alias("mod"),
                                col("m").div(col("x")).alias("quotient"), col("m").round(1).alias("round"),
                                col("m").floor().alias("floor"), col("m").ceil().alias("ceil"), col("m").neg().alias("neg"),
                                col("m").cast(DataType.INT32).alias("whole"), col("m").cast(DataType.FLOAT64).alias("f64"),
                                col("m").cast(DataType.FLOAT32).alias("f32"),
                                col("m").tryCast(DataType.decimal(3, 1)).alias("narrow"),
                                col("m").gt(lit(new java.math.BigDecimal("-0.74"))).alias("gt"),
                                col("m").add(col("y")).alias("with_float"), col("m").fillNull(lit(0)).alias("filled"))),
                unordered("decimal aggregations", f -> f.withColumns(
                        col("x").cast(DataType.decimal(12, 3)).div(lit(8)).cast(DataType.decimal(12, 3)).alias("m"))
                        .groupBy("g").agg(col("m").sum().alias("sum"), col("m").mean().alias("mean"),
                                col("m").min().alias("min"), col("m").max().alias("max"), col("m").count().alias("n"),
                                col("m").nUnique().alias("distinct"), col("m").median().alias("median"),
                                col("m").std().alias("std"), col("m").topK(2).alias("top"),
                                col("m").quantileDisc(new java.math.BigDecimal("0.25")).alias("q"),
                                col("m").mul(col("m")).sum().alias("squares"))),
                unordered("decimal windows, join keys and order", f -> f.withColumns(
                        col("s").cast(DataType.decimal(5, 1)).alias("m"))
                        .select(col("id"), col("m"), col("m").sum().over("g").alias("by_g"),
                                col("m").mean().over("k").alias("mean_k"), col("m").sum().over("g").orderBy("id").alias("running"))
                        .join(f.select(col("id").alias("other"), col("s").cast(DataType.decimal(6, 2)).alias("m")),
                                JoinType.INNER, "m")
                        .sort("m", "id", "other")),
                unordered("inner join", f -> f.join(dims(new Random(41), 40).lazy(), JoinType.INNER, "k")),
                unordered("left join", f -> f.join(dims(new Random(41), 40).lazy(), JoinType.LEFT, "k")),
                unordered("right join", f -> f.join(dims(new Random(41), 40).lazy(), JoinType.RIGHT, "k")),
                unordered("full join on two keys", f -> f.join(dims(new Random(41), 40).lazy(), List.of("k", "x"),
                        List.of("k", "x"), JoinType.FULL, "_right")),
                unordered("semi join", f -> f.join(dims(new Random(41), 40).lazy(), JoinType.SEMI, "k")),
                unordered("anti join", f -> f.join(dims(new Random(41), 40).lazy(), JoinType.ANTI, "k")),
                unordered("window over partitions", f -> f.select(col("id"), col("x").sum().over("k").alias("sx"),
                        col("y").mean().over("g").alias("my"), col("x").max().sub(col("x").min()).over("k", "g").alias("range"),
                        col("y").max().over("g").alias("ymax"), len().over("b").alias("n"),
                        col("x").sub(col("x").mean()).alias("centered"))),
                unordered("distinct counts and medians over windows", f -> f.select(col("id"),
                        col("y").nUnique().over("g").alias("ny"), col("k").nUnique().over("b").alias("nk"),
                        col("x").nUnique().over("g", "b").alias("nx"), col("y").median().over("k").alias("my"),
                        col("s").median().over("b").alias("ms"), col("x").median().over(col("x").mod(3)).alias("mx"))),
                unordered("ranks and running sums", f -> f.select(col("id"),
                        rank().over("g").orderBy(SortKey.desc("x")).alias("rank"),
                        denseRank().over("k").orderBy("s").alias("dense"),
                        col("x").sum().over("g").orderBy("id").alias("running"),
                        col("y").count().over(col("x").mod(4)).orderBy("d").alias("running_count"))),
                unordered("join then group", f -> f.join(dims(new Random(41), 40).lazy(), JoinType.INNER, "k")
                        .groupBy("label").agg(col("y").sum(), col("x").sum())),
                unordered("first and last of groups", f -> f.filter(col("id").gt(-400)).groupBy("k", "g").agg(
                        col("x").first().alias("first"), col("y").last().alias("last"),
                        col("x").firstNonNull().alias("first_value"), col("k").lastNonNull().alias("last_value"),
                        col("x").first().add(col("x").last()).alias("ends"), col("d").first().alias("first_day"))),
                ordered("first and last of everything", f -> f.select(col("x").first().alias("first"),
                        col("y").last().alias("last"), col("x").lastNonNull().alias("last_value"))),
                unordered("row numbers, lag and lead", f -> f.select(col("id"),
                        rowNumber().over("k").orderBy("x").alias("rn"), rowNumber().over("g").alias("rn_input"),
                        col("x").lag(1).over("g").orderBy("b").alias("lag"), col("y").lead(2, -1.0).over("k").alias("lead"),
                        col("x").lag(0).over("g").alias("lag0"), col("id").lead(1, col("x")).over("g").orderBy("s")
                                .alias("lead_fill"), col("k").lag(3).over(col("x").mod(3)).orderBy(SortKey.desc("d"))
                                .alias("lag_desc"))),
                unordered("window frames", f -> f.select(col("id"),
                        col("x").sum().over("k").orderBy("id").frame(WindowFrame.rows(Bound.unboundedPreceding(),
                                Bound.unboundedFollowing())).alias("whole"),
                        col("x").sum().over("g").orderBy("x").frame(WindowFrame.rows(Bound.preceding(2),
                                Bound.currentRow())).alias("moving"),
                        col("y").mean().over("k").orderBy("d").frame(WindowFrame.rows(Bound.preceding(3),
                                Bound.preceding(1))).alias("before"),
                        col("x").max().over("g").frame(WindowFrame.rows(Bound.currentRow(), Bound.following(4)))
                                .alias("ahead"),
                        col("x").count().over("k").orderBy("x").frame(WindowFrame.range(Bound.currentRow(),
                                Bound.unboundedFollowing())).alias("peers_on"),
                        col("y").min().over("b").orderBy(SortKey.desc("s")).frame(WindowFrame.range(
                                Bound.unboundedPreceding(), Bound.unboundedFollowing())).alias("range_whole"),
                        col("x").first().over("k").orderBy("d").alias("first_running"),
                        col("x").sum().over("g").orderBy("x").alias("running_from_nulls"),
                        col("x").sum().over("g").orderBy("x").frame(WindowFrame.rows(Bound.unboundedPreceding(),
                                Bound.unboundedFollowing())).alias("whole_of_nulls"),
                        col("y").last().over("g").alias("last_whole"),
                        col("x").last().ignoreNulls().over("k").orderBy("id").frame(WindowFrame.rows(
                                Bound.unboundedPreceding(), Bound.following(1))).alias("last_seen"),
                        col("x").nthValue(2).over("g").orderBy("s").frame(WindowFrame.rows(Bound.unboundedPreceding(),
                                Bound.currentRow())).alias("second"))),
                unordered("products, quantiles, correlations", f -> f.groupBy("g").agg(
                        col("x").cast(DataType.FLOAT64).div(10).product().alias("product"),
                        col("y").quantile(0.3, "linear").alias("q30"), col("x").quantile(1, "linear").alias("q100"),
                        dev.floe.frame.expr.Exprs.corr(col("x"), col("s")).alias("corr"),
                        dev.floe.frame.expr.Exprs.corr(col("x"), col("y")).alias("corr_nan"),
                        dev.floe.frame.expr.Exprs.corr(col("x"), col("x").mul(0)).alias("corr_flat"),
                        dev.floe.frame.expr.Exprs.cov(col("x"), col("s"), 1).alias("cov"),
                        dev.floe.frame.expr.Exprs.cov(col("s"), col("x"), 0).alias("cov_pop"))),
                unordered("correlation of one pair and of none", f -> f.filter(col("id").lt(-490)).groupBy("b").agg(
                        dev.floe.frame.expr.Exprs.corr(col("x"), col("s")).alias("corr"),
                        dev.floe.frame.expr.Exprs.cov(col("x"), col("s"), 1).alias("cov"),
                        col("y").product().alias("product"))),
                unordered("lag and lead passing over nulls", f -> f.select(col("id"),
                        col("x").lag(1).ignoreNulls().over("g").orderBy("id").alias("lag"),
                        col("x").lead(2, -1).ignoreNulls().over("k").alias("lead"),
                        col("x").lag(0).ignoreNulls().over("g").alias("lag0"))),
                unordered("first and last where the order ties: whole partitions, inside expressions",
                        f -> f.select(col("id"),
                        col("x").first().over("k").orderBy("b").frame(WindowFrame.rows(Bound.unboundedPreceding(),
                                Bound.unboundedFollowing())).alias("first_whole"),
                        col("y").last().over("g").orderBy("b").frame(WindowFrame.rows(Bound.unboundedPreceding(),
                                Bound.unboundedFollowing())).alias("last_whole"),
                        col("x").first().add(1).over("g").alias("first_inside"),
                        col("x").last().ignoreNulls().mul(2).over("b").alias("last_inside"))),
                ordered("a sort keeps input order among ties, then head", f -> f.sort("b").head(40)),
                unordered("a sort keeps input order among ties, then unique by a subset",
                        f -> f.sort("b").unique("g")),
                unordered("a sort keeps input order among ties, then first and last",
                        f -> f.sort(SortKey.desc("b")).groupBy("k").agg(col("x").first().alias("first"),
                                col("y").last().alias("last"))),
                ordered("cut between breaks", f -> f.select(col("id"),
                        col("y").cut(new double[] {-100, -0.0, 0.5, 50, Double.POSITIVE_INFINITY}).alias("bins"),
                        col("x").cut(new double[] {-10, 0, 10}, "low", "high").alias("named"),
                        col("s").cut(new double[] {-200, -50.25, 1.125, 99}).alias("small"))),
                unordered("unique by a subset", f -> f.unique("k", "b")),
                unordered("unique by a subset, the last row", f -> f.filter(col("x").gt(-10)).unique(List.of("g"), true)));
    }

    /** The query's plan over {@code input} gives the same answer on Spark as on the local engine. */
    private static void givesTheLocalAnswer(Query query, LazyFrame input) {
        LazyFrame plan = query.plan().apply(input);
        SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), query.ordered());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void inMemoryFramesGiveTheLocalAnswers(Query query) {
        givesTheLocalAnswer(query, facts.lazy());
    }

    /**
     * id distinct; t text with non-ASCII letters, white space of each kind, empty and null; u text;
     * n i64 with extremes; b i8; sh shift counts with negatives and past the width; y f64 with
     * zeros, negatives, NaN and null; ts datetimes before and after 1970; d dates.
     */
    static DataFrame functionInputs(Random random, int rows) {
        Schema schema = Schema.of(List.of(new Schema.Field("id", DataType.INT64), new Schema.Field("t", DataType.UTF8),
                new Schema.Field("u", DataType.UTF8), new Schema.Field("n", DataType.INT64),
                new Schema.Field("b", DataType.INT8), new Schema.Field("sh", DataType.INT32),
                new Schema.Field("y", DataType.FLOAT64), new Schema.Field("ts", DataType.DATETIME),
                new Schema.Field("d", DataType.DATE), new Schema.Field("g", DataType.UTF8)));
        String[] texts = {"abc", " x y ", "\tétage\n", "", "日本語のテキスト", "a-b-c", "--a--", "xéx", "\u000Bv\f",
                "naïve café", "a%b_c", "aaa", "Straße"};
        long[] integers = {0, 1, -1, 7, -8, 255, Long.MAX_VALUE, Long.MIN_VALUE, 1 << 20, -12345};
        double[] floats = {0.0, -0.0, 1.0, -2.5, 0.5, Double.NaN, 100, 1e-3, -1, Double.POSITIVE_INFINITY};
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            List<Object> row = new ArrayList<>();
            row.add((long) i);
            row.add(random.nextInt(12) == 0 ? null : texts[random.nextInt(texts.length)]);
            row.add(random.nextInt(12) == 0 ? null : texts[random.nextInt(texts.length)]);
            row.add(random.nextInt(10) == 0 ? null : random.nextInt(3) == 0 ? random.nextLong()
                    : integers[random.nextInt(integers.length)]);
            row.add((byte) (random.nextInt(256) - 128));
            row.add(random.nextInt(10) == 0 ? null : random.nextInt(80) - 8);
            row.add(random.nextInt(10) == 0 ? null : floats[random.nextInt(floats.length)]);
            row.add(java.time.LocalDateTime.of(1960, 1, 1, 0, 0).plusSeconds(random.nextLong(0, 3_000_000_000L))
                    .plusNanos(1000L * random.nextInt(1_000_000)));
            row.add(LocalDate.of(1965, 1, 1).plusDays(random.nextInt(30_000)));
            row.add("g" + random.nextInt(4));
            out.add(row);
        }
        return DataFrame.ofRows(schema, out);
    }

    static Stream<Named<Query>> functionCorpus() {
        return Stream.of(
                ordered("math", f -> f.select(col("id"), col("y").tan().alias("tan"), col("y").arcsin().alias("asin"),
                        col("y").arccos().alias("acos"), col("y").arctan().alias("atan"), col("y").cbrt().alias("cbrt"),
                        col("y").log().alias("ln"), col("n").log().alias("ln_n"), col("y").isNan().alias("nan"),
                        col("n").isNan().alias("int_nan"))),
                ordered("floors, ceilings and rounding of floats", f -> f.select(col("id"),
                        col("y").floor().alias("floor"), col("y").ceil().alias("ceil"), col("y").round(0).alias("round"),
                        col("y").mul(-1.37).floor().alias("floor2"), col("y").mul(-1.37).ceil().alias("ceil2"),
                        col("y").div(7.0).round(2).alias("round2"), col("y").mul(123.456).round(-1).alias("tens"),
                        col("y").mul(-0.5).round(0).alias("halves"), col("y").round(400).alias("many"),
                        col("y").round(-400).alias("none"), col("n").floor().alias("int_floor"),
                        col("b").round(3).alias("int_round"), col("y").cast(DataType.FLOAT32).ceil().alias("f32_ceil"),
                        col("b").cast(DataType.INT32).pow(2).alias("square"), col("sh").pow(3).alias("cube"), col("n").pow(0).alias("one"),
                        col("b").mod(3).sub(1).pow(101).alias("unit_power"), col("n").mod(7).pow(21).alias("big_power"),
                        // the zeros' signs, which a comparison within a tolerance does not see: 1 / -0.0 is -inf
                        lit(1.0).div(col("y").mul(-1.37).ceil()).alias("ceil_sign"),
                        lit(1.0).div(col("y").floor()).alias("floor_sign"),
                        lit(1.0).div(col("y").mul(-0.5).round(0)).alias("round_sign"),
                        lit(1.0).div(col("y").div(7.0).round(2)).alias("round2_sign"))),
                ordered("text", f -> f.select(col("id"), col("t").str().lenBytes().alias("bytes"),
                        col("t").str().contains("a").alias("has_a"), col("t").str().contains("").alias("has_empty"),
                        col("t").str().find("é").alias("at"), col("t").str().find("").alias("at_empty"),
                        col("t").str().replace("a", "<é>").alias("replaced"), col("t").str().repeat(2).alias("twice"),
                        col("t").str().repeat(-1).alias("never"), col("t").str().head(3).alias("head"),
                        col("t").str().head(-2).alias("head_neg"), col("t").str().tail(2).alias("tail"),
                        col("t").str().tail(-3).alias("tail_neg"), col("t").str().slice(1, 2).alias("slice"),
                        col("t").str().slice(-3, 2).alias("slice_end"), col("t").str().slice(-20, 22).alias("slice_before"),
                        col("t").str().slice(4, 0).alias("slice_none"))),
                ordered("strip, pad, split, like", f -> f.select(col("id"), col("t").str().strip().alias("strip"),
                        col("t").str().stripStart().alias("strip_start"), col("t").str().stripEnd().alias("strip_end"),
                        col("t").str().strip("x-é").alias("strip_chars"), col("t").str().stripEnd("a-").alias("strip_end_chars"),
                        col("t").str().padStart(6, "é.").alias("lpad"), col("t").str().padEnd(4, "*").alias("rpad"),
                        col("t").str().padStart(0, "*").alias("no_pad"), col("t").str().splitPart("-", 2).alias("part"),
                        col("t").str().splitPart("-", -1).alias("last_part"), col("t").str().splitPart("-", 0).alias("part0"),
                        col("t").str().splitPart("a", 9).alias("past"), col("t").str().like("%a%").alias("like"),
                        col("t").str().like("_b_").alias("like_one"), col("t").str().like("%é_e%").alias("like_utf8"),
                        col("t").toHex().alias("hex"), col("t").str().levenshtein(col("u")).alias("edits"))),
                ordered("bits", f -> f.select(col("id"), col("n").bitAnd(col("b")).alias("and"),
                        col("n").bitOr(255).alias("or"), col("b").bitXor(col("sh")).alias("xor"),
                        col("n").shiftRight(col("sh")).alias("shr"), col("b").shiftRight(col("sh")).alias("shr8"),
                        col("n").bitNot().alias("not"), col("b").bitNot().alias("not8"), col("n").bitCount().alias("ones"),
                        col("b").bitCount().alias("ones8"), col("n").toHex().alias("hex"), col("b").toHex().alias("hex8"),
                        col("n").toBinary().alias("bin"),
                        // whole numbers past a long match none (Spark would compare them as doubles)
                        col("n").isIn(1e30, 0x1p63, -0x1p63, 7.0, 2.5).alias("in_doubles"),
                        col("n").cast(DataType.INT128).isIn(1e30, -0x1p63).alias("in_wide"))),
                ordered("date parts", f -> f.select(col("id"), col("d").dt().quarter().alias("q"),
                        col("ts").dt().quarter().alias("tq"), col("d").dt().dayOfYear().alias("doy"),
                        col("d").dt().weekday().alias("wd"), col("ts").dt().isoWeekday().alias("iwd"),
                        col("d").dt().isoWeek().alias("iw"), col("ts").dt().hour().alias("h"),
                        col("ts").dt().minute().alias("m"), col("ts").dt().second().alias("s"),
                        col("ts").dt().epoch().alias("epoch"), col("d").dt().epoch().alias("day_epoch"),
                        col("d").dt().monthEnd().alias("month_end"), col("ts").dt().monthEnd().alias("ts_month_end"),
                        col("ts").dt().year().alias("year"))),
                ordered("date and time parts and truncation", f -> f.select(dateFunctions())),
                ordered("date differences in every unit", f -> f.select(dateDifferences())),
                ordered("months added and dates made", f -> f.select(col("id"),
                        addMonths(col("ts"), 1).alias("ts1"), addMonths(col("d"), -1).alias("d_1"),
                        addMonths(col("ts"), 13).alias("ts13"), addMonths(col("d"), -25).alias("d_25"),
                        addMonths(col("d"), 0).alias("d0"),
                        dev.floe.frame.expr.Exprs.makeDate(col("d").dt().year(), col("ts").dt().month(),
                                col("d").dt().day().mod(28).add(1)).alias("made"))),
                ordered("temporal arithmetic and durations", f -> f.select(col("id"),
                        col("ts").sub(col("d")).alias("span"), col("d").sub(col("d").dt().monthEnd()).alias("days"),
                        col("ts").add(lit(java.time.Duration.ofHours(5).plusNanos(7_000))).alias("later"),
                        col("d").sub(lit(java.time.Duration.ofDays(40))).alias("earlier"),
                        lit(java.time.Duration.ofMinutes(-3)).add(col("d")).alias("before_midnight"),
                        col("ts").sub(col("d")).mul(3).alias("thrice"), col("ts").sub(col("d")).floorDiv(7).alias("seventh"),
                        col("ts").sub(col("d")).floorDiv(col("sh")).alias("by_shift"),
                        col("ts").sub(col("d")).neg().alias("negated"), col("d").sub(col("ts")).abs().alias("abs"),
                        col("ts").sub(col("d")).gt(lit(java.time.Duration.ofDays(1000))).alias("long_ago"),
                        col("ts").sub(col("d")).cast(DataType.INT64).alias("micros"),
                        col("n").mod(1_000_000_000L).cast(DataType.DURATION).alias("from_micros"))),
                unordered("distinct floats over windows (-0.0 is 0.0, NaN one value)", f -> f.select(col("id"),
                        col("y").nUnique().over("g").alias("ny"), col("y").nUnique().alias("all"))),
                unordered("modes, entropies and positions of extremes by group", f -> f.groupBy("g").agg(
                        col("y").mode().alias("y_mode"), col("t").mode().alias("t_mode"), col("b").mode().alias("b_mode"),
                        col("d").mode().alias("d_mode"), col("y").entropy().alias("y_entropy"),
                        col("t").entropy().alias("t_entropy"), col("y").argMin().alias("y_argmin"),
                        col("y").argMax().alias("y_argmax"), col("t").argMax().alias("t_argmax"),
                        col("n").argMin().alias("n_argmin"), col("b").argMax().alias("b_argmax"))),
                unordered("quantiles by rank and median absolute deviations", f -> f.groupBy("g").agg(
                        col("y").quantile(0.0).alias("q0"), col("y").quantile(0.25).alias("q25"),
                        col("y").quantile(0.5).alias("q50"), col("b").quantile(0.9).alias("b90"),
                        col("n").quantile(1.0).alias("n100"), col("y").mad().alias("y_mad"), col("b").mad().alias("b_mad"),
                        when(col("y").isNan()).then(lit(null)).otherwise(col("y")).mad().alias("finite_mad"),
                        col("y").quantileDisc(new java.math.BigDecimal("0.3")).alias("y_disc"),
                        col("n").quantileDisc(new java.math.BigDecimal("0.999")).alias("n_disc"),
                        col("d").quantileDisc(java.math.BigDecimal.ZERO).alias("d_disc"),
                        col("b").quantileDisc(java.math.BigDecimal.ONE).alias("b_disc"))),
                unordered("skewness and kurtosis, biased or not", f -> f.filter(col("y").isNan().not()
                        .and(col("y").abs().lt(1e300))).groupBy("g").agg(col("y").skew().alias("skew"),
                        col("y").skew(true).alias("g1"), col("b").kurtosis().alias("kurt"),
                        col("b").kurtosis(true).alias("g2"), col("n").mod(3).skew().alias("small"))),
                unordered("modes and positions after a join", f -> f.join(f.select(col("id"), col("g").alias("h")),
                        JoinType.INNER, "id").groupBy("h").agg(col("b").mode().alias("b_mode"),
                        col("d").mode().alias("d_mode"), col("y").argMax().alias("y_argmax"))),
                unordered("durations by group", f -> f.groupBy("g").agg(col("ts").sub(col("d")).min().alias("shortest"),
                        col("ts").sub(col("d")).max().alias("longest"), col("ts").sub(col("d")).topK(2).alias("two"),
                        col("ts").sub(col("d")).count().alias("n"))),
                unordered("bitwise aggregates", f -> f.groupBy("g").agg(col("n").bitwiseAnd().alias("and"),
                        col("n").bitwiseOr().alias("or"), col("b").bitwiseXor().alias("xor"),
                        col("sh").bitwiseAnd().alias("sh_and"))),
                ordered("bitwise aggregates over no values", f -> f.filter(col("id").lt(0))
                        .select(col("n").bitwiseAnd().alias("and"), col("b").bitwiseXor().alias("xor"))));
    }

    private static dev.floe.frame.expr.Expr addMonths(dev.floe.frame.expr.Expr value, long months) {
        return new dev.floe.frame.expr.Call(dev.floe.frame.expr.ScalarFunction.ADD_MONTHS, value, List.of(months));
    }

    /** The parts of dates and datetimes Spark computes as Floe does, and truncation to every unit. */
    private static List<dev.floe.frame.expr.Expr> dateFunctions() {
        List<dev.floe.frame.expr.Expr> out = new ArrayList<>(List.of(col("id"),
                col("ts").dt().millisecond().alias("ms"), col("ts").dt().microsecond().alias("us"),
                col("d").dt().decade().alias("decade"), col("ts").dt().century().alias("century"),
                col("d").dt().millennium().alias("millennium"), col("d").dt().isoYear().alias("iso_year"),
                col("ts").dt().isoYear().alias("ts_iso_year")));
        for (dev.floe.frame.expr.DateUnit unit : dev.floe.frame.expr.DateUnit.values()) {
            out.add(col("ts").dt().truncate(unit.sqlName()).alias("ts_" + unit.sqlName()));
            out.add(col("d").dt().truncate(unit.sqlName()).alias("d_" + unit.sqlName()));
        }
        return out;
    }

    /** Boundaries crossed and whole units elapsed between datetimes and dates, both ways, in every unit. */
    private static List<dev.floe.frame.expr.Expr> dateDifferences() {
        List<dev.floe.frame.expr.Expr> out = new ArrayList<>(List.of(col("id")));
        for (dev.floe.frame.expr.DateUnit unit : dev.floe.frame.expr.DateUnit.values()) {
            out.add(col("ts").dt().diff(unit.sqlName(), col("d")).alias("diff_" + unit.sqlName()));
            out.add(col("d").dt().diff(unit.sqlName(), col("ts")).alias("back_" + unit.sqlName()));
            out.add(col("ts").dt().elapsed(unit.sqlName(), col("d")).alias("elapsed_" + unit.sqlName()));
            out.add(col("d").dt().elapsed(unit.sqlName(), col("ts")).alias("since_" + unit.sqlName()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionCorpus")
    void functionsGiveTheLocalAnswers(Query query) {
        givesTheLocalAnswer(query, functionInputs(new Random(23), 400).lazy());
    }

    /**
     * Row-wise expressions Spark has no faithful translation for, computed by Floe in the executors
     * ({@link ComputedByFloe}): alone, inside translated expressions, in filters (also after a
     * shuffle), sorts, group keys and aggregations' inputs.
     */
    static Stream<Named<Query>> computedCorpus() {
        Expr upper = col("t").str().upper();
        return Stream.of(
                ordered("text Spark folds, matches or reverses otherwise", f -> f.select(col("id"), upper.alias("upper"),
                        col("t").str().lower().alias("lower"), col("t").str().reverse().alias("reverse"),
                        col("t").str().regexMatches("[a-c]+", false).alias("re"),
                        col("t").str().regexReplace("(\\w)(\\w)", "$2$1", true, false).alias("swapped"),
                        col("u").str().regexExtract("([a-z]+)", 1, true).alias("word"),
                        col("t").str().ilike("A%").alias("ilike"), col("t").str().like("a!%%", false, '!').alias("escaped"),
                        col("t").str().splitPart("", 1).alias("part"),
                        col("t").str().jaroSimilarity(col("u")).alias("jaro"))),
                ordered("integer functions", f -> f.select(col("id"), col("b").gcd(col("sh")).alias("gcd"),
                        col("b").lcm(col("sh")).alias("lcm"), col("sh").round(-1).alias("tens"),
                        col("b").round(-2).alias("hundreds"),
                        col("b").cast(DataType.INT64).abs().shiftLeft(col("sh").mod(9)).alias("shifted"),
                        col("n").cast(DataType.INT128).toHex().alias("hex"))),
                ordered("floats and casts to text", f -> f.select(col("id"), col("y").floorDiv(2.0).alias("fd"),
                        col("y").mod(1.5).alias("mod"), col("y").cast(DataType.UTF8).alias("text"),
                        col("y").arctan2(col("y").neg()).alias("atan2"),
                        col("d").dt().format("%Y/%m/%d %a").alias("day"),
                        col("ts").dt().format("%H:%M:%S").alias("time"))),
                ordered("lists", f -> f.select(col("id"),
                        dev.floe.frame.expr.Exprs.listOf(col("y"), lit(0.0), lit(-0.0)).lst().sort().alias("sorted"),
                        dev.floe.frame.expr.Exprs.listOf(col("y"), lit(-0.0)).lst().nUnique().alias("n"),
                        dev.floe.frame.expr.Exprs.listOf(col("b")).lt(dev.floe.frame.expr.Exprs.listOf(col("sh"))).alias("lt"))),
                ordered("inside translated expressions", f -> f.select(col("id"),
                        upper.str().len().add(1).alias("len"),
                        when(col("t").str().lower().eq(lit("abc"))).then(lit(1)).otherwise(col("b")).alias("when"),
                        upper.str().concat("!").alias("concat"))),
                ordered("replacing a column", f -> f.withColumns(upper.alias("t"), col("y").floorDiv(3.0).alias("y"))),
                ordered("in a filter", f -> f.filter(upper.str().contains("A").or(col("u").str().regexMatches("^x", false)))),
                ordered("in a sort", f -> f.sort(SortKey.asc(col("t").str().reverse()), SortKey.desc("id"))),
                unordered("as group keys and aggregations' inputs", f -> f.groupBy(upper.alias("key")).agg(
                        col("y").floorDiv(1.0).sum().alias("sum"), col("u").str().reverse().max().alias("max"),
                        col("b").cast(DataType.INT32).round(-1).count().alias("count"), len())),
                unordered("in windows", f -> f.select(col("id"), col("y").sum().over(upper).alias("by_upper"),
                        col("t").str().reverse().max().over("g").alias("max_reversed"),
                        rowNumber().over("g").orderBy(SortKey.asc(col("t").str().reverse()), SortKey.asc("id"))
                                .alias("rn"))),
                unordered("windows Spark has no form for", SparkEngineDifferentialTest::windowsFloeComputes),
                unordered("windows Spark has no form for, after a shuffle", f -> windowsFloeComputes(f.join(
                        f.select(col("id"), col("g").alias("g2")), JoinType.INNER, "id"))),
                unordered("group-bys Spark has no form for", SparkEngineDifferentialTest::groupsFloeComputes),
                unordered("group-bys Spark has no form for, after a shuffle", f -> groupsFloeComputes(f.join(
                        f.select(col("id"), col("g").alias("g2")), JoinType.INNER, "id"))),
                ordered("a group-by Spark has no form for, then the first groups", f -> f.groupBy("g", "b")
                        .agg(col("y").minBy(col("sh")).alias("y_at_least_sh"), col("sh").var(3).alias("var3")).head(30)),
                ordered("aggregations Spark has no form for, without keys", f -> f.select(col("sh").var(4).alias("var4"),
                        col("t").maxBy(col("b")).alias("t_at_most_b"), Exprs.len().alias("n"))),
                ordered("aggregations Spark has no form for, over no rows", f -> f.filter(col("id").lt(0))
                        .select(col("sh").var(4).alias("var4"), col("t").maxBy(col("b")).alias("t_at_most_b"),
                                Exprs.len().alias("n"))),
                unordered("a group-by Spark has no form for, by keys Floe computes", f -> f.groupBy(
                        col("t").str().upper().alias("key")).agg(col("y").minBy(col("sh")).alias("y_at_least_sh"))),
                unordered("a window Spark has no form for, over keys Floe computes", f -> f.select(col("id"),
                        col("sh").sum().over(col("t").str().reverse()).orderBy("id").frame(WindowFrame.rows(
                                Bound.preceding(2), Bound.following(1)).excluding(WindowFrame.Exclude.CURRENT_ROW))
                                .alias("excluded"))),
                unordered("bins from the data", f -> f.select(col("id"), col("sh").qcut(4).alias("quartile"),
                        col("b").cut(3).alias("thirds"))),
                ordered("in a filter after a shuffle, then the first rows", f -> f.join(
                        f.select(col("id"), col("g").alias("g2")), JoinType.INNER, "id")
                        .filter(upper.str().contains("A")).head(40)));
    }

    /** Window frames and functions Spark has no form for, with floats' edge values among the order keys. */
    private static LazyFrame windowsFloeComputes(LazyFrame f) {
        return f.select(col("id"),
                col("sh").sum().over("g").orderBy("b").frame(WindowFrame.groups(Bound.preceding(1), Bound.currentRow()))
                        .alias("groups"),
                col("sh").sum().over("g").orderBy("id").frame(WindowFrame.rows(Bound.preceding(2), Bound.following(2))
                        .excluding(WindowFrame.Exclude.CURRENT_ROW)).alias("excluded"),
                col("b").count().over("g").orderBy("y").frame(WindowFrame.range(Bound.preceding(5), Bound.currentRow()))
                        .alias("range"),
                col("sh").last().over("g").orderBy("b").alias("last_peer"),
                col("sh").first().ignoreNulls().over(col("b").mod(5)).orderBy("d").alias("first_seen"),
                col("b").sum().over("g").orderBy("id").frame(WindowFrame.rows(Bound.following(2), Bound.following(1)))
                        .alias("empty_frame"),
                col("y").div(100).product().over("g").alias("product"),
                col("y").sum().over(col("y").mul(0)).alias("by_float_key"));
    }

    /** Aggregations Spark has no form for: ties broken by input order, settings, i128, a function of a result. */
    private static LazyFrame groupsFloeComputes(LazyFrame f) {
        return f.groupBy(col("g"), col("b").mod(4).alias("b4")).agg(col("y").minBy(col("sh")).alias("y_at_least_sh"),
                col("t").maxBy(col("b")).alias("t_at_most_b"), col("sh").var(3).alias("var3"),
                col("t").max().str().upper().alias("upper_max"),
                col("n").cast(DataType.INT128).mul(3).bitwiseXor().alias("xor128"), Exprs.len().alias("n"));
    }

    /** Enough rows that Spark's partitions of them are cut into several of Floe's batches. */
    static final int COMPUTED_ROWS = 2 * ComputedByFloe.BATCH_ROWS + 1000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("computedCorpus")
    void expressionsFloeComputesInTheExecutorsGiveTheLocalAnswers(Query query) {
        givesTheLocalAnswer(query, functionInputs(new Random(29), COMPUTED_ROWS).lazy());
    }

    /** Every row of a plan, so that the whole answer must come in Floe's order. */
    private static final int ALL = 1_000_000;

    /**
     * Plans whose rows pass through Spark's shuffles (group-bys, joins, windows, unique) and then
     * meet what follows Floe's order: heads, sorts with ties, first/last, lists, row numbers, lag
     * and unique by a subset. The rows' places in Floe's order go through the shuffles, so each
     * answer is compared in order (a head of every row asks for the whole answer in Floe's order).
     */
    static Stream<Named<Query>> afterShuffleCorpus() {
        LazyFrame labels = dims(new Random(41), 40).lazy();
        return Stream.of(
                ordered("groups in order of first appearance", f -> f.groupBy("k", "b").agg(col("x").sum().alias("sx"),
                        len().alias("n")).head(ALL)),
                ordered("a head of groups after a filter", f -> f.groupBy("g", "k").agg(len().alias("n"))
                        .filter(col("n").gt(5)).head(4)),
                ordered("a sort of groups breaks ties in Floe's order", f -> f.groupBy("k", "b")
                        .agg(col("x").max().alias("mx")).sort("b")),
                ordered("inner join rows in Floe's order", f -> f.join(labels, JoinType.INNER, "k").head(ALL)),
                ordered("left join rows in Floe's order", f -> f.join(labels, JoinType.LEFT, "k").head(ALL)),
                ordered("right join rows in Floe's order", f -> f.join(labels, JoinType.RIGHT, "k").head(ALL)),
                ordered("full join rows in Floe's order", f -> f.join(labels, List.of("k", "x"), List.of("k", "x"),
                        JoinType.FULL, "_right").head(ALL)),
                ordered("semi and anti join rows in Floe's order", f -> LazyFrame.concat(List.of(
                        f.join(labels, JoinType.SEMI, "k").head(ALL), f.join(labels, JoinType.ANTI, "k").head(ALL)))),
                ordered("cross join rows in Floe's order", f -> f.head(30).join(labels.head(7), JoinType.CROSS).head(ALL)),
                ordered("as-of joins: backward by a key, forward and inner, nearest", f -> LazyFrame.concat(List.of(
                        f.select("id", "k", "x").joinAsof(labels, dev.floe.frame.plan.AsofJoin.on("x").by("k")),
                        f.select("id", "k", "x").joinAsof(labels, dev.floe.frame.plan.AsofJoin.on("x").by("k").forward()
                                .allowExactMatches(false).inner()),
                        f.select("id", "k", "x").joinAsof(labels.drop("k"), dev.floe.frame.plan.AsofJoin.on("x").nearest())))
                        .head(ALL)),
                ordered("window rows in Floe's order", f -> f.select(col("id"), col("x").sum().over("k").alias("s"),
                        rank().over("g").orderBy("x").alias("r")).head(ALL)),
                ordered("unique rows by first and by last occurrence", f -> LazyFrame.concat(List.of(
                        f.select("k", "b").unique().head(ALL), f.select("k", "b").unique(List.of("k", "b"), true).head(ALL)))),
                ordered("exploded groups in Floe's order", f -> f.groupBy("k").agg(col("x").topK(2).alias("t"))
                        .explode("t").head(ALL)),
                unordered("first, last and lists after a join", f -> f.join(labels, JoinType.INNER, "k").groupBy("g")
                        .agg(col("label").first().alias("first"), col("y").last().alias("last"),
                                col("id").list().alias("ids"))),
                unordered("row numbers, lag and unique by a subset after a group-by", f -> f.groupBy("k", "g", "b")
                        .agg(col("x").sum().alias("sx")).select(col("k"), col("g"), col("b"),
                                rowNumber().over("g").orderBy("b").alias("n"), col("sx").lag(1).over("k").alias("prev"))
                        .unique(List.of("g", "b"), true)),
                ordered("row indexes of rows in Floe's order and after a group-by", f -> LazyFrame.concat(List.of(
                        f.select("id", "k").withRowIndex("i", 5).head(ALL),
                        f.groupBy("k").agg(len().cast(DataType.INT64).alias("id")).select("id", "k").withRowIndex("i")
                                .head(ALL)))),
                ordered("a head of a concat of rows in Floe's order and shuffled rows", f -> mixed(f).head(25)),
                ordered("groups of a concat of shuffled rows", f -> mixed(f).groupBy("k").agg(col("x").first().alias("x1"),
                        col("x").last().alias("xn"), col("x").list().alias("xs"), col("x").mode().alias("mode"),
                        col("x").argMin().alias("at_min")).head(ALL)),
                ordered("a sort's ties and unique by a subset after a concat of shuffled rows",
                        f -> mixed(f).sort("b").unique("g").head(ALL)),
                ordered("frames side by side: in Floe's order, after a group-by and a join", f -> LazyFrame.concatHorizontal(
                        List.of(f.select("id", "k"), f.select(col("x").alias("x2")),
                                f.join(f.select("id").unique(), JoinType.INNER, "id").select(col("y").alias("y2"))))
                        .head(ALL)),
                unordered("groups side by side", f -> LazyFrame.concatHorizontal(List.of(
                        f.groupBy("k").agg(col("x").sum().alias("sx")),
                        f.groupBy("k").agg(col("y").max().alias("my")).select(col("k").alias("k2"), col("my"))))),
                ordered("a row index after a concat of shuffled rows", f -> mixed(f).withRowIndex("i").head(ALL)),
                unordered("windows that follow Floe's order after a concat of shuffled rows", f -> mixed(f).select(
                        col("id"), rowNumber().over("k").orderBy("b").alias("n"), col("x").lag(1).over("k").alias("prev"),
                        col("x").sum().over("k").orderBy("b").frame(WindowFrame.rows(Bound.preceding(1),
                                Bound.currentRow())).alias("pair_sum"),
                        col("x").first().over("g").frame(WindowFrame.rows(Bound.unboundedPreceding(),
                                Bound.unboundedFollowing())).alias("first_of_g"))),
                unordered("first of groups of groups", f -> f.groupBy("k", "g").agg(col("x").sum().alias("sx"))
                        .groupBy("g").agg(col("k").first().alias("k1"), col("sx").last().alias("last_sx"))));
    }

    /**
     * Rows whose places come in two shapes: some still in Floe's order (numbered), the others after
     * a join (a pair of places), concatenated.
     */
    private static LazyFrame mixed(LazyFrame f) {
        LazyFrame joined = f.join(f.select("id").unique(), JoinType.INNER, "id").filter(col("x").lt(3));
        return LazyFrame.concat(List.of(f.filter(col("x").gt(5)), joined));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterShuffleCorpus")
    void orderFollowingStepsAfterShufflesGiveTheLocalAnswers(Query query) {
        givesTheLocalAnswer(query, facts.lazy());
    }

    /**
     * id distinct; xs list[i64] with extremes, null elements, empty and null lists; ys list[f64] with
     * NaN, 0.0 and -0.0, infinities and nulls; ts list[str] with non-ASCII text; cs list[cat]; ds
     * list[date]; zs list[i64] (as xs); a, b slice bounds with negatives, zeros and nulls; x i64, y f64
     * (with NaN, -0.0 and nulls), t text, d dates and c a boolean per row; g a group; span a duration,
     * spans a list of them.
     */
    static DataFrame listInputs(Random random, int rows) {
        Schema schema = Schema.of(List.of(new Schema.Field("id", DataType.INT64), new Schema.Field("xs", DataType.LIST_INT64),
                new Schema.Field("ys", DataType.LIST_FLOAT64), new Schema.Field("ts", DataType.LIST_UTF8),
                new Schema.Field("cs", DataType.LIST_CATEGORICAL), new Schema.Field("ds", DataType.LIST_DATE),
                new Schema.Field("zs", DataType.LIST_INT64), new Schema.Field("a", DataType.INT32),
                new Schema.Field("b", DataType.INT32), new Schema.Field("x", DataType.INT64),
                new Schema.Field("y", DataType.FLOAT64), new Schema.Field("t", DataType.UTF8),
                new Schema.Field("d", DataType.DATE), new Schema.Field("c", DataType.BOOLEAN),
                new Schema.Field("g", DataType.UTF8), new Schema.Field("span", DataType.DURATION),
                new Schema.Field("spans", DataType.LIST_DURATION)));
        long[] integers = {0, 1, -1, 3, 7, -8, Long.MAX_VALUE, Long.MIN_VALUE, 1 << 20};
        double[] floats = {0.0, -0.0, 1.0, -2.5, Double.NaN, 100, Double.NEGATIVE_INFINITY, 1e-3};
        String[] texts = {"abc", "é", "", "日本", "Straße", "a-b", "zz", "abd"};
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            List<Object> row = new ArrayList<>();
            row.add((long) i);
            row.add(list(random, () -> integers[random.nextInt(integers.length)]));
            row.add(list(random, () -> floats[random.nextInt(floats.length)]));
            row.add(list(random, () -> texts[random.nextInt(texts.length)]));
            row.add(list(random, () -> texts[random.nextInt(4)]));
            row.add(list(random, () -> LocalDate.of(1969, 12, 1).plusDays(random.nextInt(100))));
            // small values, so that sums stay in range
            row.add(list(random, () -> (long) random.nextInt(21) - 10));
            row.add(random.nextInt(8) == 0 ? null : random.nextInt(11) - 5);
            row.add(random.nextInt(8) == 0 ? null : random.nextInt(11) - 5);
            row.add(random.nextInt(9) == 0 ? null : integers[random.nextInt(integers.length)]);
            row.add(random.nextInt(9) == 0 ? null : floats[random.nextInt(floats.length)]);
            row.add(random.nextInt(9) == 0 ? null : texts[random.nextInt(texts.length)]);
            row.add(random.nextInt(9) == 0 ? null : LocalDate.of(1969, 12, 1).plusDays(random.nextInt(100)));
            row.add(random.nextInt(7) == 0 ? null : random.nextBoolean());
            row.add("g" + random.nextInt(5));
            row.add(random.nextInt(9) == 0 ? null : java.time.Duration.of(random.nextLong(-1L << 50, 1L << 50),
                    java.time.temporal.ChronoUnit.MICROS));
            row.add(list(random, () -> java.time.Duration.ofSeconds(random.nextInt(100_000) - 50_000, 1000L * random.nextInt(1_000_000))));
            out.add(row);
        }
        return DataFrame.ofRows(schema, out);
    }

    /** A list of up to five values, a sixth of them null; some lists empty, some null. */
    private static List<Object> list(Random random, java.util.function.Supplier<Object> value) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int n = random.nextInt(6); n > 0; n--) {
            out.add(random.nextInt(6) == 0 ? null : value.get());
        }
        return out;
    }

    static Stream<Named<Query>> listCorpus() {
        return Stream.of(
                ordered("lists shipped and given back", f -> f),
                ordered("list functions", f -> f.select(col("id"), col("xs").lst().len().alias("len"),
                        col("xs").lst().get(0).alias("first"), col("ts").lst().get(-1).alias("last"),
                        col("ds").lst().get(3).alias("fourth"), col("cs").lst().get(-9).alias("before"),
                        col("zs").lst().sum().alias("sum"), col("ys").lst().sum().alias("fsum"),
                        col("xs").lst().mean().alias("mean"), col("ys").lst().mean().alias("fmean"),
                        col("xs").lst().min().alias("min"), col("xs").lst().max().alias("max"),
                        col("ys").lst().min().alias("fmin"), col("ys").lst().max().alias("fmax"),
                        col("ts").lst().min().alias("tmin"), col("cs").lst().max().alias("cmax"),
                        col("ds").lst().max().alias("dmax"), col("ts").lst().join("+").alias("joined"),
                        col("cs").lst().join("").alias("cjoined"), col("ys").lst().reverse().alias("reversed"))),
                ordered("list membership, order and distinct values", f -> f.select(col("id"),
                        col("xs").lst().contains(3L).alias("has3"), col("xs").lst().contains(0x1p63).alias("has_2_63"),
                        col("xs").lst().contains(-0x1p63).alias("has_min"), col("ys").lst().contains(0.0).alias("has0"),
                        col("ys").lst().contains(Double.NaN).alias("hasnan"), col("ts").lst().contains("é").alias("hasé"),
                        col("ds").lst().contains(LocalDate.of(1970, 1, 1)).alias("hasday"),
                        col("xs").lst().sort().alias("sorted"), col("xs").lst().sort(true, false).alias("desc_nulls_first"),
                        col("ts").lst().sort(false, false).alias("tsorted"), col("cs").lst().sort(true, true).alias("csorted"),
                        col("xs").lst().distinct().alias("distinct"), col("ts").lst().nUnique().alias("n_unique"),
                        col("ds").lst().distinct().alias("ddistinct"))),
                ordered("list slices, concatenation and lists of values", f -> f.select(col("id"),
                        col("xs").lst().slice(2, -1).alias("tail"), col("xs").lst().slice(-2, 9).alias("last_two"),
                        col("ts").lst().slice(0, 2).alias("head"), col("xs").lst().slice(col("a"), col("b")).alias("window"),
                        col("xs").lst().slice(3, 2).alias("none"), col("xs").lst().concat(col("zs")).alias("both"),
                        col("ys").lst().concat(col("ys"), lit(null)).alias("twice"),
                        dev.floe.frame.expr.Exprs.listOf(col("x"), col("id")).alias("values"),
                        dev.floe.frame.expr.Exprs.listOf(col("t"), lit("é")).alias("texts"))),
                ordered("lists as text", f -> f.select(col("id"), col("xs").cast(DataType.UTF8).alias("xs"),
                        col("ys").cast(DataType.UTF8).alias("ys"), col("ts").cast(DataType.UTF8).alias("ts"),
                        col("cs").cast(DataType.UTF8).alias("cs"), col("ds").cast(DataType.UTF8).alias("ds"))),
                ordered("explode a list", f -> f.select(col("id"), col("ts"), col("g")).explode("ts")),
                ordered("explode two lists of one length, then filter", f -> f.select(col("id"), col("xs"),
                        col("xs").lst().reverse().alias("rs"), col("cs")).explode("xs", "rs").filter(col("id").gt(10))),
                unordered("top k of every kind of value by group", f -> f.groupBy("g").agg(col("x").topK(3).alias("x3"),
                        col("y").topK(4).alias("y4"), col("t").topK(2).alias("t2"), col("d").topK(2).alias("d2"),
                        col("c").topK(1).alias("c1"), col("y").topK(0).alias("none"))),
                unordered("top k among zeros of both signs and negatives", f -> f.filter(col("y").le(0.0)).groupBy("g")
                        .agg(col("y").topK(3).alias("y3"))),
                unordered("top k over every row, then explode", f -> f.select(col("y").topK(30).alias("y30"))
                        .explode("y30")),
                unordered("lists of groups in input order", f -> f.filter(col("id").lt(150)).groupBy("g")
                        .agg(col("y").list().alias("ys"), col("t").list().alias("ts"), col("c").list().alias("cs"))),
                unordered("top two by group, exploded (the h2o question)", f -> f.filter(col("y").isNotNull())
                        .groupBy("g").agg(col("y").topK(2).alias("largest2_y")).explode("largest2_y")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listCorpus")
    void listsGiveTheLocalAnswers(Query query) {
        givesTheLocalAnswer(query, listInputs(new Random(31), 300).lazy());
    }

    /** The plans whose file scans differ from a frame's: what a scan reads, filters and cuts (the rest is as over a frame). */
    static Stream<Named<Query>> fileCorpus() {
        java.util.Set<String> names = java.util.Set.of("scan", "filter", "casts and functions", "head", "top k",
                "functions Floe computes over every type, and in a scan's filter",
                "concat", "group by with every translated aggregation", "left join", "first and last of groups",
                "row numbers, lag and lead", "unique by a subset");
        return corpus().filter(query -> names.contains(query.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCorpus")
    void csvScansGiveTheLocalAnswers(Query query) {
        givesTheLocalAnswer(query, Floe.scanCsv(csv.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCorpus")
    void parquetScansGiveTheLocalAnswers(Query query) {
        givesTheLocalAnswer(query, Floe.scanParquet(parquet.toString()));
    }

    static Stream<Named<String>> sqlCorpus() {
        return Stream.of(
                Named.of("group by", "SELECT k, sum(x) AS sx, count(*) AS n, avg(y) AS my, count(x) AS cx FROM facts GROUP BY k"),
                Named.of("filter, order, limit", "SELECT id, x * 2 + 1 AS v FROM facts WHERE x > 0 ORDER BY id LIMIT 10"),
                Named.of("join", "SELECT f.id, f.k, d.label FROM facts f JOIN dims d ON f.k = d.k WHERE f.x < 0"),
                Named.of("left join", "SELECT f.id, d.label, d.x AS dx FROM facts f LEFT JOIN dims d ON f.k = d.k"),
                Named.of("distinct", "SELECT DISTINCT g, b FROM facts"),
                Named.of("min, max, count distinct", "SELECT g, min(y) AS lo, max(y) AS hi, count(DISTINCT k) AS ks FROM facts GROUP BY g"),
                Named.of("in, between", "SELECT k, x, id FROM facts WHERE k IN ('k1', 'k2') AND x BETWEEN -5 AND 5 ORDER BY x, id"),
                Named.of("case", "SELECT id, CASE WHEN x < 0 THEN 'neg' WHEN x = 0 THEN 'zero' ELSE 'pos' END AS sign FROM facts"),
                Named.of("union all", "SELECT id, x FROM facts WHERE x > 10 UNION ALL SELECT id, x FROM facts WHERE x < -10"),
                Named.of("having", "SELECT k, sum(y) AS sy FROM facts GROUP BY k HAVING count(*) > 40"),
                Named.of("window", "SELECT id, sum(x) OVER (PARTITION BY k) AS sx, rank() OVER (PARTITION BY g ORDER BY x DESC) AS r "
                        + "FROM facts"),
                Named.of("functions", "SELECT id, length(k) AS n, left(k, 1) AS l, right(k, -1) AS r, substring(k, 2, 1) AS s, "
                        + "lpad(k, 4, '*') AS p, replace(k, 'k', 'K') AS rep, strpos(k, '1') AS pos, ln(abs(y) + 1) AS ln_y, "
                        + "log10(abs(y) + 1) AS lg, quarter(d) AS q, dayofyear(d) AS doy, x & 6 AS bits, bit_count(x) AS ones, "
                        + "hex(x) AS h, trim(k, 'k') AS t FROM facts"),
                Named.of("window frames", "SELECT id, sum(x) OVER (PARTITION BY k ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING "
                        + "AND UNBOUNDED FOLLOWING) AS whole, avg(y) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN 1 PRECEDING "
                        + "AND 1 FOLLOWING) AS m, first_value(x) OVER (PARTITION BY k ORDER BY s) AS f FROM facts"),
                Named.of("deviations and correlation, checked", "SELECT g, stddev(y) AS sd, stddev_pop(y) AS sdp, "
                        + "variance(x) AS v, var_pop(x) AS vp, corr(x, y) AS c FROM facts WHERE y < 1e300 GROUP BY g"),
                Named.of("deviations of one value", "SELECT id, stddev_pop(y) AS one, stddev(y) AS none, var_pop(x) AS vx, "
                        + "corr(x, y) AS c FROM facts WHERE y < 1e300 GROUP BY id"),
                Named.of("bit aggregates", "SELECT g, bit_and(x) AS a, bit_or(x) AS o, bit_xor(s) AS xo FROM facts GROUP BY g"),
                Named.of("lists", "SELECT g, list(x) FILTER (WHERE x > 0) AS pos, list(k) AS ks, list(y) AS ys FROM facts GROUP BY g"));
    }

    /** SQL's plans (from SqlContext) on Spark: the same answers as on the local engine. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlCorpus")
    void sqlQueriesGiveTheLocalAnswers(String query) {
        dev.floe.sql.SqlContext sql = new dev.floe.sql.SqlContext().register("facts", facts).register("dims", dims);
        LazyFrame plan = sql.plan(query);
        boolean ordered = query.endsWith("LIMIT 10") || query.endsWith("ORDER BY x, id")
                || !query.contains("GROUP BY") && !query.contains("JOIN") && !query.contains("DISTINCT") && !query.contains("OVER");
        SameRows.assertSame(query + "\n" + plan.explain(), plan.collect(), plan.collect(spark), ordered);
    }
}
