package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** unique, rename, drop, withRowIndex, concat and melt. */
class ReshapeTest {
    static DataFrame sample() {
        return DataFrame.of(Series.of("k", Arrays.asList("a", "b", "a", null, "b", null)),
                Series.of("v", 1L, 2L, 3L, 4L, 5L, 6L));
    }

    @Test
    void uniqueKeepsTheFirstOrLastRowOfEachKeyInInputOrder() {
        FrameAssert.assertThat(sample().unique("k")).hasRows(new Object[] {"a", 1L}, new Object[] {"b", 2L},
                new Object[] {null, 4L});
        FrameAssert.assertThat(sample().unique(List.of("k"), true)).hasRows(new Object[] {"a", 3L},
                new Object[] {"b", 5L}, new Object[] {null, 6L});
        DataFrame twice = DataFrame.concat(sample(), sample());
        FrameAssert.assertThat(twice.unique()).hasHeight(6);
        assertThat(twice.unique().toMaps()).isEqualTo(sample().toMaps());
    }

    @Test
    void uniqueAgreesWithAReferenceOnRandomFrames() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 50));
            List<String> subset = random.nextBoolean() ? List.of("k", "t") : List.of("a");
            boolean last = random.nextBoolean();
            Map<List<Object>, Integer> kept = new LinkedHashMap<>();
            for (int row = 0; row < frame.height(); row++) {
                List<Object> key = new ArrayList<>();
                for (String column : subset) {
                    key.add(frame.get(row, column));
                }
                if (last || !kept.containsKey(key)) {
                    kept.put(key, row);
                }
            }
            List<Integer> rows = new ArrayList<>(kept.values());
            rows.sort(null);
            List<List<Object>> expected = rows.stream().map(r -> frame.row(r).toList()).toList();
            DataFrame out = frame.lazy().unique(subset, last).collect(new ExecutionConfig(2, 3));
            List<List<Object>> actual = new ArrayList<>();
            for (Row row : out) {
                actual.add(row.toList());
            }
            assertThat(actual).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void renameDropAndRowIndex() {
        DataFrame df = sample();
        assertThat(df.rename("v", "value").columns()).containsExactly("k", "value");
        assertThat(df.drop("k").columns()).containsExactly("v");
        FrameAssert.assertThat(df.filter(col("v").gt(4)).withRowIndex("i")).hasColumns("i", "k", "v")
                .hasColumnValues("i", 0L, 1L);
        assertThatThrownBy(() -> df.drop("nope")).isInstanceOf(ColumnNotFoundException.class);
        assertThatThrownBy(() -> df.rename("nope", "x")).isInstanceOf(ColumnNotFoundException.class);
    }

    @Test
    void concatStacksRowsOrColumns() {
        DataFrame ints = DataFrame.of(Series.of("x", 1, 2), Series.of("c", DataType.CATEGORICAL, List.of("p", "q")));
        DataFrame floats = DataFrame.of(Series.of("x", 2.5), Series.of("c", DataType.CATEGORICAL, List.of("r")));
        DataFrame both = DataFrame.concat(ints, floats);
        FrameAssert.assertThat(both).hasSchema("x", DataType.FLOAT64, "c", DataType.CATEGORICAL)
                .hasColumnValues("x", 1.0, 2.0, 2.5).hasColumnValues("c", "p", "q", "r");
        DataFrame side = DataFrame.concatHorizontal(ints, DataFrame.of(Series.of("y", "a", "b")));
        assertThat(side.columns()).containsExactly("x", "c", "y");
        assertThatThrownBy(() -> DataFrame.concat(ints, DataFrame.of(Series.of("y", 1)))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("same columns in the same order");
        assertThatThrownBy(() -> DataFrame.concatHorizontal(ints, DataFrame.of(Series.of("y", 1))))
                .hasMessageContaining("one height");
        assertThatThrownBy(() -> DataFrame.concatHorizontal(ints, ints)).hasMessageContaining("two columns named 'x'");
    }

    @Test
    void meltTurnsColumnsIntoRows() {
        DataFrame wide = DataFrame.of(Series.of("id", "a", "b"), Series.of("x", 1, 2), Series.of("y", 10L, 20L));
        FrameAssert.assertThat(wide.melt(List.of("id"), List.of("x", "y")))
                .hasSchema("id", DataType.UTF8, "variable", DataType.UTF8, "value", DataType.INT64)
                .hasRows(new Object[] {"a", "x", 1L}, new Object[] {"b", "x", 2L}, new Object[] {"a", "y", 10L},
                        new Object[] {"b", "y", 20L});
    }

    @Test
    void pivotTurnsRowsIntoColumns() {
        DataFrame longForm = DataFrame.of(Series.of("day", "mon", "mon", "tue", "tue", "mon"),
                Series.of("city", "oslo", "rome", "oslo", "oslo", "oslo"), Series.of("t", 1.0, 20.0, 2.0, 4.0, 3.0));
        FrameAssert.assertThat(longForm.pivot(List.of("day"), "city", "t", "mean"))
                .hasSchema("day", DataType.UTF8, "oslo", DataType.FLOAT64, "rome", DataType.FLOAT64)
                .hasRows(new Object[] {"mon", 2.0, 20.0}, new Object[] {"tue", 3.0, null});
        FrameAssert.assertThat(longForm.pivot(List.of("day"), "city", "t", "len")).hasRow(1, "tue", 2L, null);
        assertThatThrownBy(() -> longForm.pivot(List.of("day"), "city", "t", "median")).hasMessageContaining("first, sum");
    }

    @Test
    void pivotMatchesAReferenceOnRandomFrames() {
        SplittableRandom random = new SplittableRandom(17);
        for (int round = 0; round < 30; round++) {
            int n = random.nextInt(0, 400);
            List<Object> a = new ArrayList<>();
            List<Object> b = new ArrayList<>();
            List<Object> on = new ArrayList<>();
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                a.add((long) random.nextInt(5));
                b.add("b" + random.nextInt(3));
                on.add(random.nextInt(8) == 0 ? null : "c" + random.nextInt(random.nextInt(1, 12)));
                v.add(random.nextInt(6) == 0 ? null : (long) random.nextInt(-50, 50));
            }
            DataFrame df = DataFrame.of(Series.of("a", DataType.INT64, a), Series.of("b", DataType.UTF8, b),
                    Series.of("on", DataType.UTF8, on), Series.of("v", DataType.INT64, v));
            // reference: cells keyed by (a, b) then by on, each in order of first appearance
            Map<List<Object>, Map<String, long[]>> cells = new LinkedHashMap<>();
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = String.valueOf(on.get(i));
                if (!columns.contains(name)) {
                    columns.add(name);
                }
                long[] cell = cells.computeIfAbsent(List.of(a.get(i), b.get(i)), key -> new LinkedHashMap<>())
                        .computeIfAbsent(name, key -> new long[2]);
                if (v.get(i) != null) {
                    cell[0] += (Long) v.get(i);
                    cell[1]++;
                }
            }
            DataFrame sums = df.pivot(List.of("a", "b"), "on", "v", "sum");
            DataFrame counts = df.pivot(List.of("a", "b"), "on", "v", "count");
            List<String> expectedColumns = new ArrayList<>(List.of("a", "b"));
            expectedColumns.addAll(columns);
            assertThat(sums.columns()).containsExactlyElementsOf(expectedColumns);
            assertThat(sums.height()).isEqualTo(cells.size());
            int r = 0;
            for (Map.Entry<List<Object>, Map<String, long[]>> entry : cells.entrySet()) {
                assertThat(sums.column("a").get(r)).isEqualTo(entry.getKey().get(0));
                assertThat(sums.column("b").get(r)).isEqualTo(entry.getKey().get(1));
                for (String name : columns) {
                    long[] cell = entry.getValue().get(name);
                    assertThat(sums.column(name).get(r)).as("sum %s row %d", name, r)
                            .isEqualTo(cell == null ? null : cell[0]);
                    assertThat(counts.column(name).get(r)).as("count %s row %d", name, r)
                            .isEqualTo(cell == null ? null : cell[1]);
                }
                r++;
            }
        }
    }

    @Test
    void pivotRejectsAmbiguousInput() {
        DataFrame df = DataFrame.of(Series.of("k", "x", "y"), Series.of("on", "k", "z"), Series.of("v", 1L, 2L));
        assertThatThrownBy(() -> df.pivot(List.of("k"), "on", "v", "sum"))
                .hasMessageContaining("two columns named 'k'");
        assertThatThrownBy(() -> df.pivot(List.of("k"), "k", "v", "sum")).hasMessageContaining("to differ");
        assertThatThrownBy(() -> df.pivot(List.of("k"), "on", "nope", "sum")).hasMessageContaining("nope");
        DataFrame nullIndex = DataFrame.of(Series.of("k", Arrays.asList("x", null)), Series.of("on", "a", "b"),
                Series.of("v", 1L, 2L));
        assertThatThrownBy(() -> nullIndex.pivot(List.of("k"), "on", "v", "sum")).hasMessageContaining("has nulls");
    }

    @Test
    void colsAndAllStandForSeveralColumns() {
        DataFrame df = DataFrame.of(Series.of("k", "x", "y", "x"), Series.of("v", 1L, 2L, 3L), Series.of("w", 1.0, 2.0, 5.0));
        assertThat(df.select(dev.floe.frame.expr.Exprs.cols("v", "w").mul(2)).columns()).containsExactly("v", "w");
        assertThat(df.select(dev.floe.frame.expr.Exprs.all().exclude("k")).columns()).containsExactly("v", "w");
        FrameAssert.assertThat(df.groupBy("k").agg(dev.floe.frame.expr.Exprs.all().max())).hasRow(0, "x", 3L, 5.0);
        assertThatThrownBy(() -> df.filter(dev.floe.frame.expr.Exprs.all().isNull())).hasMessageContaining("must be expanded");
    }
}
