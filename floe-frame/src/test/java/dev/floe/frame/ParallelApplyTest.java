package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.pool.Pool;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** mapRows, mapColumns, split and concat with a Pool; the groupBy shortcuts; typed array access. */
class ParallelApplyTest {
    static DataFrame frame(int n) {
        return DataFrame.of(Series.of("a", IntStream.range(0, n).mapToDouble(i -> i * 0.5).toArray()),
                Series.of("b", IntStream.range(0, n).mapToDouble(i -> n - i).toArray()));
    }

    @Test
    void mapRowsKeepsRowOrder() {
        DataFrame df = frame(10_000);
        try (Pool pool = Pool.threads(3)) {
            List<Double> sums = df.mapRows(pool, row -> row.getDouble("a") + row.getDouble("b"));
            assertThat(sums).hasSize(10_000);
            for (int i = 0; i < sums.size(); i++) {
                assertThat(sums.get(i)).isEqualTo(i * 0.5 + (10_000 - i));
            }
        }
    }

    @Test
    void mapColumnsGivesOneResultPerColumnInOrder() {
        try (Pool pool = Pool.threads(2)) {
            Map<String, Double> totals = frame(4).mapColumns(pool, series -> Arrays.stream(series.toDoubleArray()).sum());
            assertThat(totals).containsExactly(Map.entry("a", 3.0), Map.entry("b", 10.0));
        }
    }

    @Test
    void splitPartsConcatBackToTheFrame() {
        DataFrame df = frame(1001);
        List<DataFrame> parts = df.split(4);
        assertThat(parts).hasSize(4).allSatisfy(part -> assertThat(part.height()).isBetween(250, 251));
        try (Pool pool = Pool.threads(4)) {
            List<DataFrame> done = pool.map(part -> part.withColumns(col("a").mul(2).alias("a2")), parts, 1);
            assertThat(DataFrame.concat(done)).isEqualTo(df.withColumns(col("a").mul(2).alias("a2")));
        }
        assertThat(df.split(5000)).hasSize(5000);
        assertThatThrownBy(() -> df.split(0)).hasMessageContaining("at least 1");
    }

    @Test
    void groupByShortcutsAggregateEveryOtherColumn() {
        DataFrame df = DataFrame.of(Series.of("k", "x", "y", "x"), Series.of("v", 1L, 2L, 3L), Series.of("w", 1.0, 2.0, 5.0));
        FrameAssert.assertThat(df.groupBy("k").mean()).hasRows(new Object[] {"x", 2.0, 3.0}, new Object[] {"y", 2.0, 2.0});
        FrameAssert.assertThat(df.groupBy("k").sum()).hasRows(new Object[] {"x", 4L, 6.0}, new Object[] {"y", 2L, 2.0});
        FrameAssert.assertThat(df.groupBy("k").max()).hasRow(0, "x", 3L, 5.0);
        FrameAssert.assertThat(df.groupBy("k").len()).hasRows(new Object[] {"x", 2L}, new Object[] {"y", 1L});
    }

    @Test
    void typedArraysCopyAndZeroTheNulls() {
        Series s = Series.of("n", Arrays.asList(1L, null, 3L));
        assertThat(s.toLongArray()).containsExactly(1, 0, 3);
        assertThat(s.toDoubleArray()).containsExactly(1.0, 0.0, 3.0);
        assertThat(Series.of("d", 1.5, 2.5).slice(1, 1).toDoubleArray()).containsExactly(2.5);
        assertThatThrownBy(() -> Series.of("s", "x").toDoubleArray()).hasMessageContaining("needs a numeric column");
    }
}
