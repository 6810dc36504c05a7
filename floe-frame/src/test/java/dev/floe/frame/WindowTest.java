package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.len;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Exprs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Windows ({@code over}) and bins ({@code cut}, {@code qcut}). */
class WindowTest {
    @Test
    void overGivesEachRowItsGroupsAggregate() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 60));
            DataFrame out = frame.lazy().withColumns(col("a").sum().over("k").alias("sum_a"),
                    col("a").sub(col("a").min().over("k", "t")).alias("above_min"), len().over("k").alias("n"))
                    .collect(new ExecutionConfig(3, 4));
            Map<Object, Long> sums = new HashMap<>();
            Map<Object, Long> counts = new HashMap<>();
            Map<List<Object>, Integer> mins = new HashMap<>();
            for (int row = 0; row < frame.height(); row++) {
                Object k = frame.get(row, "k");
                Integer a = (Integer) frame.get(row, "a");
                sums.merge(k, a == null ? 0L : a, Long::sum);
                counts.merge(k, 1L, Long::sum);
                if (a != null) {
                    mins.merge(Arrays.asList(k, frame.get(row, "t")), a, Math::min);
                }
            }
            List<String> expected = new ArrayList<>(frame.columns());
            expected.addAll(List.of("sum_a", "above_min", "n"));
            assertThat(out.columns()).containsExactlyElementsOf(expected);
            for (int row = 0; row < frame.height(); row++) {
                Object k = frame.get(row, "k");
                Integer a = (Integer) frame.get(row, "a");
                Integer min = mins.get(Arrays.asList(k, frame.get(row, "t")));
                assertThat(out.get(row, "sum_a")).as("seed %d row %d", seed, row).isEqualTo(sums.get(k));
                assertThat(out.get(row, "n")).isEqualTo(counts.get(k));
                assertThat(out.get(row, "above_min")).as("seed %d row %d", seed, row)
                        .isEqualTo(a == null || min == null ? null : a - min);
            }
        }
    }

    @Test
    void filtersAndSelectsMayUseWindows() {
        DataFrame df = DataFrame.of(Series.of("k", Arrays.asList("a", "b", "a", null, "b")),
                Series.of("v", 1.0, 2.0, 3.0, 4.0, 10.0));
        FrameAssert.assertThat(df.filter(col("v").gt(col("v").mean().over("k")))).hasColumns("k", "v")
                .hasRows(new Object[] {"a", 3.0}, new Object[] {"b", 10.0});
        FrameAssert.assertThat(df.select(col("v").max().over("k").alias("top"))).hasColumnValues("top", 3.0, 10.0, 3.0, 4.0, 10.0);
    }

    @Test
    void aggregationsNextToRowWiseColumnsAreGivenToEveryRow() {
        DataFrame df = DataFrame.of(Series.of("k", "a", "b", "a", "c"), Series.of("v", 1L, 2L, 6L, 3L));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 2), new ExecutionConfig(3, 65_536))) {
            FrameAssert.assertThat(df.lazy().select(col("k"), col("v").sub(col("v").mean()).alias("centered"),
                    col("v").sum().alias("total")).collect(config))
                    .hasRows(new Object[] {"a", -2.0, 12L}, new Object[] {"b", -1.0, 12L}, new Object[] {"a", 3.0, 12L},
                            new Object[] {"c", 0.0, 12L});
            FrameAssert.assertThat(df.lazy().withColumns(col("v").div(col("v").sum()).alias("share"),
                    col("v").max().over("k").alias("k_max")).collect(config))
                    .hasColumnValues("share", 1 / 12.0, 2 / 12.0, 6 / 12.0, 3 / 12.0)
                    .hasColumnValues("k_max", 6L, 2L, 6L, 3L);
            FrameAssert.assertThat(df.lazy().filter(col("v").gt(col("v").mean())).collect(config))
                    .hasColumnValues("v", 6L);
            // aggregations alone (or with literals) still give one row
            FrameAssert.assertThat(df.lazy().select(col("v").sum(), Exprs.lit(1).alias("one")).collect(config))
                    .hasRows(new Object[] {12L, 1});
        }
        assertThat(df.lazy().select(col("v").sub(col("v").mean())).explain()).contains("WINDOW");
        // over() with no keys is a window over all rows (what ordered windows without PARTITION BY need)
        FrameAssert.assertThat(df.lazy().withColumns(col("v").sum().over().alias("all")).collect())
                .hasColumnValues("all", 12L, 12L, 12L, 12L);
        FrameAssert.assertThat(DataFrame.of(Series.of("v", new long[0])).select(col("v"), col("v").sum().alias("s")))
                .hasShape(0, 2);
    }

    @Test
    void cutAndQcutBinLikePandas() {
        DataFrame df = DataFrame.of(Series.of("v", Arrays.asList(1.0, 2.0, 3.0, 4.0, 10.0, null, Double.NaN)));
        DataFrame out = df.select(col("v").cut(2).alias("equal"), col("v").qcut(2).alias("halves"),
                col("v").cut(new double[] {0, 2, 5}, "low", "mid").alias("fixed"));
        FrameAssert.assertThat(out).hasSchema("equal", DataType.CATEGORICAL, "halves", DataType.CATEGORICAL,
                "fixed", DataType.CATEGORICAL)
                .hasColumnValues("equal", "(0.991, 5.5]", "(0.991, 5.5]", "(0.991, 5.5]", "(0.991, 5.5]", "(5.5, 10.0]", null, null)
                .hasColumnValues("halves", "[1.0, 3.0]", "[1.0, 3.0]", "[1.0, 3.0]", "(3.0, 10.0]", "(3.0, 10.0]", null, null)
                .hasColumnValues("fixed", "low", "low", "mid", "mid", null, null, null);
        assertThat(out.column("equal").column().chunk(0)).isInstanceOf(dev.floe.frame.column.CategoricalVector.class);
        dev.floe.frame.column.CategoricalVector bins = (dev.floe.frame.column.CategoricalVector) out.column("equal")
                .column().toVector();
        assertThat(bins.dictionary().value(0)).as("categories in bin order").isEqualTo("(0.991, 5.5]");
    }

    @Test
    void binsOfManyEdgesEvenOrUnevenAgreeWithTheirDefinition() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 20; round++) {
            int count = random.nextInt(2, 80);
            double[] breaks = new double[count];
            double at = random.nextInt(-50, 50);
            boolean even = random.nextBoolean();
            for (int i = 0; i < count; i++) {
                breaks[i] = at;
                at += even ? 0.25 : random.nextDouble() * (random.nextBoolean() ? 0.01 : 10);
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int pick = random.nextInt(10);
                values.add(pick == 0 ? null : pick == 1 ? Double.NaN : pick < 5 ? breaks[random.nextInt(count)]
                        : breaks[0] - 1 + random.nextDouble() * (breaks[count - 1] - breaks[0] + 2));
            }
            DataFrame df = DataFrame.of(Series.of("x", DataType.FLOAT64, values));
            DataFrame out = df.lazy().select(col("x").cut(breaks).alias("b"), col("x").qcut(4).alias("q"))
                    .collect(new ExecutionConfig(2, 13));
            dev.floe.frame.column.CategoricalVector bins = (dev.floe.frame.column.CategoricalVector) out.column("b")
                    .column().toVector();
            for (int i = 0; i < values.size(); i++) {
                Double x = (Double) values.get(i);
                int expected = -1;
                for (int b = 0; x != null && b + 1 < count; b++) {
                    if (breaks[b] < x && x <= breaks[b + 1]) {
                        expected = b;
                    }
                }
                String what = "round " + round + ", x = " + x;
                if (expected < 0) {
                    assertThat(bins.isNull(i)).as(what).isTrue();
                } else {
                    assertThat(bins.dictionary().code(bins.getString(i))).as(what).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void binsFromRandomValuesAgreeWithTheirDefinition() {
        SplittableRandom random = new SplittableRandom(3);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            values.add(random.nextInt(10) == 0 ? null : random.nextDouble() * 100);
        }
        DataFrame df = DataFrame.of(Series.of("x", DataType.FLOAT64, values));
        DataFrame out = df.lazy().select(col("x").cut(7).alias("b")).collect(new ExecutionConfig(2, 13));
        double[] present = values.stream().filter(Objects::nonNull).mapToDouble(v -> (Double) v).sorted().toArray();
        double min = present[0];
        double max = present[present.length - 1];
        dev.floe.frame.column.CategoricalVector bins = (dev.floe.frame.column.CategoricalVector) out.column("b").column().toVector();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                assertThat(bins.isNull(i)).isTrue();
                continue;
            }
            double x = (Double) values.get(i);
            int expected = Math.min(6, Math.max(0, (int) Math.ceil((x - min) / (max - min) * 7) - 1));
            int bin = bins.dictionary().code(bins.getString(i));
            assertThat(bin).as("%s in [%s, %s]", x, min, max).isEqualTo(expected);
        }
    }

    @Test
    void mistakesAreNamed() {
        LazyFrame lf = DataFrame.of(Series.of("k", "a"), Series.of("v", 1.0), Series.of("s", "x")).lazy();
        assertThatThrownBy(() -> lf.select(col("v").over("k"))).hasMessageContaining("over needs an aggregation");
        assertThatThrownBy(() -> lf.select(col("s").cut(3))).hasMessageContaining("cut needs numbers, not str");
        assertThatThrownBy(() -> col("v").cut(new double[] {2, 1})).hasMessageContaining("must increase");
        assertThatThrownBy(() -> col("v").cut(3, "a", "b")).hasMessageContaining("3 bins but got 2 labels");
        assertThatThrownBy(() -> lf.groupBy("k").agg(col("v").sum().over("k").sum()))
                .hasMessageContaining("cannot contain a window");
        DataFrame same = DataFrame.of(Series.of("v", 1.0, 1.0, 1.0, 2.0));
        assertThatThrownBy(() -> same.select(col("v").qcut(4))).hasMessageContaining("not all distinct");
    }
}
