package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Map columns: building and printing them, histogram, the map() functions, and where maps are refused. */
class MapTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 3), new ExecutionConfig(3, 5), new ExecutionConfig(2, 65_536));

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void entriesConcatAndValueLookups() {
        DataType type = DataType.mapOf(DataType.CATEGORICAL, DataType.INT64);
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("m", type, Arrays.asList(map("b", 2L, "a", null), null, map())),
                Series.of("n", type, Arrays.asList(map("c", 3L, "b", 9L), map("z", 1L), null)));
        DataFrame out = df.select(col("id"), col("m").map().entries().alias("e"),
                col("m").map().entries().lst().toMap().alias("back"),
                col("m").map().concat(col("n")).alias("both"),
                col("m").map().containsValue(2L).alias("has2"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("key", "b");
        b.put("value", 2L);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("key", "a");
        a.put("value", null);
        assertThat(out.schema().type("e")).isEqualTo(DataType.listOf(DataType.structOf(List.of(
                new Schema.Field("key", DataType.CATEGORICAL), new Schema.Field("value", DataType.INT64)))));
        assertThat(out.column("e").toList()).containsExactly(List.of(b, a), null, List.of());
        assertThat(out.column("back").toList()).containsExactly(map("b", 2L, "a", null), null, map());
        // a key given again takes the later value in its first place; a null map adds nothing
        assertThat(out.column("both").toList()).containsExactly(map("b", 9L, "a", null, "c", 3L), map("z", 1L), map());
        assertThat(out.column("has2").toList()).containsExactly(true, null, false);

        Map<String, Object> twice = new LinkedHashMap<>();
        twice.put("k", "x");
        twice.put("v", 1L);
        DataType entry = DataType.structOf(List.of(new Schema.Field("k", DataType.UTF8),
                new Schema.Field("v", DataType.INT64)));
        DataFrame entries = DataFrame.of(Series.of("l", DataType.listOf(entry), List.of(List.of(twice, twice))));
        assertThatThrownBy(() -> entries.select(col("l").lst().toMap())).isInstanceOf(FloeException.class)
                .hasMessageContaining("x is given twice (row 0)");
        assertThatThrownBy(() -> df.select(col("id").map().entries())).hasMessageContaining("needs a map");
        assertThatThrownBy(() -> DataFrame.of(Series.of("l", List.of(List.of(1L)))).select(col("l").lst().toMap()))
                .hasMessageContaining("needs a list of structs of two fields");
    }

    @Test
    void mapColumnsAreBuiltTypedAndPrinted() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("m", Arrays.asList(map("b", 2L, "a", null), map(), null)));
        DataType type = DataType.mapOf(DataType.UTF8, DataType.INT64);
        assertThat(df.schema().type("m")).isSameAs(type);
        assertThat(type.keyType()).isEqualTo(DataType.UTF8);
        assertThat(type.valueType()).isEqualTo(DataType.INT64);
        assertThat(type.isMap()).isTrue();
        assertThat(type.isNested()).isTrue();
        assertThat(DataType.valueOf(type.name())).isSameAs(type);
        DataType decimals = DataType.mapOf(DataType.decimal(15, 2), DataType.DATE);
        assertThat(DataType.valueOf(decimals.name())).isSameAs(decimals);
        // keys keep the order they were given in
        assertThat(df.column("m").toList()).containsExactly(map("b", 2L, "a", null), map(), null);
        assertThat(new ArrayList<Object>(((Map<?, ?>) df.get(0, "m")).keySet())).containsExactly("b", "a");
        assertThat(df.toString()).contains("map[str,i64]").contains("{b=2, a=null}").contains("{}");
        assertThat(df.describe().column("m").toList().get(0)).isEqualTo("2");
        assertThatThrownBy(() -> Series.of("m", DataType.mapOf(DataType.UTF8, DataType.INT64),
                List.of(map("a", 1L), map("b", "x"))))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 'm', row 1, map value 0: the value \"x\" (String) does not fit type i64");
        assertThatThrownBy(() -> Series.of("m", List.of(map(null, 1L)))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("row 0: a map's key is null");
        assertThatThrownBy(() -> DataType.mapOf(DataType.LIST_INT64, DataType.INT64))
                .hasMessageContaining("are single values, not lists, maps or structs");
        assertThat(DataType.listOf(type).elementType()).isSameAs(type);
        assertThatThrownBy(() -> DataType.of(DataType.Id.MAP)).hasMessageContaining("DataType.mapOf");
    }

    @Test
    void histogramCountsEachDistinctValueSmallestFirstAndAgreesWithTheReference() {
        List<String> columns = List.of("a", "b", "c", "s", "t", "k", "e", "d");
        List<Expr> exprs = columns.stream().map(c -> col(c).histogram().alias(c + "_h")).toList();
        for (long seed = 1; seed <= 25; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 80));
            String key = seed % 2 == 0 ? "k" : "a";
            Map<Object, List<Integer>> groups = new LinkedHashMap<>();
            for (int row = 0; row < frame.height(); row++) {
                groups.computeIfAbsent(frame.get(row, key), x -> new ArrayList<>()).add(row);
            }
            for (ExecutionConfig config : CONFIGS) {
                DataFrame out = frame.lazy().groupBy(key).agg(exprs).collect(config);
                assertThat(out.height()).isEqualTo(groups.size());
                int g = 0;
                for (List<Integer> rows : groups.values()) {
                    for (String column : columns) {
                        List<Object> values = rows.stream().map(row -> frame.get(row, column)).toList();
                        Object actual = out.get(g, column + "_h");
                        assertThat(actual).as("seed %d, %s, group %d, %s", seed, config, g, column)
                                .isEqualTo(histogram(values));
                        if (actual != null) {
                            // smallest first, as ORDER BY puts them
                            assertThat(new ArrayList<>(((Map<?, ?>) actual).keySet()))
                                    .isEqualTo(new ArrayList<>(histogram(values).keySet()));
                        }
                    }
                    g++;
                }
                DataFrame whole = frame.lazy().select(col("s").histogram().alias("h")).collect(config);
                assertThat(whole.get(0, "h")).isEqualTo(histogram(frame.column("s").toList()));
            }
        }
    }

    @Test
    void histogramsOfWideIntegersAndDecimalsAndOfNullsAgreeWithTheReference() {
        java.math.BigInteger big = java.math.BigInteger.TWO.pow(100);
        List<Object> wide = Arrays.asList(big, big.negate(), null, big, java.math.BigInteger.ONE, big.negate());
        List<Object> money = Arrays.asList(new java.math.BigDecimal("1.50"), null, new java.math.BigDecimal("-99.25"),
                new java.math.BigDecimal("1.50"), new java.math.BigDecimal("123456789012345678901234.00"),
                new java.math.BigDecimal("1.50"));
        DataFrame df = DataFrame.of(Series.of("g", 1L, 2L, 1L, 1L, 2L, 1L), Series.of("w", DataType.INT128, wide),
                Series.of("m", DataType.decimal(30, 2), money), Series.of("n", DataType.NULL, Arrays.asList(new Object[6])));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().groupBy("g").agg(col("w").histogram().alias("w"), col("m").histogram().alias("m"),
                    col("n").histogram().alias("n")).sort("g").collect(config);
            for (int g = 0; g < 2; g++) {
                long key = g + 1;
                List<Object> ws = new ArrayList<>();
                List<Object> ms = new ArrayList<>();
                for (int row = 0; row < df.height(); row++) {
                    if (df.get(row, "g").equals(key)) {
                        ws.add(wide.get(row));
                        ms.add(money.get(row));
                    }
                }
                assertThat(out.get(g, "w")).as("%s, group %d", config, key).isEqualTo(histogram(ws));
                assertThat(new ArrayList<>(((Map<?, ?>) out.get(g, "w")).keySet()))
                        .isEqualTo(new ArrayList<>(histogram(ws).keySet()));
                assertThat(out.get(g, "m")).isEqualTo(histogram(ms));
                assertThat(out.get(g, "n")).isNull();
            }
        }
    }

    /** Each non-null value's count, smallest first (text by code point, NaN last); null where there are none. */
    private static Map<Object, Long> histogram(List<Object> values) {
        TreeMap<Object, Long> counts = new TreeMap<>(ORDER);
        for (Object value : values) {
            if (value != null) {
                counts.merge(value, 1L, Long::sum);
            }
        }
        return counts.isEmpty() ? null : new LinkedHashMap<>(counts);
    }

    @SuppressWarnings("unchecked")
    private static final Comparator<Object> ORDER = (x, y) -> x instanceof String s
            ? Arrays.compare(s.codePoints().toArray(), ((String) y).codePoints().toArray())
            : ((Comparable<Object>) x).compareTo(y);

    @Test
    void mapFunctionsLookUpKeysGivenAsValuesOrColumns() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L, 4L),
                Series.of("m", Arrays.asList(map("a", 1, "b", null), map("c", 3), map(), null)),
                Series.of("key", Arrays.asList("b", "c", "a", "a")));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("m").map().keys().alias("keys"), col("m").map().values().alias("values"),
                    col("m").map().len().alias("len"), col("m").map().get("a").alias("a"),
                    col("m").map().get(col("key")).alias("by_column"), col("m").map().containsKey("b").alias("has_b"),
                    col("m").map().containsKey(col("key")).alias("has_key"),
                    col("m").map().get(lit(null)).alias("null_key")).collect(config);
            FrameAssert.assertThat(out).hasColumnValues("keys", List.of("a", "b"), List.of("c"), List.of(), null)
                    .hasColumnValues("values", Arrays.asList(1, null), List.of(3), List.of(), null)
                    .hasColumnValues("len", 2L, 1L, 0L, null)
                    .hasColumnValues("a", 1, null, null, null)
                    // present with a null value, present, missing, null map
                    .hasColumnValues("by_column", null, 3, null, null)
                    .hasColumnValues("has_b", true, false, false, null)
                    .hasColumnValues("has_key", true, true, false, null)
                    .hasColumnValues("null_key", null, null, null, null);
            assertThat(out.schema().type("keys")).isEqualTo(DataType.LIST_UTF8);
            assertThat(out.schema().type("a")).isEqualTo(DataType.INT32);
        }
        // keys of one type looked up with another that compares with it: widened, not rounded
        DataFrame numbers = DataFrame.of(Series.of("m", List.of(map(1, "one", 2, "two"))));
        FrameAssert.assertThat(numbers.select(col("m").map().get(2L).alias("two"), col("m").map().get(2.0).alias("f"),
                col("m").map().get(1.5).alias("half"))).hasColumnValues("two", "two").hasColumnValues("f", "two")
                .hasColumnValues("half", (Object) null);
        assertThatThrownBy(() -> numbers.select(col("m").map().get("1")))
                .hasMessageContaining("a key of str cannot be looked up among keys of i32");
        assertThatThrownBy(() -> df.select(col("id").map().keys())).hasMessageContaining("map.keys needs a map, not i64");
    }

    @Test
    void mapOfPairsTwoListsAndRefusesNullRepeatedOrUnpairedKeys() {
        DataFrame lists = DataFrame.of(Series.of("k", Arrays.asList(List.of("a", "b"), List.of(), null, List.of("c"))),
                Series.of("v", Arrays.asList(Arrays.asList(1.5, null), List.of(), List.of(1.0), null)));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = lists.lazy().select(Exprs.mapOf(col("k"), col("v")).alias("m")).collect(config);
            FrameAssert.assertThat(out).hasColumnValues("m", map("a", 1.5, "b", null), map(), null, null);
            assertThat(out.schema().type("m")).isEqualTo(DataType.mapOf(DataType.UTF8, DataType.FLOAT64));
        }
        DataFrame repeated = DataFrame.of(Series.of("k", List.of(List.of(1L), List.of(2L, 3L, 2L))),
                Series.of("v", List.of(List.of(1L), List.of(1L, 2L, 3L))));
        assertThatThrownBy(() -> repeated.select(Exprs.mapOf(col("k"), col("v")))).isInstanceOf(FloeException.class)
                .hasMessageContaining("a map's keys must be distinct, but 2 is given twice (row 1)");
        DataFrame nullKey = DataFrame.of(Series.of("k", List.of(Arrays.asList("a", null))),
                Series.of("v", List.of(List.of(1L, 2L))));
        assertThatThrownBy(() -> nullKey.select(Exprs.mapOf(col("k"), col("v"))))
                .hasMessageContaining("a map's keys cannot be null (row 0)");
        DataFrame unpaired = DataFrame.of(Series.of("k", List.of(List.of("a"), List.of("a", "b"))),
                Series.of("v", List.of(List.of(1L), List.of(1L))));
        assertThatThrownBy(() -> unpaired.select(Exprs.mapOf(col("k"), col("v"))))
                .hasMessageContaining("map needs as many keys as values, not 2 keys and 1 values (row 1)");
        assertThatThrownBy(() -> unpaired.select(Exprs.mapOf(col("k"), lit(1L))))
                .hasMessageContaining("map needs a list of keys and a list of values");
    }

    @Test
    void mapsCastToTextAsSqlWritesThemAndToWiderTypes() {
        DataFrame df = DataFrame.of(Series.of("m", Arrays.asList(map("a b", null, "", "x=y", "c,d", "{q}", "null", "n"),
                map(), null)));
        FrameAssert.assertThat(df.select(col("m").cast(DataType.UTF8))).hasColumnValues("m",
                "{a b=NULL, ''='x=y', 'c,d'='{q}', 'null'=n}", "{}", null);
        DataFrame numbers = DataFrame.of(Series.of("m", List.of(map(1, 2.5f))));
        DataType wider = DataType.mapOf(DataType.INT64, DataType.FLOAT64);
        FrameAssert.assertThat(numbers.select(col("m").cast(wider))).hasColumnValues("m", map(1L, 2.5));
        assertThatThrownBy(() -> numbers.select(col("m").cast(DataType.mapOf(DataType.INT8, DataType.FLOAT64))))
                .hasMessageContaining("could collide");
        assertThatThrownBy(() -> df.select(col("m").cast(DataType.INT64))).hasMessageContaining("cannot cast map[str,str]");
    }

    @Test
    void mapColumnsTravelThroughSortFilterJoinConcatSliceAndWhen() {
        DataFrame df = DataFrame.of(Series.of("id", 3L, 1L, 2L),
                Series.of("m", Arrays.asList(map("c", 3L), null, map("b", 2L, "bb", 22L))));
        FrameAssert.assertThat(df.sort("id")).hasColumnValues("m", null, map("b", 2L, "bb", 22L), map("c", 3L));
        FrameAssert.assertThat(df.filter(col("id").gt(1))).hasColumnValues("m", map("c", 3L), map("b", 2L, "bb", 22L));
        DataFrame names = DataFrame.of(Series.of("id", 2L, 3L, 4L), Series.of("name", "two", "three", "four"));
        FrameAssert.assertThat(names.join(df, JoinType.LEFT, "id"))
                .hasColumnValues("m", map("b", 2L, "bb", 22L), map("c", 3L), null);
        DataFrame both = DataFrame.concat(df, DataFrame.of(Series.of("id", 9L), Series.of("m", List.of(map("z", 0L)))));
        FrameAssert.assertThat(both.slice(2, 2)).hasColumnValues("m", map("b", 2L, "bb", 22L), map("z", 0L));
        FrameAssert.assertThat(df.withColumns(Exprs.when(col("id").gt(1)).then(col("m")).otherwise(lit(null))
                .alias("w"))).hasColumnValues("w", map("c", 3L), null, map("b", 2L, "bb", 22L));
        FrameAssert.assertThat(df.lazy().groupBy(col("id").gt(1).alias("big")).agg(col("id").count().alias("n"))
                .sort("big").collect()).hasColumnValues("n", 1L, 2L);
    }

    @Test
    void mapsAreRefusedWhereValuesMustHashOrderOrCompare() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L), Series.of("m", List.of(map("a", 1L), map("b", 2L))));
        // maps group, are made unique and partition windows by their entries
        assertThat(df.groupBy("m").agg(col("id").sum()).column("id").toList()).containsExactly(1L, 2L);
        assertThat(DataFrame.concat(df, df).unique("m").column("id").toList()).containsExactly(1L, 2L);
        assertThat(df.join(df, JoinType.SEMI, "m").height()).isEqualTo(2);
        // maps sort and compare entry by entry (keys, then values), as DuckDB's
        assertThat(df.sort("m", true).column("id").toList()).containsExactly(2L, 1L);
        assertThat(df.filter(col("m").eq(col("m"))).height()).isEqualTo(2);
        assertThat(df.filter(col("m").lt(Exprs.mapOf(Exprs.listOf(lit("a")), Exprs.listOf(lit(5L))))).column("id")
                .toList()).containsExactly(1L);
        assertThatThrownBy(() -> df.filter(col("m").eq(col("id")))).hasMessageContaining("cannot compare map[str,i64]");
        assertThat(df.select(col("m").max()).column("m").toList()).containsExactly(map("b", 2L));
        assertThatThrownBy(() -> df.select(col("m").histogram())).hasMessageContaining("histogram does not take maps");
        assertThat(df.select(col("id").sum().over(col("m"))).column("id").toList()).containsExactly(1L, 2L);
        assertThatThrownBy(() -> df.writeCsv(java.nio.file.Path.of("never-written.csv")))
                .hasMessageContaining("CSV cannot hold map column 'm'");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("never-written.csv"))).isFalse();
        FrameAssert.assertThat(df.select(col("m").count().alias("n"))).hasColumnValues("n", 2L);
    }

    @Test
    void mapsRoundTripThroughJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("m", Arrays.asList(map("a\"q", 1.5, "b", null), map(), null)));
        java.nio.file.Path file = dir.resolve("maps.json");
        df.writeJson(file);
        String text = java.nio.file.Files.readString(file);
        assertThat(text).contains("{\"a\\\"q\":1.5,\"b\":null}");
        DataFrame back = Floe.readJson(file.toString(), dev.floe.frame.io.json.JsonOptions.defaults()
                .withType("m", DataType.mapOf(DataType.UTF8, DataType.FLOAT64)));
        FrameAssert.assertThat(back).hasColumnValues("m", map("a\"q", 1.5, "b", null), map(), null);
        java.nio.file.Path twice = dir.resolve("twice.json");
        java.nio.file.Files.writeString(twice, "[{\"m\": {\"a\": 1, \"a\": 2}}]");
        assertThatThrownBy(() -> Floe.readJson(twice.toString(), dev.floe.frame.io.json.JsonOptions.defaults()
                .withType("m", DataType.mapOf(DataType.UTF8, DataType.INT64))))
                .hasMessageContaining("line 1").hasMessageContaining("key \"a\" twice");
        assertThatThrownBy(() -> Floe.readJson(twice.toString(), dev.floe.frame.io.json.JsonOptions.defaults()
                .withType("m", DataType.mapOf(DataType.INT64, DataType.INT64))))
                .hasMessageContaining("JSON objects' keys are text");
    }
}
