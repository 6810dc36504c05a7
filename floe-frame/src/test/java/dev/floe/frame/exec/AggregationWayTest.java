package dev.floe.frame.exec;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * How a grouped aggregation chooses between pre-aggregating in each worker's table and
 * partitioning the rows first: from the groups the first batch's keys suggest, weighed against the
 * rows the input is expected to give. Either way the answer is the same.
 */
class AggregationWayTest {
    private static final List<DataType> ONE_LONG = List.of(DataType.INT64);

    private static List<Vector> keysFrom(long groups, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] keys = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[i] = random.nextLong(groups) * 7_919L;
        }
        return List.of(new LongVector(DataType.INT64, keys, 0, rows, null));
    }

    @Test
    void theFirstRowsRepeatsTellAboutHowManyGroupsTheKeysAreDrawnFrom() {
        for (long groups : new long[] {500_000, 1_000_000, 10_000_000}) {
            double estimate = GroupTable.sampledGroups(ONE_LONG, keysFrom(groups, 100_000, groups), 100_000);
            assertThat(estimate).as("%,d groups", groups).isCloseTo(groups, within(groups * 0.25));
        }
        // keys that repeat often are not nearly unique: no estimate
        assertThat(GroupTable.sampledGroups(ONE_LONG, keysFrom(5_000, 100_000, 1), 100_000)).isZero();
        // too few rows to judge
        assertThat(GroupTable.sampledGroups(ONE_LONG, keysFrom(1L << 40, 1_000, 2), 1_000)).isZero();
        // no repeat at all
        long[] distinct = new long[70_000];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = i * 31L;
        }
        assertThat(GroupTable.sampledGroups(ONE_LONG,
                List.of(new LongVector(DataType.INT64, distinct, 0, distinct.length, null)), distinct.length))
                .isInfinite();
    }

    @Test
    void aTableThatNoLongerFindsGroupsRefusesRowsAndMergesButKeepsItsGroups() {
        GroupTable table = new GroupTable(ONE_LONG);
        List<Vector> keys = keysFrom(50, 1_000, 3);
        table.assign(keys, 1_000, 0, new int[1_000]);
        int groups = table.groups();
        table.stopFinding();
        assertThat(table.groups()).isEqualTo(groups);
        assertThat(table.orderOfFirstAppearance()).hasSize(groups);
        assertThatThrownBy(() -> table.assign(keys, 1_000, 1_000, new int[1_000]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer finds groups");
        assertThatThrownBy(() -> new GroupTable(ONE_LONG).merge(table, 0, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMillionGroupsOverAHundredMillionRowsArePreAggregatedButNotOverTwoMillion() {
        int rows = 200_000;
        List<Vector> keys = keysFrom(1_000_000, rows, 7);
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = i % 101 - 50;
        }
        List<Vector> columns = List.of(keys.get(0), new LongVector(DataType.INT64, values, 0, rows, null));
        DataFrame preAggregated = aggregate(columns, 1e8, false);
        DataFrame partitioned = aggregate(columns, 2e6, true);
        DataFrame unknownRows = aggregate(columns, Double.NaN, true);
        assertThat(preAggregated.height()).isGreaterThan(150_000);
        for (DataFrame other : List.of(partitioned, unknownRows)) {
            assertThat(other.height()).isEqualTo(preAggregated.height());
            for (String name : List.of("k", "s", "n")) {
                assertThat(other.column(name).toList()).as(name).isEqualTo(preAggregated.column(name).toList());
            }
        }
    }

    /** Sums and counts by the first column over two workers, checking the way the aggregation chose. */
    private static DataFrame aggregate(List<Vector> columns, double expectedRows, boolean partition) {
        DataFrame schemaOnly = DataFrame.of(Series.of("k", DataType.INT64, List.of()),
                Series.of("v", DataType.INT64, List.of()));
        Aggregate plan = new Aggregate(new Scan(schemaOnly), List.of(col("k")),
                List.of(col("v").sum().alias("s"), Exprs.len().alias("n")));
        GroupedAggregation aggregation = new GroupedAggregation(plan, null, 2, null, expectedRows);
        int rows = columns.get(0).length();
        int morsel = 65_536;
        List<GroupedAggregation.State> states = List.of(aggregation.newState(), aggregation.newState());
        for (int start = 0, b = 0; start < rows; start += morsel, b++) {
            int count = Math.min(morsel, rows - start);
            List<Vector> slice = new ArrayList<>();
            for (Vector column : columns) {
                slice.add(column.slice(start, count));
            }
            aggregation.add(states.get(b % 2), new Batch(slice, count, start));
        }
        assertThat(aggregation.partitioned()).as("expecting %,.0f rows", expectedRows).isEqualTo(partition);
        // two workers' tasks, run in turn on the calling thread
        return aggregation.finish(states, new CategoricalGroupingTest.TestWorkers(2, null));
    }
}
