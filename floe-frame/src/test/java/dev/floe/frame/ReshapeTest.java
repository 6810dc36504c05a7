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
}
