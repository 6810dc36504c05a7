package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Joins of random frames, checked against a nested-loop join that follows the documented rules. */
class JoinPropertyTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 4), new ExecutionConfig(4, 3), new ExecutionConfig(2, 65_536));

    record Keys(List<String> left, List<String> right) {}

    private static final List<Keys> KEYS = List.of(
            new Keys(List.of("k"), List.of("rs")),           // cat with str
            new Keys(List.of("a"), List.of("re")),           // i32 with i8
            new Keys(List.of("a", "s"), List.of("ra", "rs")),
            new Keys(List.of("t"), List.of("rt")));

    static DataFrame rightFrame(SplittableRandom random, int rows) {
        return ExprPropertyTest.randomFrame(random, rows).select(col("a").alias("ra"), col("s").alias("rs"),
                col("e").alias("re"), col("t").alias("rt"), col("c"));
    }

    @Test
    void everyJoinKindAgreesWithANestedLoopJoin() {
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame left = ExprPropertyTest.randomFrame(random, random.nextInt(0, 40));
            DataFrame right = rightFrame(random, random.nextInt(0, 30));
            Keys keys = KEYS.get(random.nextInt(KEYS.size()));
            for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL, JoinType.SEMI,
                    JoinType.ANTI)) {
                List<List<Object>> expected = reference(left, right, keys, how);
                for (ExecutionConfig config : CONFIGS) {
                    DataFrame out = left.lazy().join(right.lazy(), keys.left(), keys.right(), how, "_right")
                            .collect(config);
                    List<List<Object>> actual = new ArrayList<>();
                    for (Row row : out) {
                        actual.add(row.toList());
                    }
                    assertThat(actual).as("seed %d, %s join on %s, %s", seed, how, keys, config).isEqualTo(expected);
                }
            }
        }
    }

    static List<List<Object>> reference(DataFrame left, DataFrame right, Keys keys, JoinType how) {
        List<List<Object>> rows = new ArrayList<>();
        boolean[] rightMatched = new boolean[right.height()];
        List<DataType> keyTypes = new ArrayList<>();
        for (int k = 0; k < keys.left().size(); k++) {
            keyTypes.add(Join.keyType(left.schema(), right.schema(), keys.left().get(k), keys.right().get(k)));
        }
        if (how == JoinType.RIGHT) {
            for (int r = 0; r < right.height(); r++) {
                boolean any = false;
                for (int l = 0; l < left.height(); l++) {
                    if (matches(left, l, right, r, keys)) {
                        any = true;
                        rows.add(row(left, l, right, r, keys, keyTypes, true));
                    }
                }
                if (!any) {
                    rows.add(row(left, -1, right, r, keys, keyTypes, true));
                }
            }
            return rows;
        }
        for (int l = 0; l < left.height(); l++) {
            List<Integer> matches = new ArrayList<>();
            for (int r = 0; r < right.height(); r++) {
                if (matches(left, l, right, r, keys)) {
                    matches.add(r);
                    rightMatched[r] = true;
                }
            }
            switch (how) {
                case SEMI, ANTI -> {
                    if (!matches.isEmpty() == (how == JoinType.SEMI)) {
                        rows.add(left.row(l).toList());
                    }
                }
                default -> {
                    for (int r : matches) {
                        rows.add(row(left, l, right, r, keys, keyTypes, how == JoinType.FULL));
                    }
                    if (matches.isEmpty() && how != JoinType.INNER) {
                        rows.add(row(left, l, right, -1, keys, keyTypes, how == JoinType.FULL));
                    }
                }
            }
        }
        if (how == JoinType.FULL) {
            for (int r = 0; r < right.height(); r++) {
                if (!rightMatched[r]) {
                    rows.add(row(left, -1, right, r, keys, keyTypes, true));
                }
            }
        }
        return rows;
    }

    private static boolean matches(DataFrame left, int l, DataFrame right, int r, Keys keys) {
        for (int k = 0; k < keys.left().size(); k++) {
            Object a = left.get(l, keys.left().get(k));
            Object b = right.get(r, keys.right().get(k));
            if (a == null || b == null) {
                return false;
            }
            boolean equal = a instanceof Number x && b instanceof Number y ? x.longValue() == y.longValue()
                    : Objects.equals(a, b);
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    /** The output row: left columns (keys coalesced when asked), then right non-key columns. */
    private static List<Object> row(DataFrame left, int l, DataFrame right, int r, Keys keys, List<DataType> keyTypes,
            boolean coalesceKeys) {
        List<Object> values = new ArrayList<>();
        for (String name : left.columns()) {
            int key = keys.left().indexOf(name);
            Object value = l < 0 ? null : left.get(l, name);
            if (key >= 0 && coalesceKeys) {
                DataType type = keyTypes.get(key);
                if (value == null && r >= 0) {
                    value = right.get(r, keys.right().get(key));
                }
                value = ReferenceEvaluator.convert(value, type);
            }
            values.add(value);
        }
        for (String name : right.columns()) {
            if (!keys.right().contains(name)) {
                values.add(r < 0 ? null : right.get(r, name));
            }
        }
        return values;
    }

    @Test
    void probeBatchesWithMoreMatchesThanAnOutputBatchKeepEveryPairInOrder() {
        // unique build keys, probed by one batch of 300,000 rows of which some 120,000 match (more
        // than an output batch holds), null probe keys stored over a value the build side has;
        // keys near together (an array) and spread out (a table behind a bitmap), as i32 and i64
        for (long spread : new long[] {1, 997}) {
            for (DataType type : List.of(DataType.INT32, DataType.INT64)) {
                int buildRows = 1_000;
                List<Object> rightKeys = new ArrayList<>();
                for (int r = 0; r < buildRows; r++) {
                    rightKeys.add(key(type, (int) (r * spread)));
                }
                int probeRows = 300_000;
                List<Object> leftKeys = new ArrayList<>();
                for (int i = 0; i < probeRows; i++) {
                    leftKeys.add(i % 5 == 0 ? null : key(type, (int) ((i % 2_000) * spread)));
                }
                DataFrame left = DataFrame.of(Series.of("k", type, leftKeys)).withRowIndex("l");
                DataFrame right = DataFrame.of(Series.of("k", type, rightKeys)).withRowIndex("r");
                List<Object> expectedLeft = new ArrayList<>();
                List<Object> expectedRight = new ArrayList<>();
                for (int i = 0; i < probeRows; i++) {
                    if (i % 5 != 0 && i % 2_000 < buildRows) {
                        expectedLeft.add((long) i);
                        expectedRight.add((long) (i % 2_000));
                    }
                }
                for (ExecutionConfig config : List.of(new ExecutionConfig(1, probeRows), new ExecutionConfig(2, 70_000))) {
                    DataFrame inner = left.lazy().join(right.lazy(), JoinType.INNER, "k").collect(config);
                    assertThat(inner.column("l").toList()).as("%s, spread %d, %s", type, spread, config)
                            .isEqualTo(expectedLeft);
                    assertThat(inner.column("r").toList()).isEqualTo(expectedRight);
                    DataFrame semi = left.lazy().join(right.lazy(), JoinType.SEMI, "k").collect(config);
                    assertThat(semi.column("l").toList()).as("semi, %s, spread %d, %s", type, spread, config)
                            .isEqualTo(expectedLeft);
                }
            }
        }
    }

    @Test
    void probeRowsThatEachMatchOnceComeThroughInOrderWithTheirValues() {
        // every probe row finds one build row (a foreign key joined with a primary key): the probe
        // columns go through as slices of the batch, over several output batches a probe batch
        for (long spread : new long[] {1, 997}) {
            int buildRows = 5_000;
            long[] buildKeys = new long[buildRows];
            String[] names = new String[buildRows];
            for (int r = 0; r < buildRows; r++) {
                buildKeys[r] = r * spread;
                names[r] = "n" + r;
            }
            int probeRows = 300_000;
            long[] probeKeys = new long[probeRows];
            List<String> texts = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < probeRows; i++) {
                probeKeys[i] = (long) (i * 7 % buildRows) * spread;
                texts.add(i % 11 == 0 ? null : "t" + i);
                values.add(i % 13 == 0 ? null : (long) i * 3);
            }
            DataFrame left = DataFrame.of(Series.of("k", probeKeys), Series.of("text", DataType.UTF8, new ArrayList<>(texts)),
                    Series.of("v", DataType.INT64, new ArrayList<>(values))).withRowIndex("l");
            DataFrame right = DataFrame.of(Series.of("k", buildKeys), Series.of("name", names));
            for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT)) {
                for (ExecutionConfig config : List.of(new ExecutionConfig(1, probeRows), new ExecutionConfig(2, 70_000))) {
                    DataFrame joined = left.lazy().join(right.lazy(), how, "k").collect(config);
                    assertThat(joined.height()).isEqualTo(probeRows);
                    List<Object> l = joined.column("l").toList();
                    List<Object> text = joined.column("text").toList();
                    List<Object> v = joined.column("v").toList();
                    List<Object> name = joined.column("name").toList();
                    for (int i = 0; i < probeRows; i++) {
                        assertThat(l.get(i)).as("%s, spread %d, %s, row %d", how, spread, config, i).isEqualTo((long) i);
                        assertThat(text.get(i)).isEqualTo(texts.get(i));
                        assertThat(v.get(i)).isEqualTo(values.get(i));
                        assertThat(name.get(i)).isEqualTo("n" + (i * 7 % buildRows));
                    }
                }
            }
        }
    }

    @Test
    void largeJoinsOnEveryKeyTypeMatchAHashMapReference() {
        SplittableRandom random = new SplittableRandom(11);
        int leftRows = 12_000;
        int rightRows = 20_000;
        for (DataType type : List.of(DataType.UTF8, DataType.INT64, DataType.FLOAT64, DataType.INT32)) {
            List<Object> leftKeys = new ArrayList<>();
            List<Object> rightKeys = new ArrayList<>();
            for (int i = 0; i < leftRows; i++) {
                leftKeys.add(random.nextInt(40) == 0 ? null : key(type, random.nextInt(6_000)));
            }
            for (int i = 0; i < rightRows; i++) {
                rightKeys.add(random.nextInt(40) == 0 ? null : key(type, random.nextInt(6_000)));
            }
            DataFrame left = DataFrame.of(Series.of("k", type, leftKeys)).withRowIndex("l");
            DataFrame right = DataFrame.of(Series.of("k", type, rightKeys)).withRowIndex("r");
            java.util.Map<Object, List<Long>> byKey = new java.util.HashMap<>();
            for (int i = 0; i < rightRows; i++) {
                if (rightKeys.get(i) != null) {
                    byKey.computeIfAbsent(rightKeys.get(i), x -> new ArrayList<>()).add((long) i);
                }
            }
            for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.FULL, JoinType.SEMI, JoinType.ANTI)) {
                List<Long> expectedLeft = new ArrayList<>();
                List<Long> expectedRight = new ArrayList<>();
                java.util.Set<Long> matchedRight = new java.util.HashSet<>();
                for (int i = 0; i < leftRows; i++) {
                    List<Long> matches = leftKeys.get(i) == null ? List.of() : byKey.getOrDefault(leftKeys.get(i), List.of());
                    if (how == JoinType.SEMI || how == JoinType.ANTI) {
                        if (matches.isEmpty() == (how == JoinType.ANTI)) {
                            expectedLeft.add((long) i);
                        }
                        continue;
                    }
                    for (long r : matches) {
                        expectedLeft.add((long) i);
                        expectedRight.add(r);
                        matchedRight.add(r);
                    }
                    if (matches.isEmpty() && how != JoinType.INNER) {
                        expectedLeft.add((long) i);
                        expectedRight.add(null);
                    }
                }
                if (how == JoinType.FULL) {
                    for (long r = 0; r < rightRows; r++) {
                        if (!matchedRight.contains(r)) {
                            expectedLeft.add(null);
                            expectedRight.add(r);
                        }
                    }
                }
                for (ExecutionConfig config : CONFIGS) {
                    DataFrame out = left.lazy().join(right.lazy(), how, "k").collect(config);
                    assertThat(out.column("l").toList()).as("%s, %s, %s", type, how, config).isEqualTo(expectedLeft);
                    if (how != JoinType.SEMI && how != JoinType.ANTI) {
                        assertThat(out.column("r").toList()).as("%s, %s, %s", type, how, config)
                                .isEqualTo(expectedRight);
                    }
                }
            }
        }
    }

    private static Object key(DataType type, int id) {
        return switch (type.id()) {
            case UTF8 -> "key-" + id + "-".repeat(id % 30);
            case INT64 -> id * 1_000_003L;
            case FLOAT64 -> id / 8.0;
            default -> id - 2_500;
        };
    }

    @Test
    void columnsFollowTheRules() {
        DataFrame people = DataFrame.of(Series.of("id", 1L, 2L, 3L), Series.of("name", "ann", "bo", "cy"));
        DataFrame scores = DataFrame.of(Series.of("id", 2L, 3L, 3L, 4L), Series.of("name", "x", "y", "z", "w"),
                Series.of("score", 20, 30, 31, 40));
        FrameAssert.assertThat(people.join(scores, "id")).hasColumns("id", "name", "name_right", "score")
                .hasRows(new Object[] {2L, "bo", "x", 20}, new Object[] {3L, "cy", "y", 30},
                        new Object[] {3L, "cy", "z", 31});
        FrameAssert.assertThat(people.join(scores, JoinType.FULL, "id")).hasColumnValues("id", 1L, 2L, 3L, 3L, 4L);
        FrameAssert.assertThat(people.join(scores, JoinType.ANTI, "id")).hasColumns("id", "name").hasHeight(1);
        FrameAssert.assertThat(people.crossJoin(scores.select("score"))).hasShape(12, 3).hasRow(1, 1L, "ann", 30);
        assertThat(people.lazy().join(scores.lazy(), "id").explain()).startsWith("INNER JOIN ON [id] = [id]");
    }

    @Test
    void keyMistakesAreNamed() {
        LazyFrame a = DataFrame.of(Series.of("id", 1L), Series.of("s", "x")).lazy();
        LazyFrame b = DataFrame.of(Series.of("id", "1"), Series.of("v", 2.0)).lazy();
        assertThatThrownBy(() -> a.join(b, "id")).isInstanceOf(SchemaException.class)
                .hasMessage("cannot join left 'id' (i64) with right 'id' (str): no type holds both");
        assertThatThrownBy(() -> a.join(b, List.of("id", "s"), List.of("v"), JoinType.INNER, "_r"))
                .hasMessageContaining("they pair up");
        assertThatThrownBy(() -> a.join(b, "nope")).isInstanceOf(ColumnNotFoundException.class);
        assertThatThrownBy(() -> a.join(b, JoinType.INNER)).hasMessageContaining("at least one key");
        assertThat(Arrays.asList(JoinType.values())).hasSize(7);
    }
    /**
     * Integer keys in a narrow range are looked up in an array indexed by the value: ranges at
     * the ends of {@code long}, probe values far outside the range (whose difference from it
     * overflows), nulls, i32 keys against i64 ones, and a range just too wide for the array (the
     * hash table then) all give the nested-loop join's rows.
     */
    @Test
    void keysInANarrowRangeAndProbesFarOutsideItJoinExactly() {
        long max = Long.MAX_VALUE;
        long min = Long.MIN_VALUE;
        List<List<Long>> buildKeySets = List.of(
                Arrays.asList(max, max - 1, max - 3, null, max),
                Arrays.asList(min, min + 2, min + 1, min),
                Arrays.asList(-2L, 0L, 5L, 5L, null, 3L),
                Arrays.asList(0L, 8L * 3 + 1024 + 5, 7L)); // 1,034 apart over 3 keys: too wide for the array
        List<Long> probes = Arrays.asList(min, min + 1, min + 3, -2L, -1L, 0L, 3L, 5L, 7L, 1029L, 1030L, max - 3,
                max - 2, max, null);
        for (List<Long> buildKeys : buildKeySets) {
            DataFrame right = DataFrame.of(Series.of("rk", DataType.INT64, new ArrayList<>(buildKeys))).withRowIndex("r");
            List<DataFrame> lefts = new ArrayList<>();
            lefts.add(DataFrame.of(Series.of("k", DataType.INT64, new ArrayList<>(probes))).withRowIndex("l"));
            List<Object> small = new ArrayList<>();
            for (Long probe : probes) {
                small.add(probe == null || probe != (int) (long) probe ? null : (int) (long) probe);
            }
            lefts.add(DataFrame.of(Series.of("k", DataType.INT32, small)).withRowIndex("l"));
            for (DataFrame left : lefts) {
                Keys keys = new Keys(List.of("k"), List.of("rk"));
                for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL,
                        JoinType.SEMI, JoinType.ANTI)) {
                    List<List<Object>> expected = reference(left, right, keys, how);
                    for (ExecutionConfig config : CONFIGS) {
                        List<List<Object>> actual = new ArrayList<>();
                        for (Row row : left.lazy().join(right.lazy(), keys.left(), keys.right(), how, "_right")
                                .collect(config)) {
                            actual.add(row.toList());
                        }
                        assertThat(actual).as("%s join of %s with %s", how, left.column("k").toList(), buildKeys)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }
}
