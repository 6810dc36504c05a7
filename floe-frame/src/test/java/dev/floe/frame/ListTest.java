package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** List columns: building and printing them, list / topK / argMin / argMax, explode, the lst() functions. */
class ListTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 3), new ExecutionConfig(3, 5), new ExecutionConfig(2, 65_536));

    @Test
    void listColumnsAreBuiltTypedAndPrinted() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L),
                Series.of("xs", Arrays.asList(List.of(1L, 2L), List.of(), null)));
        assertThat(df.schema().type("xs")).isEqualTo(DataType.LIST_INT64);
        assertThat(df.column("xs").toList()).containsExactly(List.of(1L, 2L), List.of(), null);
        assertThat(df.toString()).contains("list[i64]").contains("[1, 2]").contains("[]");
        assertThat(df.describe().column("xs").toList()).containsExactly("2", "1", null, null, null, null, null, null, null);
        assertThat(Series.of("s", List.of(List.of("a", "b"))).toString()).contains("[\"a\", \"b\"]");
        assertThat(Series.of("w", Arrays.asList(List.of(1), List.of(2L))).type()).isEqualTo(DataType.LIST_INT64);
        assertThat(Series.of("e", DataType.LIST_FLOAT64, List.of(new double[] {1.5}, List.of(2.0))).toList())
                .containsExactly(List.of(1.5), List.of(2.0));
        assertThat(DataType.listOf(DataType.DATE)).isEqualTo(DataType.LIST_DATE);
        assertThat(DataType.LIST_CATEGORICAL.elementType()).isEqualTo(DataType.CATEGORICAL);
        for (DataType type : DataType.values()) {
            if (!type.isList() && type != DataType.INT128 && type != DataType.TIME) {
                assertThat(DataType.listOf(type).elementType()).isEqualTo(type);
            }
        }
        assertThatThrownBy(() -> DataType.listOf(DataType.INT128)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("no lists of i128");
        assertThat(DataType.listOf(DataType.TIME).toString()).isEqualTo("list[time[μs]]");
        assertThat(DataType.valueOf(DataType.listOf(DataType.TIME).name())).isSameAs(DataType.listOf(DataType.TIME));
    }

    @Test
    void badListValuesAreRefusedNamingTheElement() {
        assertThatThrownBy(() -> Series.of("xs", DataType.LIST_INT64, List.of(List.of(1L), List.of(2L, "three"))))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 'xs', row 1, list element 1: the value \"three\" (String) does not fit type i64");
        assertThatThrownBy(() -> Series.of("xs", List.of(List.of(List.of(1L)), List.of(List.of("a")))))
                .hasMessageContaining("row 1 holds [[a]]").hasMessageContaining("but earlier rows are list[list[i64]]");
        assertThatThrownBy(() -> Series.of("xs", Arrays.asList(List.of(1L), "x")))
                .hasMessageContaining("row 1 holds \"x\"");
    }

    @Test
    void listsNestInListsAndHoldMapsAndStructs() {
        DataType nested = DataType.listOf(DataType.LIST_INT8);
        assertThat(nested.id()).isEqualTo(DataType.Id.LIST);
        assertThat(nested).isSameAs(DataType.listOf(DataType.LIST_INT8));
        assertThat(nested.elementType()).isSameAs(DataType.LIST_INT8);
        assertThat(nested.toString()).isEqualTo("list[list[i8]]");
        assertThat(DataType.valueOf(nested.name())).isSameAs(nested);
        DataType deep = DataType.listOf(DataType.mapOf(DataType.UTF8, DataType.listOf(DataType.structOf(
                List.of(new Schema.Field("a, \"b\"", DataType.decimal(15, 2)))))));
        assertThat(DataType.valueOf(deep.name())).isSameAs(deep);
        assertThatThrownBy(() -> DataType.of(DataType.Id.LIST)).hasMessageContaining("DataType.listOf(element)");

        Series xs = Series.of("xs", Arrays.asList(List.of(List.of(1L, 2L), List.of()), null, Arrays.asList(null, List.of(3L))));
        assertThat(xs.type()).isEqualTo(DataType.listOf(DataType.LIST_INT64));
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L), xs);
        assertThat(df.select(col("xs").lst().flatten(), col("xs").lst().len().alias("n"),
                col("xs").lst().get(-1).alias("last")).toMaps()).containsExactly(
                Map.of("xs", List.of(1L, 2L), "n", 2, "last", List.of()),
                mapOf("xs", null, "n", null, "last", null),
                mapOf("xs", List.of(3L), "n", 2, "last", List.of(3L)));
        assertThat(df.explode("xs").column("xs").toList()).containsExactly(List.of(1L, 2L), List.of(), null, null,
                List.of(3L));
        assertThat(df.select(col("xs").list()).column("xs").get(0)).isEqualTo(Arrays.asList(
                List.of(List.of(1L, 2L), List.of()), null, Arrays.asList(null, List.of(3L))));
        assertThatThrownBy(() -> df.select(col("id").lst().flatten())).hasMessageContaining("needs a list");
        assertThatThrownBy(() -> DataFrame.of(Series.of("l", List.of(List.of(1L)))).select(col("l").lst().flatten()))
                .hasMessageContaining("list.flatten needs a list of lists, not list[i64]");
    }

    private static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void listTopKArgMinAndArgMaxAgreeWithTheReference() {
        record Case(Expr expr, String column, Function<List<Object>, Object> reference) {}
        List<Case> cases = new ArrayList<>();
        for (String column : List.of("a", "c", "s", "k", "t", "e")) {
            cases.add(new Case(col(column).list().alias(column + "_list"), column, values -> values));
            cases.add(new Case(col(column).topK(3).alias(column + "_top"), column, values -> topK(values, 3)));
            cases.add(new Case(col(column).argMin().alias(column + "_argmin"), column, values -> arg(values, false)));
            cases.add(new Case(col(column).argMax().alias(column + "_argmax"), column, values -> arg(values, true)));
        }
        cases.add(new Case(col("b").topK(0).alias("b_top0"), "b", values -> List.of()));
        List<Expr> exprs = cases.stream().map(Case::expr).toList();
        for (long seed = 1; seed <= 25; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 60));
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
                    for (Case c : cases) {
                        List<Object> values = rows.stream().map(row -> frame.get(row, c.column())).toList();
                        assertThat(out.get(g, c.expr().outputName())).as("seed %d, %s, group %d, %s", seed, config, g,
                                c.expr()).isEqualTo(c.reference().apply(values));
                    }
                    g++;
                }
                // one group for the whole frame: a select of aggregations
                DataFrame whole = frame.lazy().select(col("a").list(), col("c").topK(2).alias("top"),
                        col("s").argMax().alias("arg")).collect(config);
                List<Object> a = frame.column("a").toList();
                assertThat(whole.get(0, "a")).isEqualTo(a);
                assertThat(whole.get(0, "top")).isEqualTo(topK(frame.column("c").toList(), 2));
                assertThat(whole.get(0, "arg")).isEqualTo(arg(frame.column("s").toList(), true));
            }
        }
    }

    /** The k largest non-null values, largest first: NaN the largest float, text by code point. */
    static List<Object> topK(List<Object> values, int k) {
        return values.stream().filter(Objects::nonNull).sorted(ORDER.reversed()).limit(k).toList();
    }

    /** The position of the first smallest (largest) non-null value, NaN only when nothing else. */
    static Object arg(List<Object> values, boolean max) {
        Integer best = null;
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                continue;
            }
            boolean nan = value instanceof Double d && d.isNaN();
            boolean bestNan = best != null && values.get(best) instanceof Double d && d.isNaN();
            int c = best == null ? 0 : ORDER.compare(value, values.get(best));
            if (best == null || (bestNan && !nan) || (!nan && (max ? c > 0 : c < 0))) {
                best = i;
            }
        }
        return best == null ? null : (long) best;
    }

    @SuppressWarnings("unchecked")
    private static final Comparator<Object> ORDER = (x, y) -> x instanceof String s
            ? Arrays.compare(s.codePoints().toArray(), ((String) y).codePoints().toArray())
            : ((Comparable<Object>) x).compareTo(y);

    @Test
    void explodeUndoesListAndRepeatsTheOtherColumns() {
        for (long seed = 1; seed <= 15; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 50));
            for (ExecutionConfig config : CONFIGS) {
                DataFrame lists = frame.lazy().groupBy("k").agg(col("a").list(), col("s").list(), Exprs.len())
                        .collect(config);
                DataFrame exploded = lists.lazy().explode("a", "s").collect(config);
                DataFrame expected = frame.lazy().withRowIndex("i")
                        .withColumns(col("i").min().over("k").alias("first")).sort("first", "i")
                        .select("k", "a", "s").collect(config);
                assertThat(exploded.select("k", "a", "s").toMaps()).as("seed %d, %s", seed, config)
                        .isEqualTo(expected.toMaps());
                assertThat(exploded.column("len").toList()).isEqualTo(exploded.lazy()
                        .select(Exprs.len().over("k").alias("len")).collect(config).column("len").toList());
            }
        }
    }

    @Test
    void aListWithAMaskCollectsTheRowsWhereItIsTrue() {
        for (long seed = 1; seed <= 15; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(1, 60));
            // the values of a (nulls among them) on the rows where t is true, by group of k in order of appearance
            Map<Object, List<Object>> expected = new LinkedHashMap<>();
            for (int i = 0; i < frame.height(); i++) {
                List<Object> group = expected.computeIfAbsent(frame.column("k").get(i), key -> new ArrayList<>());
                if (Boolean.TRUE.equals(frame.column("t").get(i))) {
                    group.add(frame.column("a").get(i));
                }
            }
            Expr masked = new Agg(AggFunction.LIST, List.of(col("a"), col("t")), List.of()).alias("kept");
            for (ExecutionConfig config : CONFIGS) {
                DataFrame lists = frame.lazy().groupBy("k").agg(masked).collect(config);
                Map<Object, Object> actual = new LinkedHashMap<>();
                for (int i = 0; i < lists.height(); i++) {
                    actual.put(lists.column("k").get(i), lists.column("kept").get(i));
                }
                assertThat(actual).as("seed %d, %s", seed, config).containsExactlyEntriesOf(expected);
            }
            assertThat(frame.lazy().select(masked).collect().column("kept").get(0)).as("seed %d", seed)
                    .isEqualTo(keptInOrder(frame));
        }
    }

    private static List<Object> keptInOrder(DataFrame frame) {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < frame.height(); i++) {
            if (Boolean.TRUE.equals(frame.column("t").get(i))) {
                kept.add(frame.column("a").get(i));
            }
        }
        return kept;
    }

    @Test
    void explodeGivesOneNullRowForANullOrEmptyList() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L, 4L),
                Series.of("xs", DataType.LIST_UTF8, Arrays.asList(List.of("a", "b"), List.of(), null,
                        Arrays.asList("c", null))));
        for (ExecutionConfig config : CONFIGS) {
            FrameAssert.assertThat(df.lazy().explode("xs").collect(config)).hasSchema("id", DataType.INT64, "xs",
                    DataType.UTF8).hasRows(new Object[] {1L, "a"}, new Object[] {1L, "b"}, new Object[] {2L, null},
                    new Object[] {3L, null}, new Object[] {4L, "c"}, new Object[] {4L, null});
        }
        DataFrame two = DataFrame.of(Series.of("xs", List.of(List.of(1L, 2L), List.of(3L))),
                Series.of("ys", List.of(List.of("a"), List.of("b"))));
        assertThatThrownBy(() -> two.explode("xs", "ys")).hasMessageContaining("row 0 has lists of 2 and 1 elements");
        assertThatThrownBy(() -> df.explode("id")).hasMessageContaining("cannot explode 'id' of type i64");
        assertThatThrownBy(() -> df.explode("nope")).isInstanceOf(ColumnNotFoundException.class);
        assertThat(df.lazy().explode("xs").select("id").explain()).contains("EXPLODE [xs]").contains("DF [id, xs]");
    }

    @Test
    void listFunctionsAgreeWithTheReference() {
        SplittableRandom random = new SplittableRandom(3);
        List<Object> longs = new ArrayList<>();
        List<Object> doubles = new ArrayList<>();
        List<Object> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (random.nextInt(8) == 0) {
                longs.add(null);
                doubles.add(null);
                texts.add(null);
                continue;
            }
            int size = random.nextInt(0, 6);
            List<Object> l = new ArrayList<>();
            List<Object> d = new ArrayList<>();
            List<Object> t = new ArrayList<>();
            for (int e = 0; e < size; e++) {
                boolean isNull = random.nextInt(6) == 0;
                l.add(isNull ? null : (long) random.nextInt(-20, 20));
                d.add(isNull ? null : random.nextInt(12) == 0 ? Double.NaN : random.nextInt(-40, 40) / 4.0);
                t.add(isNull ? null : "w" + random.nextInt(5));
            }
            longs.add(l);
            doubles.add(d);
            texts.add(t);
        }
        DataFrame df = DataFrame.of(Series.of("l", DataType.LIST_INT64, longs),
                Series.of("d", DataType.LIST_FLOAT64, doubles), Series.of("t", DataType.LIST_UTF8, texts));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("l").lst().len().alias("len"), col("l").lst().sum().alias("lsum"),
                    col("d").lst().mean().alias("dmean"), col("l").lst().min().alias("lmin"),
                    col("d").lst().max().alias("dmax"), col("t").lst().max().alias("tmax"),
                    col("l").lst().get(1).alias("second"), col("t").lst().last().alias("last"),
                    col("l").lst().contains(3).alias("has3"), col("t").lst().join("-").alias("joined"),
                    col("t").lst().position("w2").alias("at_w2"), col("d").lst().position(null).alias("at_null"))
                    .collect(config);
            for (int i = 0; i < df.height(); i++) {
                @SuppressWarnings("unchecked") List<Object> l = (List<Object>) longs.get(i);
                @SuppressWarnings("unchecked") List<Object> d = (List<Object>) doubles.get(i);
                @SuppressWarnings("unchecked") List<Object> t = (List<Object>) texts.get(i);
                String where = "row " + i + ", " + config;
                if (l == null) {
                    assertThat(out.row(i).toList()).as(where).allMatch(Objects::isNull);
                    continue;
                }
                assertThat(out.get(i, "len")).as(where).isEqualTo(l.size());
                assertThat(out.get(i, "lsum")).as(where).isEqualTo(GroupByPropertyTest.sum(l));
                GroupByPropertyTest.assertClose(out.get(i, "dmean"), GroupByPropertyTest.mean(d), where);
                assertThat(out.get(i, "lmin")).as(where).isEqualTo(GroupByPropertyTest.extreme(l, false));
                assertThat(out.get(i, "dmax")).as(where).isEqualTo(GroupByPropertyTest.extreme(d, true));
                assertThat(out.get(i, "tmax")).as(where).isEqualTo(GroupByPropertyTest.extreme(t, true));
                assertThat(out.get(i, "second")).as(where).isEqualTo(l.size() > 1 ? l.get(1) : null);
                assertThat(out.get(i, "last")).as(where).isEqualTo(t.isEmpty() ? null : t.get(t.size() - 1));
                assertThat(out.get(i, "has3")).as(where).isEqualTo(l.contains(3L));
                assertThat(out.get(i, "at_w2")).as(where).isEqualTo(t.indexOf("w2") < 0 ? null : t.indexOf("w2") + 1);
                assertThat(out.get(i, "at_null")).as(where).isEqualTo(d.indexOf(null) < 0 ? null : d.indexOf(null) + 1);
                assertThat(out.get(i, "joined")).as(where)
                        .isEqualTo(String.join("-", t.stream().filter(Objects::nonNull).map(String::valueOf).toList()));
            }
        }
    }

    @Test
    void splitMakesListsOfText() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("a,b", "", "c,,d", null)),
                Series.of("k", DataType.CATEGORICAL, Arrays.asList("x;y", "x;y", null, "z")));
        DataFrame out = df.select(col("s").str().split(","), col("k").str().split(";"));
        assertThat(out.schema().type("s")).isEqualTo(DataType.LIST_UTF8);
        assertThat(out.column("s").toList()).containsExactly(List.of("a", "b"), List.of(""), List.of("c", "", "d"), null);
        assertThat(out.column("k").toList()).containsExactly(List.of("x", "y"), List.of("x", "y"), null, List.of("z"));
        assertThatThrownBy(() -> col("s").str().split("")).hasMessageContaining("must not be empty");
    }

    @Test
    void listColumnsTravelThroughSortFilterJoinConcatAndSlice() {
        DataFrame df = DataFrame.of(Series.of("id", 3L, 1L, 2L),
                Series.of("xs", Arrays.asList(List.of(3, 3), null, List.of(2))));
        FrameAssert.assertThat(df.sort("id")).hasColumnValues("xs", null, List.of(2), List.of(3, 3));
        FrameAssert.assertThat(df.filter(col("id").gt(1))).hasColumnValues("xs", List.of(3, 3), List.of(2));
        DataFrame names = DataFrame.of(Series.of("id", 2L, 3L, 4L), Series.of("name", "two", "three", "four"));
        FrameAssert.assertThat(names.join(df, JoinType.LEFT, "id")).hasColumnValues("xs", List.of(2), List.of(3, 3), null);
        DataFrame wider = DataFrame.of(Series.of("id", 9L), Series.of("xs", List.of(List.of(1L << 40))));
        DataFrame both = DataFrame.concat(df, wider);
        assertThat(both.schema().type("xs")).isEqualTo(DataType.LIST_INT64);
        FrameAssert.assertThat(both).hasColumnValues("xs", List.of(3L, 3L), null, List.of(2L), List.of(1L << 40));
        FrameAssert.assertThat(both.slice(1, 2)).hasColumnValues("xs", null, List.of(2L));
        FrameAssert.assertThat(df.select(col("xs").cast(DataType.LIST_FLOAT64))).hasColumnValues("xs",
                List.of(3.0, 3.0), null, List.of(2.0));
        FrameAssert.assertThat(df.withColumns(Exprs.when(col("id").gt(1)).then(col("xs")).otherwise(Exprs.lit(null))
                .alias("w"))).hasColumnValues("w", List.of(3, 3), null, List.of(2));
        FrameAssert.assertThat(df.unique("id")).hasHeight(3);
    }

    @Test
    void listsCastToTextAsSqlWritesThem() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L, 3L, 4L, 5L),
                Series.of("xs", Arrays.asList(List.of(1L, -2L), List.of(), null, Arrays.asList(null, 7L), List.of(3L))),
                Series.of("s", Arrays.asList(Arrays.asList("a", "b c", null), List.of("", " x", "y "),
                        List.of("null", "NuLL", "nulls"), List.of("it's", "a\\b", "c\\,d"), List.of("(", "k=v", "[]", "{", "}", ":", ",", "\""))),
                Series.of("f", Arrays.asList(List.of(1.5, 1e20), List.of(-0.0), List.of(Double.NaN), null, List.of(0.1))));
        List<String> ints = Arrays.asList("[1, -2]", "[]", null, "[NULL, 7]", "[3]");
        List<String> texts = List.of("[a, b c, NULL]", "['', ' x', 'y ']", "['null', 'NuLL', nulls]",
                "['it\\'s', a\\b, 'c\\\\,d']", "['(', 'k=v', '[]', '{', '}', ':', ',', '\"']");
        List<String> floats = Arrays.asList("[1.5, 1e+20]", "[-0.0]", "[nan]", null, "[0.1]");
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("xs").cast(DataType.UTF8), col("s").cast(DataType.UTF8),
                    col("s").cast(DataType.LIST_CATEGORICAL).cast(DataType.UTF8).alias("c"), col("f").cast(DataType.UTF8))
                    .collect(config);
            assertThat(out.schema().type("xs")).isEqualTo(DataType.UTF8);
            assertThat(out.column("xs").toList()).containsExactlyElementsOf(ints);
            assertThat(out.column("s").toList()).containsExactlyElementsOf(texts);
            assertThat(out.column("c").toList()).containsExactlyElementsOf(texts);
            assertThat(out.column("f").toList()).containsExactlyElementsOf(floats);
        }
        // a slice of a list column (its elements start past the first) writes its own rows alone
        assertThat(df.slice(3, 2).select(col("xs").cast(DataType.UTF8)).column("xs").toList())
                .containsExactly("[NULL, 7]", "[3]");
        assertThat(DataFrame.of(Series.of("d", List.of(List.of(java.time.LocalDate.of(2020, 1, 2)))))
                .select(col("d").cast(DataType.UTF8)).column("d").toList()).containsExactly("[2020-01-02]");
    }

    @Test
    void textReadsAsListsAsSqlWritesThem() {
        DataFrame df = DataFrame.of(Series.of("s", Arrays.asList("[1, -2]", " [ ] ", null, "[NULL, 7 ]", "[3,x]", "1, 2",
                "[1] x", "['a, b]", "[nUlL, 'null']")));
        DataFrame ints = df.select(col("s").tryCast(DataType.LIST_INT64));
        assertThat(ints.schema().type("s")).isEqualTo(DataType.LIST_INT64);
        assertThat(ints.column("s").toList()).containsExactly(List.of(1L, -2L), List.of(), null, Arrays.asList(null, 7L),
                Arrays.asList(3L, null), null, null, null, Arrays.asList(null, null));
        DataFrame texts = DataFrame.of(Series.of("s", List.of("[a, 'b, c', \"d\" e, ' f ', ( g, h ), {i, [j]}, '', NULL, 'NULL',"
                + " it\\'s, 'x\\'y\\\\z', a\\b]"))).select(col("s").cast(DataType.LIST_UTF8));
        assertThat(texts.column("s").get(0)).isEqualTo(Arrays.asList("a", "b, c", "d e", " f ", "( g, h )", "{i, [j]}", "",
                null, "NULL", "it's", "x'y\\z", "a\\b"));
        // a strict cast names the row, the text and what is wrong with it
        assertThatThrownBy(() -> df.slice(4, 1).select(col("s").cast(DataType.LIST_INT64)))
                .hasMessageContaining("cannot cast \"x\" (element 2 of \"[3,x]\") to i64 at row 0");
        assertThatThrownBy(() -> df.slice(5, 1).select(col("s").cast(DataType.LIST_INT64)))
                .hasMessageContaining("cannot cast \"1, 2\" to list[i64] at row 0").hasMessageContaining("does not start with [");
        assertThatThrownBy(() -> df.slice(6, 1).select(col("s").cast(DataType.LIST_INT64)))
                .hasMessageContaining("text after the closing ]");
        assertThatThrownBy(() -> df.slice(7, 1).select(col("s").cast(DataType.LIST_INT64)))
                .hasMessageContaining("a quote ' is not closed");
        // dates, floats and categorical elements read as their own casts read them; and back to text
        DataFrame dates = DataFrame.of(Series.of("s", List.of("[2024-02-29, NULL]"))).select(
                col("s").cast(DataType.LIST_DATE).alias("d"), col("s").cast(DataType.LIST_CATEGORICAL).cast(DataType.UTF8).alias("c"));
        assertThat(dates.column("d").get(0)).isEqualTo(Arrays.asList(java.time.LocalDate.of(2024, 2, 29), null));
        assertThat(dates.column("c").get(0)).isEqualTo("[2024-02-29, NULL]");
        assertThat(DataFrame.of(Series.of("s", List.of("[1e3, -inf, nan]"))).select(col("s").cast(DataType.LIST_FLOAT64))
                .column("s").get(0)).isEqualTo(List.of(1000.0, Double.NEGATIVE_INFINITY, Double.NaN));
    }

    @Test
    void listsAreVectorsForDotProductsCosinesAndDistances() {
        DataFrame df = DataFrame.of(Series.of("a", Arrays.asList(List.of(1.0, 2.0, 2.0), List.of(3, 4), null, List.of())),
                Series.of("b", Arrays.asList(List.of(2.0, -1.0, 0.0), List.of(-6, -8), List.of(1.0), List.of())));
        DataFrame out = df.select(col("a").lst().dot(col("b")).alias("dot"), col("a").lst().cosineSimilarity(col("b")).alias("cos"),
                col("a").lst().distance(col("b")).alias("dist"), col("a").lst().measure("cosine_distance", col("b")).alias("cd"));
        assertThat(out.column("dot").toList()).containsExactly(0.0, -50.0, null, 0.0);
        assertThat(out.column("cos").toList()).containsExactly(0.0, -1.0, null, null);
        assertThat(out.column("dist").toList()).containsExactly(Math.sqrt(1 + 9 + 4), 15.0, null, 0.0);
        assertThat(out.column("cd").toList()).containsExactly(1.0, 2.0, null, null);
        // lists of other lengths, or null elements, are no vectors of one space
        DataFrame ragged = DataFrame.of(Series.of("a", List.of(List.of(1.0), List.of(1.0, 2.0))),
                Series.of("b", List.of(List.of(1.0), List.of(1.0))));
        assertThatThrownBy(() -> ragged.select(col("a").lst().dot(col("b"))))
                .hasMessageContaining("inner_product needs lists of one length, not 2 and 1 elements (row 1)");
        DataFrame holes = DataFrame.of(Series.of("a", List.of(Arrays.asList(1.0, null))), Series.of("b", List.of(List.of(1.0, 2.0))));
        assertThatThrownBy(() -> holes.select(col("a").lst().distance(col("b")))).hasMessageContaining("without null elements");
        assertThatThrownBy(() -> df.select(col("a").lst().measure("manhattan", col("b")))).hasMessageContaining("unknown measure");
        assertThatThrownBy(() -> DataFrame.of(Series.of("s", List.of(List.of("x")))).select(col("s").lst().dot(col("s"))))
                .hasMessageContaining("inner_product needs lists of numbers, not list[str]");
    }

    @Test
    void listsAreRefusedWhereValuesMustHashOrOrder() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L), Series.of("xs", List.of(List.of(1L), List.of(2L))));
        // lists group, are made unique and partition windows by their values (null elements equal)
        DataFrame three = DataFrame.of(Series.of("id", 1L, 2L, 3L, 4L), Series.of("xs", Arrays.asList(
                Arrays.asList(1L, null), List.of(2L), Arrays.asList(1L, null), null)));
        assertThat(three.groupBy("xs").agg(col("id").sum().alias("ids")).toMaps()).containsExactly(
                mapOf("xs", Arrays.asList(1L, null), "ids", 4L), mapOf("xs", List.of(2L), "ids", 2L),
                mapOf("xs", null, "ids", 4L));
        assertThat(three.unique().height()).isEqualTo(4);
        assertThat(three.unique("xs").column("id").toList()).containsExactly(1L, 2L, 4L);
        assertThat(three.select(col("id").count().over(col("xs")).alias("n")).column("n").toList())
                .containsExactly(2L, 1L, 2L, 1L);
        assertThat(three.select(col("xs").nUnique()).column("xs").toList()).containsExactly(3L); // null is a value
        // lists join on their values: the key column once, the other side's columns suffixed
        assertThat(df.join(df, "xs").toMaps()).containsExactly(mapOf("id", 1L, "xs", List.of(1L), "id_right", 1L),
                mapOf("id", 2L, "xs", List.of(2L), "id_right", 2L));
        DataFrame ints = DataFrame.of(Series.of("xs", List.of(List.of(2), List.of(5))), Series.of("tag", "two", "five"));
        assertThat(df.join(ints, dev.floe.frame.plan.JoinType.FULL, "xs").toMaps()).containsExactly(
                mapOf("id", 1L, "xs", List.of(1L), "tag", null), mapOf("id", 2L, "xs", List.of(2L), "tag", "two"),
                mapOf("id", null, "xs", List.of(5L), "tag", "five"));
        // lists sort element by element, a list before the longer ones it begins
        assertThat(df.sort("xs", true).column("id").toList()).containsExactly(2L, 1L);
        // lists compare with lists (element by element), not with their elements' type
        assertThat(df.filter(col("xs").eq(col("xs"))).height()).isEqualTo(2);
        assertThatThrownBy(() -> df.filter(col("xs").eq(col("id")))).hasMessageContaining("cannot compare list[i64]");
        assertThatThrownBy(() -> df.select(col("xs").sum())).hasMessageContaining("sum does not take lists");
        assertThat(df.select(col("xs").list()).schema().type("xs")).isEqualTo(DataType.listOf(DataType.LIST_INT64));
        assertThat(df.select(col("xs").min(), col("xs").max().alias("top")).toMaps()).containsExactly(
                mapOf("xs", List.of(1L), "top", List.of(2L)));
        assertThatThrownBy(() -> df.select(col("xs").cast(DataType.INT64))).hasMessageContaining("cannot cast list[i64] to i64");
        assertThatThrownBy(() -> df.select(col("id").cast(DataType.LIST_INT64))).hasMessageContaining("cannot cast i64 to list[i64]");
        assertThatThrownBy(() -> df.select(col("id").lst().len())).hasMessageContaining("list.len needs a list, not i64");
        assertThatThrownBy(() -> df.select(col("xs").lst().join(","))).hasMessageContaining("needs text elements");
        assertThatThrownBy(() -> df.select(col("xs").lst().contains("a"))).hasMessageContaining("cannot look for a");
        assertThatThrownBy(() -> col("x").topK(-1)).hasMessageContaining("k >= 0");
    }

    @Test
    void listOfBuildsOneListPerRowWithNullsAsElements() {
        DataFrame frame = DataFrame.of(Series.of("a", DataType.INT64, java.util.Arrays.asList(1L, null, 3L)),
                Series.of("b", DataType.INT64, java.util.Arrays.asList(10L, 20L, null)));
        DataFrame out = frame.lazy().select(dev.floe.frame.expr.Exprs.listOf(col("a"), col("b"), col("a")).alias("l"))
                .collect(new dev.floe.frame.exec.ExecutionConfig(3, 2));
        assertThat(out.schema().type("l")).isEqualTo(DataType.LIST_INT64);
        assertThat(out.get(0, "l")).isEqualTo(List.of(1L, 10L, 1L));
        assertThat(out.get(1, "l")).isEqualTo(java.util.Arrays.asList(null, 20L, null));
        assertThat(out.get(2, "l")).isEqualTo(java.util.Arrays.asList(3L, null, 3L));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> frame.lazy()
                .select(dev.floe.frame.expr.Exprs.listOf(col("a"), col("a").cast(DataType.FLOAT64))).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("must have one type");
    }

    @Test
    void sliceAgreesWithTheReferenceForEveryBound() {
        SplittableRandom random = new SplittableRandom(15);
        List<Object> lists = new ArrayList<>();
        List<Object> froms = new ArrayList<>();
        List<Object> tos = new ArrayList<>();
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L};
        for (int i = 0; i < 400; i++) {
            List<Object> l = new ArrayList<>();
            for (int e = 0, size = random.nextInt(0, 7); e < size; e++) {
                l.add(random.nextInt(5) == 0 ? null : "e" + e);
            }
            lists.add(random.nextInt(10) == 0 ? null : l);
            froms.add(random.nextInt(10) == 0 ? null
                    : random.nextInt(20) == 0 ? extremes[random.nextInt(4)] : (long) random.nextInt(-9, 10));
            tos.add(random.nextInt(10) == 0 ? null
                    : random.nextInt(20) == 0 ? extremes[random.nextInt(4)] : (long) random.nextInt(-9, 10));
        }
        DataFrame df = DataFrame.of(Series.of("l", DataType.LIST_UTF8, lists), Series.of("a", DataType.INT64, froms),
                Series.of("b", DataType.INT64, tos));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("l").lst().slice(col("a"), col("b")).alias("ab"),
                    col("l").lst().slice(2, -1).alias("tail"), col("l").lst().slice(col("a"), -1).alias("from"),
                    col("l").lst().slice(1, col("b")).alias("to")).collect(config);
            assertThat(out.schema().type("ab")).isEqualTo(DataType.LIST_UTF8);
            for (int i = 0; i < df.height(); i++) {
                @SuppressWarnings("unchecked") List<Object> l = (List<Object>) lists.get(i);
                Long a = (Long) froms.get(i);
                Long b = (Long) tos.get(i);
                String where = "row " + i + " " + l + "[" + a + ":" + b + "], " + config;
                assertThat(out.get(i, "ab")).as(where).isEqualTo(referenceSlice(l, a, b));
                assertThat(out.get(i, "tail")).as(where).isEqualTo(referenceSlice(l, 2L, -1L));
                assertThat(out.get(i, "from")).as(where).isEqualTo(referenceSlice(l, a, -1L));
                assertThat(out.get(i, "to")).as(where).isEqualTo(referenceSlice(l, 1L, b));
            }
        }
    }

    /**
     * DuckDB's rule, element by element: element {@code p} (from 1; {@code p - size - 1} from the
     * end) is kept when it lies at or after {@code from} and at or before {@code to}, each bound
     * read from the front when 0 or more and from the end when negative.
     */
    private static List<Object> referenceSlice(List<Object> list, Long from, Long to) {
        if (list == null || from == null || to == null) {
            return null;
        }
        List<Object> kept = new ArrayList<>();
        for (int p = 1; p <= list.size(); p++) {
            long fromEnd = p - list.size() - 1L;
            boolean afterStart = from >= 0 ? p >= from : fromEnd >= from;
            boolean beforeEnd = to >= 0 ? p <= to : fromEnd <= to;
            if (afterStart && beforeEnd) {
                kept.add(list.get(p - 1));
            }
        }
        return kept;
    }

    @Test
    void resizeCutsOrPadsEachListToItsRowsSizeWithItsRowsFill() {
        java.util.Random random = new java.util.Random(17);
        List<Object> lists = new ArrayList<>();
        List<Object> sizes = new ArrayList<>();
        List<Object> fills = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            List<Object> l = new ArrayList<>();
            for (int e = 0, size = random.nextInt(0, 6); e < size; e++) {
                l.add(random.nextInt(5) == 0 ? null : "e" + e);
            }
            lists.add(random.nextInt(10) == 0 ? null : l);
            sizes.add(random.nextInt(10) == 0 ? null : (long) random.nextInt(0, 8));
            fills.add(random.nextInt(4) == 0 ? null : "f" + i);
        }
        DataFrame df = DataFrame.of(Series.of("l", DataType.LIST_UTF8, lists), Series.of("n", DataType.INT64, sizes),
                Series.of("f", DataType.UTF8, fills));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("l").lst().resize(col("n"), col("f")).alias("filled"),
                    col("l").lst().resize(col("n")).alias("nulls"), col("l").lst().resize(2).alias("two")).collect(config);
            assertThat(out.schema().type("filled")).isEqualTo(DataType.LIST_UTF8);
            for (int i = 0; i < df.height(); i++) {
                @SuppressWarnings("unchecked") List<Object> l = (List<Object>) lists.get(i);
                Long n = (Long) sizes.get(i);
                String where = "row " + i + " " + l + " to " + n + ", " + config;
                assertThat(out.get(i, "filled")).as(where).isEqualTo(referenceResize(l, n, fills.get(i)));
                assertThat(out.get(i, "nulls")).as(where).isEqualTo(referenceResize(l, n, null));
                assertThat(out.get(i, "two")).as(where).isEqualTo(referenceResize(l, 2L, null));
            }
        }
    }

    /** DuckDB's list_resize: a null list stays null, a null size gives an empty list. */
    private static List<Object> referenceResize(List<Object> list, Long size, Object fill) {
        if (list == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int p = 0; size != null && p < size; p++) {
            out.add(p < list.size() ? list.get(p) : fill);
        }
        return out;
    }

    @Test
    void selectPicksThePlacesFromOneAndNullOutOfTheList() {
        DataFrame df = DataFrame.of(
                Series.of("xs", DataType.LIST_INT64, Arrays.asList(List.of(10L, 20L, 30L), List.of(4L), null, List.of())),
                Series.of("at", DataType.LIST_INT64, Arrays.asList(List.of(3L, 1L, 4L, 0L, -1L), List.of(1L, 1L),
                        List.of(1L), null)));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("xs").lst().select(col("at")).alias("s")).collect(config);
            FrameAssert.assertThat(out).hasColumnValues("s", Arrays.asList(30L, 10L, null, null, null), List.of(4L, 4L), null,
                    null);
        }
        DataFrame bad = DataFrame.of(Series.of("xs", DataType.LIST_INT64, Arrays.asList(List.of(1L), List.of(2L))),
                Series.of("at", DataType.LIST_INT64, Arrays.asList(List.of(1L), Arrays.asList(1L, null))));
        assertThatThrownBy(() -> bad.select(col("xs").lst().select(col("at")))).hasMessageContaining("NULL (row 1)");
    }

    @Test
    void resizeRefusesANegativeSizeNamingTheRowAndAFillOfAnotherType() {
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT64, Arrays.asList(List.of(1L), List.of(2L))),
                Series.of("n", 1L, -3L));
        assertThatThrownBy(() -> df.select(col("xs").lst().resize(col("n"))))
                .hasMessageContaining("cannot be resized to -3 elements (row 1)");
        assertThatThrownBy(() -> df.select(col("xs").lst().resize(2, 1.5)))
                .hasMessageContaining("fill value must be i64");
        FrameAssert.assertThat(df.select(col("xs").lst().resize(3, 0L).alias("r")))
                .hasColumnValues("r", List.of(1L, 0L, 0L), List.of(2L, 0L, 0L));
    }

    @Test
    void sliceTakesEmptyAndNullListsAndRefusesBoundsThatAreNotWholeNumbers() {
        DataFrame df = DataFrame.of(Series.of("id", 1L, 2L),
                Series.of("xs", DataType.LIST_INT64, Arrays.asList(List.of(1L, 2L, 3L), null)));
        DataFrame out = df.select(col("xs").lst().slice(-2, 5).alias("s"),
                Exprs.lit(List.of(), DataType.LIST_NULL).lst().slice(1, 2).alias("empty"),
                col("xs").lst().slice(Exprs.lit(null), 1).alias("nobound"));
        FrameAssert.assertThat(out).hasColumnValues("s", List.of(2L, 3L), null);
        FrameAssert.assertThat(out).hasColumnValues("empty", List.of(), List.of());
        FrameAssert.assertThat(out).hasColumnValues("nobound", null, null);
        assertThat(out.schema().type("empty")).isEqualTo(DataType.LIST_NULL);
        assertThatThrownBy(() -> df.select(col("xs").lst().slice(1.5, 2))).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> df.select(col("id").lst().slice(1, 2))).hasMessageContaining("needs a list, not i64");
    }

    @Test
    void concatAddsNothingForANullListAndIsNeverNull() {
        DataFrame df = DataFrame.of(Series.of("a", DataType.LIST_INT64, Arrays.asList(List.of(1L, 2L), null, null, List.of())),
                Series.of("b", DataType.LIST_INT64, Arrays.asList(List.of(3L), List.of(4L), null, List.of())));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("a").lst().concat(col("b"), col("a")).alias("c"),
                    col("a").lst().concat(Exprs.lit(List.of(), DataType.LIST_NULL).cast(DataType.LIST_INT64)).alias("e")).collect(config);
            FrameAssert.assertThat(out).hasColumnValues("c", List.of(1L, 2L, 3L, 1L, 2L), List.of(4L), List.of(), List.of());
            FrameAssert.assertThat(out).hasColumnValues("e", List.of(1L, 2L), List.of(), List.of(), List.of());
        }
        assertThatThrownBy(() -> df.select(col("a").lst().concat(col("a").cast(DataType.LIST_FLOAT64))))
                .hasMessageContaining("lists of one type");
    }

    /** An element order as a sort with nulls and NaN last; lists compared by the first difference, a prefix first. */
    private static int referenceOrder(List<Double> x, List<Double> y) {
        for (int k = 0; k < Math.min(x.size(), y.size()); k++) {
            Double u = x.get(k);
            Double v = y.get(k);
            int order;
            if (u == null || v == null) {
                order = u == v ? 0 : u == null ? 1 : -1;
            } else if (u.isNaN() || v.isNaN()) {
                order = u.isNaN() && v.isNaN() ? 0 : u.isNaN() ? 1 : -1;
            } else {
                order = u < v ? -1 : u > v ? 1 : 0; // -0.0 equals 0.0
            }
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    @Test
    void listsCompareElementByElementWithNullsAndNaNLast() {
        SplittableRandom random = new SplittableRandom(5);
        Double[] values = {null, Double.NaN, -0.0, 0.0, 1.0, 2.5};
        List<Object> xs = new ArrayList<>();
        List<Object> ys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            for (List<Object> side : List.of(xs, ys)) {
                if (random.nextInt(12) == 0) {
                    side.add(null);
                    continue;
                }
                List<Double> list = new ArrayList<>();
                for (int k = random.nextInt(0, 4); k > 0; k--) {
                    list.add(values[random.nextInt(values.length)]);
                }
                side.add(list);
            }
        }
        DataFrame frame = DataFrame.of(Series.of("x", DataType.LIST_FLOAT64, xs), Series.of("y", DataType.LIST_FLOAT64, ys));
        for (ExecutionConfig config : List.of(new ExecutionConfig(1, 7), new ExecutionConfig(3, 64))) {
            DataFrame out = frame.lazy().select(col("x").eq(col("y")).alias("eq"), col("x").lt(col("y")).alias("lt"),
                    col("x").ge(col("y")).alias("ge"), col("x").ne(col("y")).alias("ne")).collect(config);
            for (int i = 0; i < xs.size(); i++) {
                @SuppressWarnings("unchecked")
                List<Double> x = (List<Double>) xs.get(i);
                @SuppressWarnings("unchecked")
                List<Double> y = (List<Double>) ys.get(i);
                String what = x + " vs " + y;
                if (x == null || y == null) {
                    assertThat(out.get(i, "eq")).as(what).isNull();
                    continue;
                }
                int order = referenceOrder(x, y);
                assertThat(out.get(i, "eq")).as(what).isEqualTo(order == 0);
                assertThat(out.get(i, "lt")).as(what).isEqualTo(order < 0);
                assertThat(out.get(i, "ge")).as(what).isEqualTo(order >= 0);
                assertThat(out.get(i, "ne")).as(what).isEqualTo(order != 0);
            }
        }
    }
}
