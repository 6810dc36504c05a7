package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Struct columns: building and printing them, struct() and field(), unnest, and where structs are refused. */
class StructTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 3), new ExecutionConfig(3, 5), new ExecutionConfig(2, 65_536));

    private static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    private static final DataType POINT = DataType.structOf(List.of(new Schema.Field("x", DataType.FLOAT64),
            new Schema.Field("label", DataType.UTF8)));

    @Test
    void structTypesAreMadeOnceNamedAndReadBack() {
        DataType same = DataType.structOf(List.of(new Schema.Field("x", DataType.FLOAT64),
                new Schema.Field("label", DataType.UTF8)));
        assertThat(same).isSameAs(POINT);
        assertThat(POINT.isStruct()).isTrue();
        assertThat(POINT.isNested()).isTrue();
        assertThat(POINT.toString()).isEqualTo("struct[x: f64, label: str]");
        assertThat(DataType.valueOf(POINT.name())).isSameAs(POINT);
        DataType odd = DataType.structOf(List.of(new Schema.Field("a \"b\", (c)", DataType.decimal(15, 2)),
                new Schema.Field("", DataType.DATE)));
        assertThat(DataType.valueOf(odd.name())).isSameAs(odd);
        assertThatThrownBy(() -> DataType.structOf(List.of())).hasMessageContaining("at least one field");
        assertThatThrownBy(() -> DataType.structOf(List.of(new Schema.Field("a", DataType.INT64),
                new Schema.Field("a", DataType.UTF8)))).hasMessageContaining("'a' is twice");
        // fields, list elements and map values of any type
        DataType holding = DataType.structOf(List.of(new Schema.Field("l", DataType.LIST_INT64),
                new Schema.Field("p", POINT)));
        assertThat(holding.toString()).isEqualTo("struct[l: list[i64], p: struct[x: f64, label: str]]");
        assertThat(DataType.valueOf(holding.name())).isSameAs(holding);
        assertThat(DataType.listOf(POINT).toString()).isEqualTo("list[struct[x: f64, label: str]]");
        assertThat(DataType.mapOf(DataType.UTF8, POINT).valueType()).isSameAs(POINT);
        assertThatThrownBy(() -> DataType.mapOf(POINT, DataType.UTF8)).hasMessageContaining("keys are single values");
    }

    @Test
    void structColumnsAreBuiltFromJavaMapsAndPrinted() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("p", POINT, Arrays.asList(row("x", 1.5, "label", "a"), null, row("label", "only"))));
        assertThat(df.column("p").toList()).containsExactly(row("x", 1.5, "label", "a"), null, row("x", null, "label", "only"));
        assertThat(df.toString()).contains("struct[x: f64, label: str]").contains("{x=1.5, label=a}");
        assertThatThrownBy(() -> Series.of("p", POINT, List.of(row("y", 1.0))))
                .hasMessageContaining("row 0: struct[x: f64, label: str] has no field 'y'");
        assertThatThrownBy(() -> Series.of("p", POINT, List.of(row("x", "one"))))
                .hasMessage("column 'p', row 0, field 'x': the value \"one\" (String) does not fit type f64");
    }

    @Test
    void structOfFieldAndUnnestAgreeWithTheColumnsTheyCameFrom() {
        for (long seed = 1; seed <= 15; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 70));
            for (ExecutionConfig config : CONFIGS) {
                DataFrame packed = frame.lazy().select(col("a"),
                        Exprs.struct(col("b"), col("s"), col("k"), col("d").alias("day"), col("c")).alias("st"))
                        .filter(col("a").isNull().or(col("a").gt(-3))).collect(config);
                DataFrame expected = frame.lazy().filter(col("a").isNull().or(col("a").gt(-3)))
                        .select(col("a"), col("b"), col("s"), col("k"), col("d").alias("day"), col("c")).collect(config);
                DataFrame unnested = packed.lazy().unnest("st").collect(config);
                assertThat(unnested.schema()).as("seed %d", seed).isEqualTo(expected.schema());
                assertThat(unnested.toMaps()).as("seed %d, %s", seed, config).isEqualTo(expected.toMaps());
                DataFrame fields = packed.lazy().select(col("st").struct().field("day"), col("st").struct().field("k"))
                        .collect(config);
                assertThat(fields.columns()).containsExactly("day", "k");
                assertThat(fields.column("day").toList()).isEqualTo(expected.column("day").toList());
                assertThat(fields.column("k").toList()).isEqualTo(expected.column("k").toList());
                // sorted, joined and concatenated, the structs stay with their rows
                DataFrame sorted = packed.lazy().sort("a").unnest("st").collect(config);
                assertThat(sorted.toMaps()).isEqualTo(expected.lazy().sort("a").collect(config).toMaps());
            }
        }
    }

    @Test
    void nullStructsGiveNullFieldsAndTravelThroughJoinsConcatAndWhen() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("p", POINT, Arrays.asList(row("x", 1.5, "label", "a"), null, row("x", 2.5))));
        FrameAssert.assertThat(df.select(col("p").struct().field("x"))).hasColumnValues("x", 1.5, null, 2.5);
        FrameAssert.assertThat(df.unnest("p")).hasColumnValues("label", "a", null, null);
        DataFrame names = DataFrame.of(Series.of("id", 3L, 4L, 1L));
        FrameAssert.assertThat(names.join(df, JoinType.LEFT, "id")).hasColumnValues("p", row("x", 2.5, "label", null),
                null, row("x", 1.5, "label", "a"));
        FrameAssert.assertThat(DataFrame.concat(df, df).slice(2, 2)).hasColumnValues("p", row("x", 2.5, "label", null),
                row("x", 1.5, "label", "a"));
        FrameAssert.assertThat(df.withColumns(Exprs.when(col("id").gt(1)).then(col("p")).otherwise(lit(null)).alias("w")))
                .hasColumnValues("w", null, null, row("x", 2.5, "label", null));
        FrameAssert.assertThat(df.select(col("p").cast(DataType.UTF8))).hasColumnValues("p",
                "{'x': 1.5, 'label': a}", null, "{'x': 2.5, 'label': NULL}");
        DataType wider = DataType.structOf(List.of(new Schema.Field("x", DataType.UTF8),
                new Schema.Field("label", DataType.UTF8)));
        FrameAssert.assertThat(df.select(col("p").cast(wider))).hasColumnValues("p", row("x", "1.5", "label", "a"), null,
                row("x", "2.5", "label", null));
    }

    @Test
    void structsAreRefusedWhereValuesMustHashOrderOrCompare() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L), Series.of("p", POINT, List.of(row("x", 1.0), row("x", 2.0))));
        // structs group and are made unique by their fields' values
        assertThat(DataFrame.concat(df, df).groupBy("p").agg(col("id").sum()).column("id").toList()).containsExactly(2L, 4L);
        assertThat(df.join(df, "p").column("id_right").toList()).containsExactly(1L, 2L);
        // structs sort and compare field by field, as DuckDB's
        assertThat(df.sort("p", true).column("id").toList()).containsExactly(2L, 1L);
        assertThat(DataFrame.concat(df, df).unique().column("id").toList()).containsExactly(1L, 2L);
        assertThat(df.filter(col("p").eq(col("p"))).height()).isEqualTo(2);
        assertThatThrownBy(() -> df.filter(col("p").eq(col("id")))).hasMessageContaining("cannot compare struct[");
        assertThat(df.select(col("p").min()).column("p").toList()).containsExactly(row("x", 1.0, "label", null));
        assertThatThrownBy(() -> df.select(col("p").struct().field("y")))
                .hasMessageContaining("has no field 'y'; its fields are [x, label]");
        assertThatThrownBy(() -> df.select(col("id").struct().field("x"))).hasMessageContaining("needs a struct, not i64");
        assertThatThrownBy(() -> df.unnest("id")).hasMessageContaining("cannot unnest column 'id': it is i64");
        assertThatThrownBy(() -> df.select(Exprs.struct(col("id"), col("id")))).hasMessageContaining("'id' is twice");
        DataType renamed = DataType.structOf(List.of(new Schema.Field("y", DataType.FLOAT64),
                new Schema.Field("label", DataType.UTF8)));
        assertThatThrownBy(() -> df.select(col("p").cast(renamed))).hasMessageContaining("field 1 is 'x', not 'y'");
        assertThatThrownBy(() -> df.writeCsv(java.nio.file.Path.of("never-written.csv")))
                .hasMessageContaining("CSV cannot hold struct column 'p'");
        FrameAssert.assertThat(df.select(col("p").count().alias("n"))).hasColumnValues("n", 2L);
    }

    @Test
    void structsRoundTripThroughJsonAndSpills(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("p", POINT, Arrays.asList(row("x", 1.5, "label", "a"), null, row("label", "b"))));
        java.nio.file.Path file = dir.resolve("structs.json");
        df.writeJson(file);
        assertThat(java.nio.file.Files.readString(file)).contains("{\"x\":1.5,\"label\":\"a\"}");
        DataFrame back = Floe.readJson(file.toString(), dev.floe.frame.io.json.JsonOptions.defaults().withType("p", POINT));
        assertThat(back.toMaps()).isEqualTo(df.toMaps());
        java.nio.file.Path extra = dir.resolve("extra.json");
        java.nio.file.Files.writeString(extra, "[{\"p\": {\"x\": 1, \"z\": 2}}]");
        assertThatThrownBy(() -> Floe.readJson(extra.toString(), dev.floe.frame.io.json.JsonOptions.defaults()
                .withType("p", POINT))).hasMessageContaining("line 1").hasMessageContaining("key \"z\"");
        // a sort under a tiny memory limit spills its rows, structs among them
        List<Object> points = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add((long) (i * 7919 % 20_000));
            points.add(i % 9 == 0 ? null : row("x", i / 4.0, "label", "p" + i % 13));
        }
        DataFrame many = DataFrame.of(Series.of("id", DataType.INT64, ids), Series.of("p", POINT, points));
        LazyFrame query = many.lazy().sort("id");
        DataFrame sorted = query.collect();
        java.nio.file.Path temp = java.nio.file.Files.createDirectory(dir.resolve("spill"));
        try (Session small = Session.create().threads(2).morselRows(1_000).memoryLimit("256k").tempDirectory(temp)) {
            QueryHandle<DataFrame> running = small.submit(query.plan());
            DataFrame spilled = running.get();
            assertThat(running.spilledBytes()).isPositive();
            assertThat(spilled.toMaps()).isEqualTo(sorted.toMaps());
        }
    }
}
