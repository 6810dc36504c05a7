package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static dev.floe.frame.expr.Exprs.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.exec.ExecutionConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LazyFrameTest {
    static DataFrame people() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("name", new String[] {"ann", "bo", "cy", "dee", "eve"});
        columns.put("age", new int[] {31, 27, 45, 19, 52});
        columns.put("score", Arrays.asList(0.5, null, 2.0, 1.25, 3.0));
        return DataFrame.of(columns);
    }

    @Test
    void stepsRunInOrder() {
        DataFrame out = people().lazy()
                .filter(col("age").gt(20))
                .withColumns(col("score").mul(2).alias("double"), col("age").add(1).alias("age"))
                .select(col("name"), col("age"), col("double"))
                .collect();
        FrameAssert.assertThat(out).hasSchema("name", DataType.UTF8, "age", DataType.INT32, "double", DataType.FLOAT64)
                .hasRows(new Object[] {"ann", 32, 1.0}, new Object[] {"bo", 28, null}, new Object[] {"cy", 46, 4.0},
                        new Object[] {"eve", 53, 6.0});
    }

    @Test
    void eagerCallsAreOneStepPlans() {
        DataFrame df = people();
        assertThat(df.filter(col("age").lt(30))).isEqualTo(df.lazy().filter(col("age").lt(30)).collect());
        assertThat(df.select("age", "name").columns()).containsExactly("age", "name");
        assertThat(df.withColumn(lit(1).alias("one")).column("one").toList()).containsOnly(1);
    }

    @Test
    void mistakesFailAtTheCallThatMakesThem() {
        LazyFrame lf = people().lazy();
        assertThatThrownBy(() -> lf.filter(col("agee").gt(1))).isInstanceOf(ColumnNotFoundException.class)
                .hasMessageContaining("did you mean 'age'?");
        assertThatThrownBy(() -> lf.filter(col("age").add(1))).isInstanceOf(SchemaException.class)
                .hasMessage("filter needs a bool predicate; [(col(\"age\")) + (1)] is i32");
        assertThatThrownBy(() -> lf.select(col("age"), col("age"))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("two columns named 'age'").hasMessageContaining("alias");
        assertThatThrownBy(() -> lf.select(col("name").gt(1))).hasMessageContaining("cannot compare str with i32");
        assertThatThrownBy(() -> lf.select(when(col("age")).then(1))).hasMessageContaining("is i32, not bool");
        assertThatThrownBy(() -> lf.select(col("name").cast(DataType.DATE).alias("d"), col("age").cast(DataType.DURATION)))
                .hasMessageContaining("cannot cast i32 to duration[μs]");
    }

    @Test
    void aStrictCastNamesTheValueAndRowWhateverTheThreads() {
        DataFrame df = DataFrame.of(Series.of("t", IntStream.range(0, 100).mapToObj(i -> i == 77 ? "x7" : "" + i)
                .toArray(String[]::new)));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 10), new ExecutionConfig(4, 10))) {
            assertThatThrownBy(() -> df.lazy().select(col("t").cast(DataType.INT64)).collect(config))
                    .isInstanceOf(FloeException.class)
                    .hasMessage("cannot cast \"x7\" to i64 at row 77, in expression col(\"t\").strict_cast(i64); "
                            + "use tryCast to get null instead");
        }
        assertThat(df.select(col("t").tryCast(DataType.INT64)).column("t").nullCount()).isEqualTo(1);
    }

    @Test
    void slicesCountFromEitherEnd() {
        LazyFrame lf = people().lazy();
        FrameAssert.assertThat(lf.head(2).collect()).hasColumnValues("name", "ann", "bo");
        FrameAssert.assertThat(lf.tail(2).collect()).hasColumnValues("name", "dee", "eve");
        FrameAssert.assertThat(lf.slice(1, 2).collect()).hasColumnValues("name", "bo", "cy");
        FrameAssert.assertThat(lf.slice(-3, 1).collect()).hasColumnValues("name", "cy");
        FrameAssert.assertThat(lf.slice(10, 5).collect()).hasShape(0, 3);
        FrameAssert.assertThat(lf.tail(50).collect()).hasHeight(5);
        FrameAssert.assertThat(lf.filter(col("age").gt(20)).limit(2).select("name").collect())
                .hasColumnValues("name", "ann", "bo");
        assertThatThrownBy(() -> lf.head(-1)).hasMessageContaining("at least 0");
    }

    @Test
    void explainPrintsThePlanRootFirst() {
        String plan = people().lazy().filter(col("age").gt(20)).select(col("name"), col("age").mul(2).alias("a2"))
                .head(3).explain(false);
        assertThat(plan).isEqualTo("""
                SLICE offset 0, length 3  ~3 rows
                  SELECT [col("name"), [(col("age")) * (2)].alias("a2")]  ~5 rows
                    FILTER [(col("age")) > (20)]  ~5 rows
                      DF [name, age, score]; 5 rows  ~5 rows
                """);
        assertThat(people().lazy().schema().names()).containsExactly("name", "age", "score");
    }

    @Test
    void categoricalResultsShareOneDictionaryAcrossMorsels() {
        DataFrame df = DataFrame.of(Series.of("w", "a", "b", "c", "a", "d", "b", "e"));
        DataFrame out = df.lazy().select(col("w").cast(DataType.CATEGORICAL)).collect(new ExecutionConfig(3, 2));
        assertThat(out.column("w").type()).isEqualTo(DataType.CATEGORICAL);
        assertThat(out.column("w").column().chunkCount()).isGreaterThan(1);
        assertThat(out.column("w").toList()).containsExactly("a", "b", "c", "a", "d", "b", "e");
    }

    @Test
    void emptyInputsGiveEmptyResultsWithTheRightSchema() {
        DataFrame empty = DataFrame.empty(Schema.of("a", DataType.INT64, "s", DataType.UTF8));
        DataFrame out = empty.lazy().filter(col("a").gt(1)).select(col("a").add(1.5).alias("b"), col("s")).collect();
        FrameAssert.assertThat(out).hasShape(0, 2).hasSchema("b", DataType.FLOAT64, "s", DataType.UTF8);
    }

    @Test
    void literalsAdaptToTheColumnTheyMeet() {
        DataFrame df = DataFrame.of(Series.of("small", (byte) 10, (byte) -10), Series.of("f", 1.5f, 2.5f));
        DataFrame out = df.select(col("small").add(100).alias("narrow"), col("small").add(1000).alias("wide"),
                col("f").mul(2).alias("f2"), col("small").pow(2).alias("sq"));
        FrameAssert.assertThat(out).hasSchema("narrow", DataType.INT8, "wide", DataType.INT32, "f2", DataType.FLOAT32,
                "sq", DataType.INT8).hasColumnValues("narrow", (byte) 110, (byte) 90)
                .hasColumnValues("wide", 1010, 990).hasColumnValues("f2", 3.0f, 5.0f)
                .hasColumnValues("sq", (byte) 100, (byte) 100);
    }

    @Test
    void integerArithmeticThatLeavesItsTypeFailsInsteadOfWrapping() {
        DataFrame df = DataFrame.of(Series.of("small", (byte) 100, (byte) -100), Series.of("big", Long.MAX_VALUE, 1L),
                Series.of("least", Long.MIN_VALUE, 0L));
        assertThatThrownBy(() -> df.select(col("small").add(100))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("100 + 100 does not fit i8").hasMessageContaining("row 0");
        assertThatThrownBy(() -> df.select(col("small").pow(2))).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> df.select(col("big").add(1))).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("in expression");
        assertThatThrownBy(() -> df.select(col("big").mul(2))).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> df.select(col("least").sub(1))).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> df.select(col("least").neg())).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> df.select(col("least").abs())).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> df.select(col("least").floorDiv(-1))).isInstanceOf(OutOfRangeException.class);
        assertThatThrownBy(() -> df.select(col("small").neg().sub(29))).isInstanceOf(OutOfRangeException.class);
        // a value under a null may overflow harmlessly, and a branch not taken is not computed
        dev.floe.frame.column.Validity firstNull = dev.floe.frame.column.Validity.of(new long[] {0b10}, 2);
        DataFrame hidden = DataFrame.of(Series.of("big", dev.floe.frame.column.Column.of(
                new dev.floe.frame.column.LongVector(DataType.INT64, new long[] {Long.MAX_VALUE, 5}, firstNull))));
        assertThat(hidden.select(col("big").add(1).alias("v")).column("v").toList()).containsExactly(null, 6L);
        FrameAssert.assertThat(df.select(when(col("big").lt(100)).then(col("big").mul(2)).otherwise(0).alias("v")))
                .hasColumnValues("v", 0L, 2L);
    }

    @Test
    void visualizeWritesDotAndDrawsWithGraphvizWhenItIsThere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        LazyFrame lf = people().lazy().filter(col("age").gt(20)).select("name");
        java.nio.file.Path dot = lf.visualize(dir.resolve("plan.dot"));
        String source = java.nio.file.Files.readString(dot);
        assertThat(source).startsWith("digraph plan {").contains("FILTER [(col(\\\"age\\\")) > (20)]").contains("n1 -> n0");
        boolean graphviz;
        try {
            graphviz = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            graphviz = false;
        }
        if (graphviz) {
            assertThat(java.nio.file.Files.readString(lf.visualize(dir.resolve("plan.svg")))).contains("<svg");
        } else {
            assertThatThrownBy(() -> lf.visualize(dir.resolve("plan.svg"))).isInstanceOf(FloeException.class)
                    .hasMessageContaining("dot command is not on the PATH").hasMessageContaining("plan.dot");
            assertThat(dir.resolve("plan.dot")).exists();
        }
    }
}
