package dev.floe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.floe.FloeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataFrameTest {
    enum Team { RED, BLUE }

    record Player(String name, int age, double score, LocalDate joined, Team team, Long bonus) {}

    static DataFrame small() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("id", new long[] {1, 2, 3});
        columns.put("name", new String[] {"ann", null, "cy"});
        columns.put("x", List.of(1, 2.5, 3));
        return DataFrame.of(columns);
    }

    @Test
    void buildsFromAMapOfArraysAndLists() {
        FrameAssert.assertThat(small()).hasShape(3, 3).hasSchema("id", DataType.INT64, "name", DataType.UTF8,
                "x", DataType.FLOAT64).hasRows(
                new Object[] {1L, "ann", 1.0},
                new Object[] {2L, null, 2.5},
                new Object[] {3L, "cy", 3.0});
    }

    @Test
    void buildsFromRowsWithASchema() {
        Schema schema = Schema.of("k", DataType.CATEGORICAL, "v", DataType.INT32);
        DataFrame df = DataFrame.ofRows(schema, List.of(List.of("a", 1), Arrays.asList("b", null), List.of("a", 3)));
        FrameAssert.assertThat(df).hasSchema("k", DataType.CATEGORICAL, "v", DataType.INT32)
                .hasColumnValues("k", "a", "b", "a").hasColumnValues("v", 1, null, 3);
        assertThat(DataFrame.ofRows(schema, new Object[] {"z", 9}).row(0).toList()).containsExactly("z", 9);
    }

    @Test
    void badRowsNameTheRowAndColumn() {
        Schema schema = Schema.of("k", DataType.UTF8, "v", DataType.INT32);
        assertThatThrownBy(() -> DataFrame.ofRows(schema, List.of(List.of("a", 1), List.of("b"))))
                .isInstanceOf(SchemaException.class).hasMessage("row 1 has 1 values; the schema has 2 columns (k, v)");
        assertThatThrownBy(() -> DataFrame.ofRows(schema, List.of(List.of("a", 1), List.of("b", "two"))))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 'v', row 1: the value \"two\" (String) does not fit type i32");
    }

    @Test
    void buildsFromRecords() {
        DataFrame df = DataFrame.fromRecords(List.of(
                new Player("ann", 31, 0.5, LocalDate.of(2020, 1, 2), Team.RED, 10L),
                new Player("bo", 27, 0.25, LocalDate.of(2021, 3, 4), Team.BLUE, null)));
        FrameAssert.assertThat(df).hasSchema("name", DataType.UTF8, "age", DataType.INT32, "score", DataType.FLOAT64,
                "joined", DataType.DATE, "team", DataType.CATEGORICAL, "bonus", DataType.INT64)
                .hasRow(1, "bo", 27, 0.25, LocalDate.of(2021, 3, 4), "BLUE", null);
        assertThatThrownBy(() -> DataFrame.fromRecords(List.of())).hasMessageContaining("at least one record");
        record Odd(Object thing) {}
        assertThatThrownBy(() -> DataFrame.fromRecords(List.of(new Odd(1))))
                .hasMessageContaining("record component 'thing' is a java.lang.Object");
    }

    @Test
    void shapeMistakesAreRefused() {
        assertThatThrownBy(() -> DataFrame.of(Series.of("a", 1L, 2L), Series.of("b", 1L)))
                .isInstanceOf(SchemaException.class)
                .hasMessage("all columns of a frame have the same length: 'b' has 1 values, 'a' 2");
        assertThatThrownBy(() -> DataFrame.of(Series.of("a", 1L), Series.of("a", 2L)))
                .isInstanceOf(SchemaException.class).hasMessageContaining("duplicate column name 'a'");
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("m", Map.of());
        assertThatThrownBy(() -> DataFrame.of(odd)).hasMessageContaining("cannot make a column of a");
    }

    @Test
    void aMissingColumnNamesTheClosestMatch() {
        ColumnNotFoundException missing = org.assertj.core.api.Assertions.catchThrowableOfType(
                ColumnNotFoundException.class, () -> small().column("nmae"));
        assertThat(missing).hasMessage("column 'nmae' not found; did you mean 'name'? Columns: id, name, x");
        assertThat(missing.column()).isEqualTo("nmae");
        assertThat(missing.available()).containsExactly("id", "name", "x");
        assertThatThrownBy(() -> small().column("zzzzzz")).hasMessage("column 'zzzzzz' not found. Columns: id, name, x");
    }

    @Test
    void typedGettersCheckTheTypeAndNulls() {
        DataFrame df = small();
        assertThat(df.getLong(2, "id")).isEqualTo(3);
        assertThat(df.getDouble(0, "id")).isEqualTo(1.0);
        assertThat(df.getDouble(1, "x")).isEqualTo(2.5);
        assertThat(df.getString(1, "name")).isNull();
        assertThat(df.isNull(1, "name")).isTrue();
        assertThatThrownBy(() -> df.getLong(0, "x")).isInstanceOf(SchemaException.class)
                .hasMessage("getLong needs an integer column; 'x' is f64");
        DataFrame withNull = DataFrame.of(Series.of("n", Arrays.asList(1L, null)));
        assertThatThrownBy(() -> withNull.getLong(1, "n")).isInstanceOf(FloeException.class)
                .hasMessageContaining("row 1 of column 'n' is null");
    }

    @Test
    void rowsAreViewsAndMaps() {
        DataFrame df = small();
        List<String> names = new ArrayList<>();
        for (Row row : df) {
            names.add(row.getString("name"));
        }
        assertThat(names).containsExactly("ann", null, "cy");
        assertThat(df.row(2).toMap()).containsExactly(Map.entry("id", 3L), Map.entry("name", "cy"), Map.entry("x", 3.0));
        assertThat(df.toMaps()).hasSize(3);
        assertThat(df.row(1).toString()).isEqualTo("{id: 2, name: null, x: 2.5}");
        assertThatThrownBy(() -> df.row(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void slicesShareMemoryAndClip() {
        DataFrame df = small();
        FrameAssert.assertThat(df.head(2)).hasColumnValues("id", 1L, 2L);
        FrameAssert.assertThat(df.tail(1)).hasColumnValues("name", "cy");
        FrameAssert.assertThat(df.slice(1, 100)).hasHeight(2);
        FrameAssert.assertThat(df.head(0)).hasShape(0, 3);
        assertThat(df.slice(1, 1).estimatedSize()).isEqualTo(df.estimatedSize());
    }

    @Test
    void printsLikePolars() {
        assertThat(small().toString()).isEqualTo("""
                shape: (3, 3)
                ┌─────┬───────┬─────┐
                │ id  ┆ name  ┆ x   │
                │ --- ┆ ---   ┆ --- │
                │ i64 ┆ str   ┆ f64 │
                ╞═════╪═══════╪═════╡
                │   1 ┆ "ann" ┆ 1.0 │
                │   2 ┆ null  ┆ 2.5 │
                │   3 ┆ "cy"  ┆ 3.0 │
                └─────┴───────┴─────┘""");
    }

    @Test
    void longAndWideFramesAreAbbreviated() {
        Map<String, Object> columns = new LinkedHashMap<>();
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i;
        }
        for (int c = 0; c < 12; c++) {
            columns.put("c" + c, values);
        }
        String text = DataFrame.of(columns).toString();
        assertThat(text).startsWith("shape: (100, 12)").contains("c3 ").contains("c8 ").doesNotContain("c4 ")
                .doesNotContain("c7 ").contains(" 4 ").contains(" 95 ").doesNotContain(" 5 ").doesNotContain(" 94 ");
        // the … column crosses the name line and the 10 data lines; the … row is one more
        assertThat(text.lines().filter(line -> line.contains("…")).count()).isEqualTo(12);
        assertThat(DataFrame.of(columns).toString(2).lines().count()).isEqualTo(1 + 1 + 3 + 1 + 3 + 1);
        assertThat(DataFrame.of(Series.of("s", "x".repeat(100))).toString()).contains("\"" + "x".repeat(30) + "…");
        assertThat(DataFrame.of(List.of()).toString()).startsWith("shape: (0, 0)");
    }

    @Test
    void describeComputesTheStatistics() {
        SplittableRandom random = new SplittableRandom(5);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            values.add(random.nextInt(10) == 0 ? null : random.nextDouble() * 100);
        }
        DataFrame df = DataFrame.of(Series.of("v", values), Series.of("s", values.stream()
                .map(v -> v == null ? null : "s" + ((Double) v).intValue()).toList()));
        DataFrame stats = df.describe();
        FrameAssert.assertThat(stats).hasSchema("statistic", DataType.UTF8, "v", DataType.FLOAT64, "s", DataType.UTF8)
                .hasColumnValues("statistic", "count", "null_count", "mean", "std", "min", "25%", "50%", "75%", "max");
        double[] present = values.stream().filter(v -> v != null).mapToDouble(v -> (Double) v).sorted().toArray();
        double mean = Arrays.stream(present).average().orElseThrow();
        double variance = Arrays.stream(present).map(v -> (v - mean) * (v - mean)).sum() / (present.length - 1);
        assertThat((Double) stats.get(0, "v")).isEqualTo(present.length);
        assertThat((Double) stats.get(1, "v")).isEqualTo(values.size() - present.length);
        assertThat((Double) stats.get(2, "v")).isCloseTo(mean, within(1e-9));
        assertThat((Double) stats.get(3, "v")).isCloseTo(Math.sqrt(variance), within(1e-9));
        assertThat((Double) stats.get(4, "v")).isEqualTo(present[0]);
        assertThat((Double) stats.get(6, "v")).isEqualTo(present[(int) Math.round(0.5 * (present.length - 1))]);
        assertThat((Double) stats.get(8, "v")).isEqualTo(present[present.length - 1]);
        assertThat(stats.get(0, "s")).isEqualTo(Integer.toString(present.length));
        assertThat(stats.get(2, "s")).isNull();
    }

    @Test
    void infoAndSizeDescribeTheMemory() {
        DataFrame df = DataFrame.of(Series.of("a", new long[1000]));
        assertThat(df.estimatedSize()).isGreaterThanOrEqualTo(8000);
        assertThat(df.info()).startsWith("DataFrame: 1000 rows x 1 columns, 7.8 KiB").contains("a       i64            0");
    }

    @Test
    void framesWithTheSameColumnsAreEqual() {
        assertThat(small()).isEqualTo(small());
        assertThat(small()).isNotEqualTo(small().head(2));
        assertThat(Series.of("a", 1L).equals(Series.of("b", 1L))).isFalse();
    }
}
