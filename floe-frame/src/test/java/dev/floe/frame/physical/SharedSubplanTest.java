package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A subplan that occurs twice in a plan (here an aggregation joined with itself, as a correlated
 * subquery's decorrelation reads its outer query twice) is computed once and read by both
 * occurrences, with the answer the plan gives when each occurrence is computed apart; one
 * estimated larger than {@link PhysicalPlanner#SHARED_ROWS} rows is computed at each (its plan
 * is checked, not run: the suite also runs with morsels of 7 rows).
 */
class SharedSubplanTest {
    private static DataFrame frame(int rows, int groups) {
        long[] keys = new long[rows];
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = (i * 7L) % groups;
            values[i] = i;
        }
        return DataFrame.of(Series.of("k", keys), Series.of("v", values));
    }

    private static LazyFrame selfJoin(LazyFrame sums) {
        return sums.join(sums.select(col("k"), col("s").alias("t")), JoinType.INNER, "k")
                .sort("k");
    }

    @Test
    void aRepeatedSubplanIsComputedOnceAndGivesTheSameAnswer() {
        DataFrame data = frame(10_000, 100);
        LazyFrame sums = data.lazy().groupBy("k").agg(col("v").sum().alias("s"));
        DataFrame shared = selfJoin(sums).collect();
        // the same answer from two copies of the aggregation that are not the same subplan
        LazyFrame other = data.lazy().groupBy("k").agg(col("v").sum().alias("s"));
        DataFrame apart = sums.join(other.select(col("k"), col("s").alias("t")), JoinType.INNER, "k").sort("k")
                .collect();
        assertThat(shared.height()).isEqualTo(100);
        assertThat(shared).isEqualTo(apart);
        assertThat(shared.column("s").toList()).isEqualTo(shared.column("t").toList());
        String plan = selfJoin(sums).explainPhysical();
        assertThat(plan).contains("-> SHARED (occurs 2 times, computed once)")
                .contains("result of SHARED (occurs 2 times, computed once), as above");
        String analyzed = selfJoin(sums).explainAnalyze();
        // the aggregation ran once: its input was read once, 10,000 rows
        assertThat(analyzed.lines().filter(line -> line.contains("SCAN DF")).toList()).hasSize(1);
        assertThat(plan.lines().filter(line -> line.contains("SCAN DF")).toList()).hasSize(1);
    }

    @Test
    void aRepeatedSubplanTooLargeToHoldIsComputedAtEachOccurrence() {
        int rows = (int) PhysicalPlanner.SHARED_ROWS * 2;
        DataFrame data = frame(rows, rows);
        LazyFrame distinct = data.lazy().groupBy("k").agg(col("v").max().alias("s"));
        String plan = selfJoin(distinct).explainPhysical();
        assertThat(plan).doesNotContain("SHARED");
        assertThat(plan.lines().filter(line -> line.contains("SCAN DF")).toList()).hasSize(2);
    }

    @Test
    void aScanOrAFilterAloneIsNotHeldApart() {
        LazyFrame filtered = frame(1_000, 10).lazy().filter(col("v").gt(5));
        String plan = filtered.join(filtered.select(col("k"), col("v").alias("w")), JoinType.INNER, "k").explainPhysical();
        assertThat(plan).doesNotContain("SHARED");
    }

    @Test
    void sharedSubplansInsideEachOtherAreHeldOnceEach() {
        LazyFrame sums = frame(5_000, 50).lazy().groupBy("k").agg(col("v").sum().alias("s"));
        LazyFrame twice = selfJoin(sums);
        LazyFrame four = twice.join(twice.select(col("k"), col("s").alias("u")), JoinType.INNER, "k").sort("k");
        DataFrame out = four.collect();
        assertThat(out.height()).isEqualTo(50);
        assertThat(out.column("u").toList()).isEqualTo(out.column("s").toList());
        List<String> lines = four.explainPhysical().lines().toList();
        assertThat(lines.stream().filter(line -> line.startsWith("  -> SHARED")).count()).isEqualTo(1);
    }
}
