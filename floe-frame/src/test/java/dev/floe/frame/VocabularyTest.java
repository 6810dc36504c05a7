package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names a pandas or Polars user tries first, on DataFrame, LazyFrame, GroupBy and Series. */
class VocabularyTest {
    private static DataFrame frame() {
        return DataFrame.of(Series.of("k", "a", "b", "a", "c", "a", "b"),
                Series.of("v1", DataType.INT64, Arrays.asList(1L, 2L, null, 4L, 5L, 6L)),
                Series.of("v3", 0.5, Double.NaN, 2.5, 3.5, 4.5, 5.5),
                Series.of("s", DataType.UTF8, Arrays.asList("x", null, "z", "x", null, "y")));
    }

    @Test
    void shapeHeadTailLimitAndSample() {
        DataFrame df = frame();
        assertThat(df.shape()).isEqualTo(new DataFrame.Shape(6, 4));
        assertThat(df.shape().toString()).isEqualTo("(6, 4)");
        assertThat(df.head().height()).isEqualTo(5);
        assertThat(df.tail().column("k").toList()).containsExactly("b", "a", "c", "a", "b");
        assertThat(df.limit(2)).isEqualTo(df.head(2));
        assertThat(df.isEmpty()).isFalse();
        DataFrame some = df.sample(3, 42);
        assertThat(some.height()).isEqualTo(3);
        assertThat(df.sample(3, 42)).isEqualTo(some);
        // drawn without replacement and kept in the frame's order: v3 (distinct) increases
        List<Object> v3 = some.column("v3").toList();
        assertThat(v3).doesNotHaveDuplicates();
        assertThat(df.sample(6, 7)).isEqualTo(df);
        assertThatThrownBy(() -> df.sample(7)).hasMessageContaining("0 to 6 rows");
        assertThat(df.lazy().limit(1).collect().height()).isEqualTo(1);
    }

    @Test
    void seriesReductions() {
        Series v1 = frame().column("v1");
        assertThat(v1.sum()).isEqualTo(18L);
        assertThat(v1.mean()).isEqualTo(3.6);
        assertThat(v1.min()).isEqualTo(1L);
        assertThat(v1.max()).isEqualTo(6L);
        assertThat(v1.median()).isEqualTo(4.0);
        assertThat(v1.count()).isEqualTo(5);
        assertThat(v1.std()).isCloseTo(Math.sqrt(4.3), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(frame().column("v3").sum().doubleValue()).isNaN();
        assertThat(Series.of("e", DataType.FLOAT64, List.of()).mean()).isNaN();
        Series k = frame().column("k");
        assertThat(k.nUnique()).isEqualTo(3);
        assertThat(k.unique().toList()).containsExactly("a", "b", "c");
        assertThat(k.min()).isEqualTo("a");
        DataFrame counts = k.valueCounts();
        assertThat(counts.columns()).containsExactly("k", "count");
        assertThat(counts.toMaps()).containsExactly(Map.of("k", "a", "count", 3L), Map.of("k", "b", "count", 2L),
                Map.of("k", "c", "count", 1L));
        Series s = frame().column("s");
        assertThat(s.isNull().toList()).containsExactly(false, true, false, false, true, false);
        assertThat(s.isNotNull().type()).isEqualTo(DataType.BOOLEAN);
        assertThat(s.fillNull("?").toList()).containsExactly("x", "?", "z", "x", "?", "y");
        assertThat(s.dropNulls().toList()).containsExactly("x", "z", "x", "y");
        assertThat(s.sort(true).toList()).containsExactly(null, null, "z", "y", "x", "x");
        assertThat(v1.head().length()).isEqualTo(5);
        assertThat(v1.toFrame().columns()).containsExactly("v1");
    }

    @Test
    void nullsAndNaNs() {
        DataFrame df = frame();
        assertThat(df.dropNulls().height()).isEqualTo(3);
        assertThat(df.dropNulls("v1").height()).isEqualTo(5);
        DataFrame filled = df.fillNull(0);
        assertThat(filled.column("v1").nullCount()).isZero();
        assertThat(filled.column("s").nullCount()).isEqualTo(2); // 0 does not fit text
        assertThat(df.fillNull("none").column("s").toList()).contains("none");
        assertThat(df.fillNan(-1.0).column("v3").toList()).containsExactly(0.5, -1.0, 2.5, 3.5, 4.5, 5.5);
        assertThat(df.select(col("v3").isNan().alias("nan")).column("nan").toList())
                .containsExactly(false, true, false, false, false, false);
        assertThat(df.nullCount().toMaps()).containsExactly(Map.of("k", 0L, "v1", 1L, "v3", 0L, "s", 2L));
    }

    @Test
    void sortsDescendingByNameOrExpression() {
        DataFrame df = frame();
        assertThat(df.sort("v1", true).column("v1").toList()).containsExactly(null, 6L, 5L, 4L, 2L, 1L);
        assertThat(df.sort(col("k").desc(), col("v1").asc()).column("v1").toList())
                .containsExactly(4L, 2L, 6L, null, 1L, 5L);
        assertThat(df.lazy().sort("k", false).collect().column("k").toList())
                .containsExactly("a", "a", "a", "b", "b", "c");
        assertThat(df.sort(col("v1").desc().nullsLast()).column("v1").toList())
                .containsExactly(6L, 5L, 4L, 2L, 1L, null);
    }

    @Test
    void groupByCountsAndMore() {
        DataFrame df = frame();
        assertThat(df.groupBy("k").count().toMaps()).containsExactly(Map.of("k", "a", "count", 3L),
                Map.of("k", "b", "count", 2L), Map.of("k", "c", "count", 1L));
        assertThat(df.groupBy("k").len().columns()).containsExactly("k", "len");
        assertThat(df.groupBy("k").first().row(0).toList()).containsExactly("a", 1L, 0.5, "x");
        assertThat(df.groupBy("k").last().row(1).toList()).containsExactly("b", 6L, 5.5, "y");
        assertThat(df.groupBy("k").nUnique().row(0).toList()).containsExactly("a", 3L, 3L, 3L);
        assertThat(df.select("k", "v1").groupBy("k").median().row(0).toList()).containsExactly("a", 3.0);
    }

    @Test
    void wholeFrameSummariesAndRenames() {
        DataFrame df = frame();
        Row sums = df.sum().row(0);
        assertThat(sums.get("v1")).isEqualTo(18L);
        assertThat(sums.get("k")).isNull();
        assertThat(df.mean().row(0).get("v1")).isEqualTo(3.6);
        assertThat(df.min().row(0).get("k")).isEqualTo("a");
        assertThat(df.max().row(0).get("v1")).isEqualTo(6L);
        assertThat(df.median().row(0).get("v1")).isEqualTo(4.0);
        assertThat(df.rename(String::toUpperCase).columns()).containsExactly("K", "V1", "V3", "S");
    }

    @Test
    void wideAndLongFramesPrintAsAsked() {
        List<Series> columns = new java.util.ArrayList<>();
        for (int c = 0; c < 30; c++) {
            columns.add(Series.of("column_" + c, new long[] {c, c + 1}));
        }
        DataFrame wide = DataFrame.of(columns);
        assertThat(wide.toString()).contains("column_0", "column_29", "…").doesNotContain("column_5 ");
        assertThat(wide.toString(10, -1)).contains("column_15").doesNotContain("…");
        assertThat(wide.toString(10, 2)).contains("column_0", "column_29").doesNotContain("column_1 ");
        String fitted = wide.toString(10, -1, 80);
        assertThat(fitted.lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(80);
        assertThat(fitted).contains("column_0", "column_29", "…");
        assertThat(wide.toString(10, -1, 1000)).doesNotContain("…");
        DataFrame tall = DataFrame.of(Series.of("n", new long[100]));
        assertThat(tall.toString(-1, -1).lines().count()).isEqualTo(100 + 7); // shape, box, 3 header lines, rule
    }
}
