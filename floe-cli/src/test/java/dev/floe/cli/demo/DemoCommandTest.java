package dev.floe.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.MainTest;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import dev.floe.pool.Pool;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void aWinnerIsNamedOnlyBeyondTheNoise() {
        java.util.Map<String, Tour.Timing> close = new java.util.LinkedHashMap<>();
        close.put("map", new Tour.Timing(1.00, 0.05));
        close.put("mapAsync", new Tour.Timing(0.97, 0.05));
        close.put("loop", new Tour.Timing(3.0, 0.05));
        assertThat(PoolTour.winner(close)).startsWith("fastest: none, beyond the noise").contains("mapAsync and map");
        java.util.Map<String, Tour.Timing> clear = new java.util.LinkedHashMap<>();
        clear.put("map", new Tour.Timing(1.00, 0.05));
        clear.put("loop", new Tour.Timing(2.0, 0.10));
        assertThat(PoolTour.winner(clear)).isEqualTo("fastest: map, beyond the noise between runs.");
        assertThat(Tour.speedUp(new Tour.Timing(1.0, 0.05), new Tour.Timing(0.98, 0.05))).isEqualTo("1.02x (within the noise)");
        assertThat(Tour.speedUp(new Tour.Timing(2.0, 0.05), new Tour.Timing(1.0, 0.05))).isEqualTo("2.00x");
    }

    @Test
    void theVariantsAreTimedTurnByTurnAndTheMedianKept() {
        java.io.StringWriter text = new java.io.StringWriter();
        Tour tour = new JitTour(new java.io.PrintWriter(text), false);
        java.util.List<String> order = new java.util.ArrayList<>();
        java.util.Map<String, dev.floe.pool.Timeit.Body<?>> variants = new java.util.LinkedHashMap<>();
        variants.put("a", () -> order.add("a"));
        variants.put("b", () -> order.add("b"));
        variants.put("c", () -> order.add("c"));
        java.util.Map<String, Tour.Timing> timings = tour.interleaved(variants, 1);
        assertThat(timings).containsOnlyKeys("a", "b", "c");
        assertThat(order).hasSize(3 * 8); // a warm-up round, then seven
        // each round starts with another variant, so none always runs first
        assertThat(List.of(order.get(3), order.get(6), order.get(9))).containsExactly("a", "b", "c");
        assertThat(timings.get("a").noise()).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void theBigFrameFitsTheHeapItHas() {
        long threeGiB = 3L << 30;
        int rows = FrameTour.rowsFitting(2_000_000, 200, threeGiB);
        assertThat(rows).isLessThan(2_000_000);
        assertThat(8L * 200 * rows).isLessThanOrEqualTo(threeGiB / 4);
        assertThat(FrameTour.rowsFitting(2_000_000, 200, 64L << 30)).isEqualTo(2_000_000);
    }

    @Test
    void theQuickTourRunsEverySectionAndEveryVariantAgrees() {
        MainTest.Run run = MainTest.floe("demo", "--quick");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Count down from 3,000,000")
                .contains("first counts: ")
                .contains("apply, one row at a time", "starmapAsync", "imap, chunksize 10", "applyAsync + callback")
                .contains("All variants agree.")
                .contains("Every row matches the sequential result.")
                .contains("Both give the same 1000 values.")
                .contains("first call (interpreted, then compiled)")
                .contains("fastest: ")
                .contains("Three processes that each sleep one second")
                .containsPattern("SharedLock around set\\(get\\(\\) \\+ 1\\) +30,000 +0 ")
                .containsPattern("SharedLong.incrementAndGet\\(\\) +30,000 +0 ")
                .contains("without retries: worker-").contains("while running task 7 of map")
                .contains("with retries(1): task 7 ran again on a fresh worker; all 20 results arrived")
                .contains("All three agree.").contains("Both agree (within rounding")
                .contains("the same as one withColumns over the whole frame").contains("Eager and lazy agree.")
                .contains("lists.explode(\"units\") gives the rows back, grouped: it does.")
                .contains("Every way gives the same frame.")
                .contains("After CSV, Parquet and Arrow the frame is the one we started with, value for value.")
                .contains("The scan agrees with the same query on the frame in memory.")
                .contains("3200.0, QQQ 10 x 300.0 = 3000.0, XYZ 50 x 20.0 + 25 x 19.0 = 1475.0: as it should be.")
                .contains("SQL and the DataFrame API agree, value for value.");
    }

    @Test
    void theSqlSectionAnswersTheTradesQuestionAndAgreesWithTheDataFrameApi() {
        MainTest.Run sql = MainTest.floe("demo", "sql", "--quick");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("Floe tour: SQL").contains("20,000 readings")
                .containsPattern("\"ABC\" +┆ +300 +┆ +3200\\.0")
                .containsPattern("\"QQQ\" +┆ +10 +┆ +3000\\.0")
                .containsPattern("\"XYZ\" +┆ +75 +┆ +1475\\.0")
                .contains("as it should be.").contains("SQL and the DataFrame API agree, value for value.")
                .contains("ROLLUP adds the total over every symbol (385)").contains("XYZ at 9 the one at 8: as it should be.")
                .doesNotContain("WRONG")
                .doesNotContain("Floe tour: DataFrames");
    }

    @Test
    void sqlAndApiResultsAreComparedByValue() {
        DataFrame trades = SqlTour.tradeFrame();
        assertThat(SqlTour.sameValues(trades, trades)).isTrue();
        DataFrame widerCount = DataFrame.of(Series.of("sym", "ABC", "XYZ", "ABC", "XYZ", "QQQ"),
                Series.of("qty", 100, 50, 200, 25, 10), Series.of("price", 10.0, 20.0, 11.0, 19.0, 300.0 + 1e-12));
        assertThat(SqlTour.sameValues(trades, widerCount)).isTrue();
        DataFrame otherPrice = DataFrame.of(Series.of("sym", "ABC", "XYZ", "ABC", "XYZ", "QQQ"),
                Series.of("qty", 100L, 50L, 200L, 25L, 10L), Series.of("price", 10.0, 20.0, 11.0, 19.0, 301.0));
        assertThat(SqlTour.sameValues(trades, otherPrice)).isFalse();
        assertThat(SqlTour.sameValues(trades, trades.head(4))).isFalse();
        DataFrame readings = SqlTour.readingFrame(1000);
        assertThat(readings.height()).isEqualTo(1000);
        assertThat(readings.column("temp").nullCount()).isBetween(20, 60);
        assertThat(SqlTour.readingFrame(1000)).isEqualTo(readings);
    }

    @Test
    void sectionsRunAlone() {
        MainTest.Run pool = MainTest.floe("demo", "pool", "--quick");
        assertThat(pool.exitCode()).isZero();
        assertThat(pool.out()).contains("task parallelism").doesNotContain("compiled code");
        MainTest.Run jit = MainTest.floe("demo", "jit", "--quick");
        assertThat(jit.exitCode()).isZero();
        assertThat(jit.out()).contains("compiled code").contains("speed-up");
        MainTest.Run processes = MainTest.floe("demo", "processes", "--quick");
        assertThat(processes.exitCode()).isZero();
        assertThat(processes.out()).contains("processes and shared memory").doesNotContain("task parallelism");
        MainTest.Run frame = MainTest.floe("demo", "frame", "--quick", "--rows", "5000", "--columns", "6");
        assertThat(frame.exitCode()).as(frame.err()).isZero();
        assertThat(frame.out()).contains("A 5,000 x 6 random frame").contains("Eager and lazy agree.");
        assertThat(MainTest.floe("demo", "frame", "--columns", "2").exitCode()).isEqualTo(2);
        MainTest.Run io = MainTest.floe("demo", "io", "--quick");
        assertThat(io.exitCode()).as(io.err()).isZero();
        assertThat(io.out()).contains("Read a 20,000-row CSV file").contains("(2 of 5 columns); filter")
                .doesNotContain("Eager and lazy");
    }

    @Test
    void countsOfFoursAreRight() {
        assertThat(PoolTour.countOf(new int[] {4, 0, 4, 4}, 4)).isEqualTo(3);
        assertThat(PoolTour.countOf(new int[] {}, 4)).isZero();
        List<int[]> matrix = PoolTour.randomMatrix(200, 10, 100);
        assertThat(matrix).hasSize(200).allSatisfy(row -> assertThat(row).hasSize(10)
                .doesNotContain(-1, 10, Integer.MIN_VALUE, Integer.MAX_VALUE)
                .matches(values -> java.util.Arrays.stream(values).allMatch(v -> v >= 0 && v <= 9), "digits"));
        // every digit turns up, and the same seed gives the same rows
        assertThat(matrix.stream().flatMapToInt(java.util.Arrays::stream).distinct().count()).isEqualTo(10);
        assertThat(PoolTour.randomMatrix(200, 10, 100).stream().map(java.util.Arrays::toString).toList())
                .isEqualTo(matrix.stream().map(java.util.Arrays::toString).toList());
    }

    @Test
    void normalisingScalesEachRowToTheUnitInterval() {
        assertThat(PoolTour.normalise(new int[] {2, 4, 6})).containsExactly(0.0, 0.5, 1.0);
        assertThat(PoolTour.normalise(new int[] {3, 3})).containsExactly(0.0, 0.0);
    }

    @Test
    void theParallelPiEstimateDoesNotDependOnTheWorkerCount() {
        double one;
        double four;
        try (Pool pool = Pool.threads(1)) {
            one = JitTour.estimatePiInParallel(pool, 100_000, 4, 7);
        }
        try (Pool pool = Pool.threads(4)) {
            four = JitTour.estimatePiInParallel(pool, 100_000, 4, 7);
        }
        assertThat(one).isEqualTo(four).isBetween(3.1, 3.2);
        assertThat(JitTour.estimatePi(100_000, new SplittableRandom(1))).isBetween(3.1, 3.2);
    }

    @Test
    void theCountDownIsNotFoldedAway() {
        assertThat(List.of(PoolTour.countDown(10), PoolTour.countDown(11))).doesNotHaveDuplicates();
        assertThat(PoolTour.countDown(0)).isZero();
    }
}
