package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.SortKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ordered windows: ranks, lag/lead and running aggregations, checked against a row-by-row reference. */
class OrderedWindowTest {
    @Test
    void ranksShiftsAndRunningAggregationsMatchTheReference() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 70));
            SortKey byA = SortKey.asc("a").nullsLast();
            DataFrame out = frame.lazy().withColumns(
                    Exprs.rowNumber().over("k").orderBy(byA).alias("rn"),
                    Exprs.rank().over("k").orderBy(byA).alias("rk"),
                    Exprs.denseRank().over("k").orderBy(byA).alias("drk"),
                    col("h").lag(1).over("k").orderBy(byA).alias("lag1"),
                    col("h").lead(2, -1).over("k").orderBy(byA).alias("lead2"),
                    col("h").lag(2).ignoreNulls().over("k").orderBy(byA).alias("lag2_present"),
                    col("h").lead(1, -1).ignoreNulls().over("k").orderBy(byA).alias("lead1_present"),
                    col("h").sum().over("k").orderBy(byA).alias("run_sum"),
                    col("h").max().over("k").orderBy(byA).alias("run_max"),
                    col("h").count().over("k").orderBy(byA).alias("run_count"),
                    col("h").mean().over("k").orderBy(byA).alias("run_mean"))
                    .collect(new ExecutionConfig(3, 8));
            int n = frame.height();
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                rows.add(r);
            }
            Comparator<Integer> order = Comparator.comparing((Integer r) -> (Integer) frame.get(r, "a"),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            for (int r = 0; r < n; r++) {
                Object k = frame.get(r, "k");
                // the row's partition in window order (a stable sort keeps input order among ties)
                List<Integer> partition = rows.stream().filter(x -> Objects.equals(frame.get(x, "k"), k))
                        .sorted(order).toList();
                int at = partition.indexOf(r);
                int row = r;
                long before = partition.stream().filter(x -> order.compare(x, row) < 0).count();
                long distinctBefore = partition.stream().filter(x -> order.compare(x, row) < 0)
                        .map(x -> frame.get(x, "a")).distinct().count();
                List<Integer> upToPeers = partition.stream().filter(x -> order.compare(x, row) <= 0).toList();
                List<Short> values = upToPeers.stream().map(x -> (Short) frame.get(x, "h")).filter(Objects::nonNull)
                        .toList();
                String where = "seed " + seed + ", row " + r;
                assertThat(out.get(r, "rn")).as(where).isEqualTo((long) at + 1);
                assertThat(out.get(r, "rk")).as(where).isEqualTo(before + 1);
                assertThat(out.get(r, "drk")).as(where).isEqualTo(distinctBefore + 1);
                assertThat(out.get(r, "lag1")).as(where).isEqualTo(at >= 1 ? frame.get(partition.get(at - 1), "h") : null);
                assertThat(out.get(r, "lead2")).as(where)
                        .isEqualTo(at + 2 < partition.size() ? frame.get(partition.get(at + 2), "h") : (short) -1);
                // IGNORE NULLS: the offset counts only the partition's rows with a value
                List<Integer> presentBefore = partition.subList(0, at).stream()
                        .filter(x -> frame.get(x, "h") != null).toList();
                List<Integer> presentAfter = partition.subList(at + 1, partition.size()).stream()
                        .filter(x -> frame.get(x, "h") != null).toList();
                assertThat(out.get(r, "lag2_present")).as(where).isEqualTo(presentBefore.size() >= 2
                        ? frame.get(presentBefore.get(presentBefore.size() - 2), "h") : null);
                assertThat(out.get(r, "lead1_present")).as(where).isEqualTo(presentAfter.isEmpty() ? (short) -1
                        : frame.get(presentAfter.get(0), "h"));
                assertThat(out.get(r, "run_count")).as(where).isEqualTo((long) values.size());
                assertThat(out.get(r, "run_sum")).as(where)
                        .isEqualTo(values.isEmpty() ? null : values.stream().mapToLong(Short::longValue).sum());
                assertThat(out.get(r, "run_max")).as(where)
                        .isEqualTo(values.isEmpty() ? null : values.stream().max(Comparator.naturalOrder()).get());
                Double mean = (Double) out.get(r, "run_mean");
                if (values.isEmpty()) {
                    assertThat(mean).as(where).isNull();
                } else {
                    assertThat(mean).as(where).isCloseTo(values.stream().mapToLong(Short::longValue).average().orElseThrow(),
                            org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    @Test
    void windowFunctionsOutsideAWindowAreRefusedByName() {
        LazyFrame lf = DataFrame.of(Series.of("v", new long[] {1, 2})).lazy();
        assertThatThrownBy(() -> lf.select(Exprs.rowNumber())).hasMessageContaining("row_number is a window function");
        assertThatThrownBy(() -> lf.groupBy("v").agg(col("v").lag(1).alias("l"))).hasMessageContaining("lag is a window function");
        assertThatThrownBy(() -> lf.select(Exprs.len().add(1).over("v").orderBy("v")))
                .hasMessageContaining("an ordered window takes row_number");
        assertThatThrownBy(() -> col("v").lag(Integer.MIN_VALUE)).hasMessageContaining("lag takes an offset from -2147483647");
        assertThatThrownBy(() -> col("v").sum().ignoreNulls())
                .hasMessageContaining("ignoreNulls goes with lag, lead, first, last and nthValue, not col(\"v\").sum()");
    }

    @Test
    void aNegativeOffsetShiftsTheOtherWay() {
        LazyFrame lf = DataFrame.of(Series.of("t", new long[] {3, 1, 4, 2}), Series.of("v", new long[] {30, 10, 40, 20})).lazy();
        DataFrame out = lf.select(col("t"), col("v").lag(-1).over().orderBy("t").alias("lag_back"),
                col("v").lead(-2, 0L).over().orderBy("t").alias("lead_back")).sort("t").collect();
        assertThat(out.column("lag_back").toList()).containsExactly(20L, 30L, 40L, null);
        assertThat(out.column("lead_back").toList()).containsExactly(0L, 0L, 10L, 20L);
    }

    @Test
    void rowNumberWithoutPartitionFollowsTheOrderAndDescendingNullsFirst() {
        DataFrame df = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("v", DataType.INT64))),
                new Object[] {3L}, new Object[] {null}, new Object[] {1L}, new Object[] {2L});
        DataFrame out = df.lazy().withColumns(Exprs.rowNumber().over().orderBy(SortKey.desc("v").nullsFirst())
                .alias("rn")).collect();
        FrameAssert.assertThat(out).hasColumnValues("rn", 2L, 1L, 4L, 3L);
    }
}
