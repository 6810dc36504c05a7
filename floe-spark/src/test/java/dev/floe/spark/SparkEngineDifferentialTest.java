package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.denseRank;
import static dev.floe.frame.expr.Exprs.rank;
import static dev.floe.frame.expr.Exprs.len;
import static dev.floe.frame.expr.Exprs.lit;
import static dev.floe.frame.expr.Exprs.when;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
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
                ordered("head", f -> f.filter(col("b")).head(17)),
                ordered("slice", f -> f.slice(20, 9)),
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
                unordered("ranks and running sums", f -> f.select(col("id"),
                        rank().over("g").orderBy(SortKey.desc("x")).alias("rank"),
                        denseRank().over("k").orderBy("s").alias("dense"),
                        col("x").sum().over("g").orderBy("id").alias("running"),
                        col("y").count().over(col("x").mod(4)).orderBy("d").alias("running_count"))),
                unordered("join then group", f -> f.join(dims(new Random(41), 40).lazy(), JoinType.INNER, "k")
                        .groupBy("label").agg(col("y").sum(), col("x").sum())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void inMemoryFramesGiveTheLocalAnswers(Query query) {
        LazyFrame plan = query.plan().apply(facts.lazy());
        SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), query.ordered());
    }

    /** The plans whose file scans differ from a frame's: what a scan reads, filters and cuts (the rest is as over a frame). */
    static Stream<Named<Query>> fileCorpus() {
        java.util.Set<String> names = java.util.Set.of("scan", "filter", "casts and functions", "head", "top k",
                "concat", "group by with every translated aggregation", "left join");
        return corpus().filter(query -> names.contains(query.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCorpus")
    void csvScansGiveTheLocalAnswers(Query query) {
        LazyFrame plan = query.plan().apply(Floe.scanCsv(csv.toString()));
        SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), query.ordered());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCorpus")
    void parquetScansGiveTheLocalAnswers(Query query) {
        LazyFrame plan = query.plan().apply(Floe.scanParquet(parquet.toString()));
        SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), query.ordered());
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
                        + "FROM facts"));
    }

    /** SQL's plans (from SqlContext) on Spark: the same answers as on the local engine, or refused by name. */
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
