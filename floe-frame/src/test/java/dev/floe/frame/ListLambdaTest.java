package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code lst().transform}, {@code filter} and {@code reduce}: functions run over each list's elements. */
class ListLambdaTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 3), new ExecutionConfig(3, 5), new ExecutionConfig(2, 65_536));

    @Test
    void randomListsAgreeWithAReferenceLoop() {
        SplittableRandom random = new SplittableRandom(20261205);
        int rows = 400;
        List<Object> lists = new ArrayList<>();
        List<Object> ks = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (random.nextInt(8) == 0) {
                lists.add(null);
            } else {
                List<Object> list = new ArrayList<>();
                for (int e = random.nextInt(7); e > 0; e--) {
                    list.add(random.nextInt(6) == 0 ? null : (long) random.nextInt(-50, 50));
                }
                lists.add(list);
            }
            ks.add(random.nextInt(5) == 0 ? null : (long) random.nextInt(-3, 4));
        }
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT64, lists), Series.of("k", DataType.INT64, ks));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(
                    col("xs").lst().transform(x -> x.mul(col("k")).add(1)).alias("scaled"),
                    col("xs").lst().transform((x, i) -> x.sub(i)).alias("minus_place"),
                    col("xs").lst().filter(x -> x.gt(col("k"))).alias("above_k"),
                    col("xs").lst().filter((x, i) -> i.mod(2).eq(0)).alias("even_places"),
                    col("xs").lst().reduce(0L, (acc, x) -> acc.add(x.fillNull(0L))).alias("total"),
                    col("xs").lst().transform(x -> x.isNull()).alias("nulls"))
                    .collect(config);
            for (int i = 0; i < rows; i++) {
                @SuppressWarnings("unchecked") List<Object> list = (List<Object>) lists.get(i);
                Long k = (Long) ks.get(i);
                String where = "row " + i + ", " + config;
                if (list == null) {
                    assertThat(out.row(i).toList()).as(where).containsOnlyNulls();
                    continue;
                }
                List<Object> scaled = new ArrayList<>();
                List<Object> minusPlace = new ArrayList<>();
                List<Object> aboveK = new ArrayList<>();
                List<Object> evenPlaces = new ArrayList<>();
                List<Object> nulls = new ArrayList<>();
                long total = 0;
                for (int e = 0; e < list.size(); e++) {
                    Long x = (Long) list.get(e);
                    scaled.add(x == null || k == null ? null : x * k + 1);
                    minusPlace.add(x == null ? null : x - (e + 1));
                    if (x != null && k != null && x > k) {
                        aboveK.add(x);
                    }
                    if ((e + 1) % 2 == 0) {
                        evenPlaces.add(x);
                    }
                    nulls.add(x == null);
                    total += x == null ? 0 : x;
                }
                assertThat(out.get(i, "scaled")).as(where).isEqualTo(scaled);
                assertThat(out.get(i, "minus_place")).as(where).isEqualTo(minusPlace);
                assertThat(out.get(i, "above_k")).as(where).isEqualTo(aboveK);
                assertThat(out.get(i, "even_places")).as(where).isEqualTo(evenPlaces);
                assertThat(out.get(i, "total")).as(where).isEqualTo(total);
                assertThat(out.get(i, "nulls")).as(where).isEqualTo(nulls);
            }
        }
    }

    @Test
    void aggregationsOfEachListAgreeWithAGroupByOfItsElements() {
        SplittableRandom random = new SplittableRandom(5);
        List<Object> lists = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add((long) i);
            List<Object> list = new ArrayList<>();
            for (int e = 1 + random.nextInt(9); e > 0; e--) {
                list.add(random.nextInt(7) == 0 ? null : random.nextInt(-1000, 1000) / 8.0);
            }
            lists.add(list);
        }
        DataFrame df = DataFrame.of(Series.of("id", DataType.INT64, ids), Series.of("xs", DataType.LIST_FLOAT64, lists));
        DataFrame grouped = df.lazy().explode("xs").groupBy("id").agg(col("xs").std().alias("std"),
                col("xs").mean().alias("mean"), col("xs").max().sub(col("xs").min()).alias("range"),
                col("xs").count().alias("n"), col("xs").median().alias("median")).collect().sort("id");
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(col("id"), col("xs").lst().agg(x -> x.std()).alias("std"),
                    col("xs").lst().agg(x -> x.mean()).alias("mean"),
                    col("xs").lst().agg(x -> x.max().sub(x.min())).alias("range"),
                    col("xs").lst().agg(x -> x.count()).alias("n"), col("xs").lst().agg(x -> x.median()).alias("median"))
                    .collect(config);
            for (String column : List.of("std", "mean", "range", "n", "median")) {
                assertThat(out.column(column).toList()).as(column + ", " + config)
                        .isEqualTo(grouped.column(column).toList());
            }
        }
        DataFrame withNull = DataFrame.of(Series.of("xs", DataType.LIST_INT64, Arrays.asList(List.of(1L, 2L), List.of(), null)));
        DataFrame sums = withNull.lazy().select(col("xs").lst().agg(x -> x.sum()).alias("s"),
                col("xs").lst().agg(x -> x.count()).alias("n")).collect();
        assertThat(sums.column("s").toList()).containsExactly(3L, 0L, null);
        assertThat(sums.column("n").toList()).containsExactly(2L, 0L, null);
        assertThatThrownBy(() -> col("xs").lst().agg(x -> x.add(1)))
                .hasMessageContaining("list_aggregate needs an aggregation of the elements");
        assertThatThrownBy(() -> col("xs").lst().agg(x -> x.sum().add(x)))
                .hasMessageContaining("reads the element only inside an aggregation");
    }

    @Test
    void aLambdasValuesAggregateInGroups() {
        DataFrame df = DataFrame.of(Series.of("g", 1L, 1L, 2L),
                Series.of("xs", DataType.LIST_INT64, List.of(List.of(1L, 2L), List.of(3L), List.of(4L, 5L))));
        DataFrame out = df.lazy().groupBy("g").agg(col("xs").lst().reduce((acc, x) -> acc.add(x)).list().alias("sums"),
                col("xs").lst().agg(x -> x.max()).sum().alias("maxima")).collect().sort("g");
        assertThat(out.column("sums").toList()).containsExactly(List.of(3L, 3L), List.of(9L));
        assertThat(out.column("maxima").toList()).containsExactly(5L, 5L);
    }

    @Test
    void reduceFoldsListsOfEveryLengthInOrder() {
        SplittableRandom random = new SplittableRandom(77);
        List<Object> lists = new ArrayList<>();
        List<Object> ks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ks.add((long) random.nextInt(5));
            if (random.nextInt(10) == 0) {
                lists.add(null);
                continue;
            }
            List<Object> list = new ArrayList<>();
            // mostly short lists, some long ones: the longest come first in the fold's order
            for (int e = 1 + (random.nextInt(8) == 0 ? random.nextInt(60) : random.nextInt(4)); e > 0; e--) {
                list.add(random.nextInt(9) == 0 ? null : (long) random.nextInt(-9, 10));
            }
            lists.add(list);
        }
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT64, lists), Series.of("k", DataType.INT64, ks));
        for (ExecutionConfig config : CONFIGS) {
            DataFrame out = df.lazy().select(
                    col("xs").lst().reduce((acc, x) -> x.fillNull(col("k")).sub(acc)).alias("h"),
                    col("xs").lst().reduce(col("k"), (acc, x) -> acc.sub(x).abs()).alias("d")).collect(config);
            for (int i = 0; i < lists.size(); i++) {
                @SuppressWarnings("unchecked") List<Object> list = (List<Object>) lists.get(i);
                long k = (Long) ks.get(i);
                if (list == null) {
                    assertThat(out.row(i).toList()).as("row %d", i).containsOnlyNulls();
                    continue;
                }
                // an alternating sum from the last element back: wrong wherever a step is taken out of order
                Long h = (Long) list.get(0);
                Long d = k;
                for (int e = 0; e < list.size(); e++) {
                    Long x = (Long) list.get(e);
                    if (e > 0) {
                        h = h == null ? null : (x == null ? k : x) - h;
                    }
                    d = d == null || x == null ? null : Math.abs(d - x);
                }
                assertThat(out.get(i, "h")).as("row %d, %s", i, config).isEqualTo(h);
                assertThat(out.get(i, "d")).as("row %d, %s", i, config).isEqualTo(d);
            }
        }
    }

    @Test
    void reduceFoldsFromTheFirstElementInOrder() {
        DataFrame df = DataFrame.of(Series.of("t", DataType.LIST_UTF8,
                Arrays.asList(List.of("a", "b", "c"), List.of("z"), null, Arrays.asList("p", null, "q"))));
        DataFrame out = df.lazy().select(
                col("t").lst().reduce((acc, x) -> acc.str().concat(lit("-")).str().concat(x)).alias("joined"),
                col("t").lst().reduce(">", (acc, x) -> x.str().concat(acc)).alias("reversed"))
                .collect();
        assertThat(out.column("joined").toList()).containsExactly("a-b-c", "z", null, null);
        assertThat(out.column("reversed").toList()).containsExactly("cba>", "z>", null, null);
    }

    @Test
    void reduceKeepsTheTypeTheInitialValueAndElementsFit() {
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT32, List.of(List.of(1, 2, 3), List.of())));
        DataFrame out = df.lazy().select(col("xs").lst().reduce(0.5, (acc, x) -> acc.add(x)).alias("sum"),
                col("xs").lst().transform(x -> x.cast(DataType.FLOAT64).div(2)).alias("halves")).collect();
        assertThat(out.schema().type("sum")).isEqualTo(DataType.FLOAT64);
        assertThat(out.column("sum").toList()).containsExactly(6.5, 0.5);
        assertThat(out.column("halves").toList()).containsExactly(List.of(0.5, 1.0, 1.5), List.of());
        assertThat(out.schema().type("halves")).isEqualTo(DataType.LIST_FLOAT64);
    }

    @Test
    void lambdasNestAndReadTheOuterElement() {
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT64, List.of(List.of(1L, 2L), List.of(3L))),
                Series.of("ys", DataType.LIST_INT64, List.of(List.of(10L, 20L, 30L), List.of(1L))));
        // each x times the sum of the ys above x: the inner lambda reads the outer one's element
        Expr nested = col("xs").lst().transform(x -> col("ys").lst().filter(y -> y.gt(x.mul(10))).lst().sum().mul(x));
        DataFrame out = df.lazy().select(nested.alias("n")).collect();
        assertThat(out.column("n").toList()).containsExactly(List.of(50L, 60L), List.of(0L));
        assertThat(nested.toString()).contains("@element1").contains("@element");
    }

    @Test
    void aColumnNamedLikeAParameterIsStillTheColumn() {
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT64, List.of(List.of(1L, 2L))),
                Series.of("@element", 100L));
        DataFrame out = df.lazy().select(col("xs").lst().transform(x -> x.add(col("@element"))).alias("r")).collect();
        assertThat(out.column("r").toList()).containsExactly(List.of(101L, 102L));
    }

    @Test
    void badLambdasAreRefusedByName() {
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT64, Arrays.asList(List.of(1L), List.of(), null)),
                Series.of("n", 1L, 2L, 3L), Series.of("big", Long.MAX_VALUE, 0L, 0L));
        assertThatThrownBy(() -> df.lazy().select(col("xs").lst().reduce((a, x) -> a.add(x))).collect())
                .isInstanceOf(FloeException.class).hasMessageContaining("list_reduce of an empty list, in row 1");
        // the third element of the batch overflows: the message names its list's row, 1
        DataFrame wide = DataFrame.of(Series.of("xs", DataType.LIST_INT64, List.of(List.of(1L, 2L), List.of(3L))),
                Series.of("big", 0L, Long.MAX_VALUE));
        assertThatThrownBy(() -> wide.lazy().select(col("xs").lst().transform(x -> x.add(col("big")))).collect())
                .hasMessageContaining("row 1").hasMessageNotContaining("row 2");
        assertThatThrownBy(() -> df.lazy().select(col("xs").lst().filter(x -> x.add(1))).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("must be true or false");
        assertThatThrownBy(() -> df.lazy().select(col("n").lst().transform(x -> x)).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("list_transform needs a list, not i64");
        assertThatThrownBy(() -> df.lazy().select(col("xs").lst().transform(x -> x.sum())).collect())
                .hasMessageContaining("cannot hold an aggregation");
        assertThatThrownBy(() -> df.lazy().select(col("xs").lst().reduce("a", (a, x) -> a.add(x))).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("have no common type");
    }

    @Test
    void capturedColumnsFollowRenamesAndFilters() {
        DataFrame df = DataFrame.of(Series.of("xs", DataType.LIST_INT64, List.of(List.of(1L, 2L), List.of(3L), List.of(4L))),
                Series.of("k", 10L, 20L, 30L));
        DataFrame out = df.lazy().withColumns(col("k").mul(2).alias("k2")).filter(col("k").gt(10))
                .select(col("xs").lst().transform(x -> x.add(col("k2"))).alias("r")).collect();
        assertThat(out.column("r").toList()).containsExactly(List.of(43L), List.of(64L));
    }
}
