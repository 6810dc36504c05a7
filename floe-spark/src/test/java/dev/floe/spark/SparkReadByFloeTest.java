package dev.floe.spark;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.io.csv.CsvOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files Spark's readers cannot read as Floe does, read by Floe's readers in the executors
 * ({@link ReadByFloe}): the local engine's answers, in its order, and its errors.
 */
class SparkReadByFloeTest {
    private static SparkEngine spark;
    @TempDir
    static Path directory;

    @BeforeAll
    static void startSpark(TestInfo test) {
        spark = SparkCluster.sparkFor(test, () -> SparkEngine.local(2));
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static void givesTheLocalAnswer(LazyFrame plan) {
        SameRows.assertSame(plan.explain(), plan.collect(), plan.collect(spark), true);
    }

    @Test
    void csvOptionsSparksReaderLacks() throws Exception {
        StringBuilder text = new StringBuilder("a title line\nanother\nid,name,span\n");
        for (int i = 0; i < 300; i++) {
            text.append(i % 50 == 7 ? "## a comment\n" : "").append(i).append(",n").append(i % 7).append(",PT")
                    .append(i).append("M\n");
        }
        Path file = Files.writeString(directory.resolve("options.csv"), text);
        CsvOptions options = CsvOptions.defaults().withSkipRows(2).withCommentPrefix("##")
                .withType("span", DataType.DURATION);
        givesTheLocalAnswer(Floe.scanCsv(file.toString(), options));
        givesTheLocalAnswer(Floe.scanCsv(file.toString(), options).filter(col("id").gt(100)).select("span", "id").head(9));
    }

    @Test
    void badRowsSkippedAsFloeSkipsThem() throws Exception {
        Path file = Files.writeString(directory.resolve("bad.csv"), "id,v\n1,2\n3,4,5\n6,x\n7,8\n");
        LazyFrame scan = Floe.scanCsv(file.toString(), CsvOptions.defaults().withType("v", DataType.INT64)
                .withOnBadRow(CsvOptions.OnBadRow.SKIP));
        givesTheLocalAnswer(scan);
        assertThat(scan.collect(spark).height()).isEqualTo(2);
    }

    @Test
    void aBadValueFailsNamingItsPlaceAsOnTheLocalEngine() throws Exception {
        Path file = Files.writeString(directory.resolve("typed.csv"), "id,v\n1,2\n3,x\n");
        LazyFrame scan = Floe.scanCsv(file.toString(), CsvOptions.defaults().withType("v", DataType.INT64).withSkipRows(0)
                .withCommentPrefix("//"));
        assertThatThrownBy(scan::collect).hasMessageContaining("typed.csv").hasMessageContaining("line 3");
        assertThatThrownBy(() -> scan.collect(spark)).isInstanceOf(dev.floe.FloeException.class)
                .hasMessageContaining("typed.csv").hasMessageContaining("line 3").hasMessageContaining("on Spark");
    }

    @Test
    void arrowAndJsonFilesInTheirOrder() throws Exception {
        DataFrame facts = SparkEngineDifferentialTest.facts(new Random(5), 500);
        Path arrow = directory.resolve("facts.arrow");
        facts.writeArrow(arrow);
        givesTheLocalAnswer(Floe.scanArrow(arrow.toString()));
        givesTheLocalAnswer(Floe.scanArrow(arrow.toString()).filter(col("x").gt(3)).select("id", "k", "d"));
        Path lines = directory.resolve("facts.ndjson");
        facts.select("id", "k", "x", "y", "b").writeNdjson(lines);
        givesTheLocalAnswer(Floe.scanNdjson(lines.toString()));
    }

    @Test
    void aHivePartitionedDataset() throws Exception {
        Path root = Files.createDirectories(directory.resolve("hive"));
        DataFrame facts = SparkEngineDifferentialTest.facts(new Random(9), 400);
        for (String g : List.of("g0", "g1", "g2")) {
            Path part = Files.createDirectories(root.resolve("g=" + g));
            facts.lazy().filter(col("g").cast(DataType.UTF8).eq(dev.floe.frame.expr.Exprs.lit(g))).select("id", "x", "y")
                    .collect().writeParquet(part.resolve("part.parquet"));
        }
        LazyFrame scan = Floe.scanParquet(root.toString());
        assertThat(scan.collect().schema().names()).as("the key from the paths").contains("g");
        givesTheLocalAnswer(scan);
        givesTheLocalAnswer(scan.filter(col("x").lt(0)).groupBy("g").agg(col("y").sum()).sort("g"));
    }

    @Test
    void decimalsFromCsvAreReadByFloeAndFromParquetBySpark() throws Exception {
        StringBuilder text = new StringBuilder("id,price\n");
        for (int i = 0; i < 200; i++) {
            // halves to round, an exponent, a sign: Floe's rules for decimal text
            text.append(i).append(',').append(i % 9 == 0 ? "1.005" : i % 9 == 1 ? "2.5e1" : i % 9 == 2 ? "+3.125"
                    : i % 9 == 3 ? "" : "-" + i + ".0049").append('\n');
        }
        Path file = Files.writeString(directory.resolve("prices.csv"), text);
        LazyFrame csv = Floe.scanCsv(file.toString(), CsvOptions.defaults().withType("price", DataType.decimal(6, 2)));
        assertThat(spark.explain(csv.plan())).contains("Floe reads [id, price]");
        givesTheLocalAnswer(csv);
        Path parquet = directory.resolve("prices.parquet");
        csv.sinkParquet(parquet);
        LazyFrame read = Floe.scanParquet(parquet.toString());
        assertThat(spark.explain(read.plan())).doesNotContain("Floe reads");
        givesTheLocalAnswer(read.filter(col("price").gt(lit(new java.math.BigDecimal("-50.5"))))
                .groupBy(col("id").mod(3).alias("g")).agg(col("price").sum().alias("total"), col("price").mean().alias("mean"),
                        col("price").mul(col("price")).max().alias("square"))
                .sort("g"));
    }

    @Test
    void explainShowsFloeReading() throws Exception {
        Path file = Files.writeString(directory.resolve("skip.csv"), "junk\nid\n1\n2\n");
        String plan = spark.explain(Floe.scanCsv(file.toString(), CsvOptions.defaults().withSkipRows(1)).plan());
        assertThat(plan).contains("Floe reads [id]");
    }

}
