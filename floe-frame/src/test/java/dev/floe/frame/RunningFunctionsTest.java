package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * pandas' and Polars' running, shifted and rolling functions ({@code cumSum}, {@code diff},
 * {@code pctChange}, {@code forwardFill}, {@code rollingMean}, ...) against a plain loop over the
 * rows in their order, over all rows and per group, with nulls, on one thread and several.
 */
class RunningFunctionsTest {
    /** One thread and several, morsels of a few rows and of many. */
    private static final List<ExecutionConfig> CONFIGS = List.of(new ExecutionConfig(1, 65_536), new ExecutionConfig(3, 7));

    @Test
    void runningFunctionsAreThoseOfALoopOverTheRowsInTheirOrder() {
        SplittableRandom random = new SplittableRandom(11);
        int rows = 400;
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            keys.add("k" + random.nextInt(4));
            values.add(random.nextInt(5) == 0 ? null : (long) random.nextInt(-20, 21));
        }
        DataFrame df = DataFrame.of(Series.of("k", keys), Series.of("x", values));
        for (String[] by : new String[][] {{}, {"k"}}) {
            for (ExecutionConfig config : CONFIGS) {
                DataFrame out = df.lazy().select(col("k"), col("x"), col("x").cumSum(by).alias("cum_sum"),
                        col("x").cumMax(by).alias("cum_max"), col("x").cumCount(by).alias("cum_count"),
                        col("x").diff(2, by).alias("diff"), col("x").pctChange(1, by).alias("pct"),
                        col("x").forwardFill(by).alias("ffill"), col("x").backwardFill(by).alias("bfill"),
                        col("x").rollingSum(3, by).alias("roll_sum"), col("x").rollingMean(3, by).alias("roll_mean"),
                        col("x").rollingMin(2, by).alias("roll_min")).collect(config);
                Map<Object, List<Integer>> groups = new HashMap<>();
                for (int i = 0; i < rows; i++) {
                    groups.computeIfAbsent(by.length == 0 ? "" : keys.get(i), k -> new ArrayList<>()).add(i);
                }
                for (List<Integer> group : groups.values()) {
                    long sum = 0;
                    Long max = null;
                    long count = 0;
                    Long last = null;
                    for (int g = 0; g < group.size(); g++) {
                        int row = group.get(g);
                        Long x = (Long) values.get(row);
                        if (x != null) {
                            sum += x;
                            max = max == null ? x : Math.max(max, x);
                            count++;
                            last = x;
                        }
                        String at = "row " + row + " by " + Arrays.toString(by);
                        assertThat(out.column("cum_sum").get(row)).as(at).isEqualTo(x == null ? null : sum);
                        assertThat(out.column("cum_max").get(row)).as(at).isEqualTo(x == null ? null : max);
                        assertThat(out.column("cum_count").get(row)).as(at).isEqualTo(count);
                        Long before2 = g >= 2 ? (Long) values.get(group.get(g - 2)) : null;
                        assertThat(out.column("diff").get(row)).as(at).isEqualTo(x == null || before2 == null ? null : x - before2);
                        Long before1 = g >= 1 ? (Long) values.get(group.get(g - 1)) : null;
                        assertThat(out.column("pct").get(row)).as(at)
                                .isEqualTo(x == null || before1 == null ? null : x.doubleValue() / before1 - 1);
                        assertThat(out.column("ffill").get(row)).as(at).isEqualTo(last);
                        Long next = null;
                        for (int h = g; h < group.size() && next == null; h++) {
                            next = (Long) values.get(group.get(h));
                        }
                        assertThat(out.column("bfill").get(row)).as(at).isEqualTo(next);
                        assertThat(out.column("roll_sum").get(row)).as(at).isEqualTo(window(values, group, g, 3, "sum"));
                        assertThat(out.column("roll_mean").get(row)).as(at).isEqualTo(window(values, group, g, 3, "mean"));
                        assertThat(out.column("roll_min").get(row)).as(at).isEqualTo(window(values, group, g, 2, "min"));
                    }
                }
            }
        }
        assertThatThrownBy(() -> col("x").rollingMean(0)).hasMessageContaining("at least 1 row");
    }

    /** The rolling aggregate of the {@code size} rows of {@code group} ending at its {@code g}-th; null unless all hold a value. */
    private static Object window(List<Object> values, List<Integer> group, int g, int size, String what) {
        if (g + 1 < size) {
            return null;
        }
        long sum = 0;
        long min = Long.MAX_VALUE;
        for (int h = g - size + 1; h <= g; h++) {
            Long x = (Long) values.get(group.get(h));
            if (x == null) {
                return null;
            }
            sum += x;
            min = Math.min(min, x);
        }
        return switch (what) {
            case "sum" -> sum;
            case "mean" -> (double) sum / size;
            default -> min;
        };
    }
}
