package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.floe.frame.io.ColumnStatistics;
import dev.floe.frame.io.TableStatistics;
import dev.floe.frame.plan.Estimates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimizer's estimates of rows: from frames' heights and integer ranges, through filters, joins and groups. */
class EstimatesTest {
    /** 1,000 rows: x 0..999 (each once), g 0..9 (100 each), a text column. */
    private static DataFrame frame() {
        long[] x = new long[1000];
        int[] g = new int[1000];
        String[] s = new String[1000];
        for (int i = 0; i < 1000; i++) {
            x[i] = i;
            g[i] = i % 10;
            s[i] = "s" + (i % 7);
        }
        return DataFrame.of(Series.of("x", x), Series.of("g", g), Series.of("s", s));
    }

    @Test
    void anInMemoryFrameTellsItsHeightAndItsIntegerColumnsRanges() {
        TableStatistics stats = Estimates.of(frame().lazy().plan());
        assertThat(stats.rows()).isEqualTo(1000);
        assertThat(stats.column("x")).isEqualTo(new ColumnStatistics(1000, 0, 0, 999));
        assertThat(stats.column("g").distinct()).isEqualTo(10);
        // text: distinct values counted in a sample (all 1,000 rows here)
        assertThat(stats.column("s").distinct()).isEqualTo(7);
        List<Long> withNulls = new ArrayList<>(List.of(5L, 7L));
        withNulls.add(null);
        withNulls.add(null);
        ColumnStatistics nullable = Estimates.of(DataFrame.of(Series.of("n", withNulls)).lazy().plan()).column("n");
        assertThat(nullable.nullFraction()).isEqualTo(0.5);
        assertThat(nullable.distinct()).isEqualTo(2);
        assertThat(nullable.min()).isEqualTo(5);
        assertThat(nullable.max()).isEqualTo(7);
    }

    @Test
    void aLargeTextColumnIsJudgedFromASample() {
        int rows = 100_000;
        String[] few = new String[rows];
        String[] types = new String[rows];
        String[] thousands = new String[rows];
        String[] many = new String[rows];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < rows; i++) {
            few[i] = "status" + (i % 3);
            types[i] = "type" + random.nextInt(150);
            thousands[i] = "key" + random.nextInt(5_000);
            many[i] = "name" + i;
        }
        TableStatistics stats = Estimates.of(DataFrame.of(Series.of("few", few), Series.of("types", types),
                Series.of("thousands", thousands), Series.of("many", many)).lazy().plan());
        assertThat(stats.column("few").distinct()).isEqualTo(3);
        // a sample where every value repeats holds them all; one where few repeat is scaled up
        assertThat(stats.column("types").distinct()).isCloseTo(150, offset(5.0));
        assertThat(stats.column("thousands").distinct()).isBetween(2_500.0, 10_000.0);
        assertThat(stats.column("many").distinct()).isCloseTo(rows, offset(1e-6)); // no value repeats: all distinct
        String[] sparse = new String[5_000];
        sparse[4_999] = "only"; // not among the sampled rows, all of them null: nothing is known
        assertThat(Estimates.of(DataFrame.of(Series.of("sparse", java.util.Arrays.asList(sparse))).lazy().plan())
                .column("sparse").distinct()).isNaN();
        assertThat(Estimates.rows(DataFrame.of(Series.of("few", few)).lazy().filter(col("few").eq("status1"))
                .plan())).isCloseTo(rows / 3.0, offset(1e-6));
    }

    @Test
    void filtersKeepTheShareTheirRangesAndDistinctCountsSay() {
        LazyFrame lazy = frame().lazy();
        assertThat(Estimates.rows(lazy.filter(col("x").lt(250)).plan())).isCloseTo(250, offset(1.0));
        assertThat(Estimates.rows(lazy.filter(col("x").ge(900)).plan())).isCloseTo(100, offset(1.0));
        assertThat(Estimates.rows(lazy.filter(col("g").eq(3)).plan())).isCloseTo(100, offset(1e-9));
        assertThat(Estimates.rows(lazy.filter(col("g").isIn(3, 4)).plan())).isCloseTo(200, offset(1e-9));
        // a value outside the range: nothing, but at least one row is estimated
        assertThat(Estimates.rows(lazy.filter(col("x").eq(5000)).plan())).isEqualTo(1);
        assertThat(Estimates.rows(lazy.filter(col("x").lt(250).and(col("g").eq(3))).plan()))
                .isCloseTo(25, offset(1.0));
        assertThat(Estimates.rows(lazy.filter(col("x").lt(250).or(col("x").ge(900))).plan()))
                .isCloseTo(1000 * (0.25 + 0.1 - 0.025), offset(2.0));
        // text: one of its seven values
        assertThat(Estimates.rows(lazy.filter(col("s").eq("s1")).plan())).isCloseTo(1000 / 7.0, offset(1e-6));
    }

    @Test
    void joinsDivideByTheLargerDistinctCountAndGroupsByTheKeys() {
        LazyFrame facts = frame().lazy();
        long[] ids = new long[10];
        for (int i = 0; i < 10; i++) {
            ids[i] = i;
        }
        LazyFrame dims = DataFrame.of(Series.of("id", ids), Series.of("name", "a", "b", "c", "d", "e", "f", "g", "h",
                "i", "j")).lazy();
        // each of the 1,000 rows meets one of 10 dimension rows
        assertThat(Estimates.rows(facts.join(dims, List.of("g"), List.of("id"), dev.floe.frame.plan.JoinType.INNER, "_right").plan())).isCloseTo(1000, offset(1e-6));
        // a filtered dimension keeps its share
        assertThat(Estimates.rows(facts.join(dims.filter(col("id").eq(3)), List.of("g"), List.of("id"), dev.floe.frame.plan.JoinType.INNER, "_right").plan()))
                .isCloseTo(100, offset(1e-6));
        assertThat(Estimates.rows(facts.groupBy("g").agg(col("x").sum()).plan())).isEqualTo(10);
        assertThat(Estimates.rows(facts.groupBy("x").agg(col("g").sum()).plan())).isEqualTo(1000);
        assertThat(Estimates.rows(facts.head(7).plan())).isEqualTo(7);
        assertThat(Estimates.rows(facts.crossJoin(dims).plan())).isEqualTo(10_000);
    }

    @Test
    void aCsvFileTellsItsRowsBySizeAJsonFileNothingAndExplainShowsEstimatesOnlyWhereKnown(@TempDir Path dir)
            throws Exception {
        StringBuilder text = new StringBuilder("id,name,score\n");
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(",name").append(i % 97).append(',').append(i * 0.5).append('\n');
        }
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, text);
        assertThat(Estimates.rows(Floe.scanCsv(csv.toString()).plan())).isCloseTo(5000, offset(100.0));
        Path json = dir.resolve("t.ndjson");
        Files.writeString(json, "{\"a\": 1}\n{\"a\": 2}\n");
        LazyFrame scan = Floe.scan(json.toString());
        assertThat(Estimates.rows(scan.plan())).isNaN();
        assertThat(scan.explain()).doesNotContain("~");
        assertThat(frame().lazy().filter(col("g").eq(3)).explain()).contains("~100 rows").contains("~1,000 rows");
    }
}
