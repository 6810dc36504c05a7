package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.WindowFrame;
import dev.floe.frame.expr.WindowFrame.Bound;
import dev.floe.frame.expr.WindowFrame.Exclude;
import dev.floe.frame.expr.WindowFrame.Kind;
import dev.floe.frame.expr.WindowFrame.Unit;
import dev.floe.frame.plan.SortKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Window frames (ROWS, RANGE, GROUPS, EXCLUDE) on random frames, checked against a reference that
 * decides row by row, from the frame's definition, which rows each frame holds.
 */
class WindowFrameTest {
    @Test
    void framedAggregationsMatchTheReferenceOnRandomFrames() {
        for (long seed = 1; seed <= 150; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 60));
            WindowFrame windowFrame = randomFrame(random);
            boolean descending = random.nextBoolean();
            boolean nullsLast = random.nextBoolean();
            SortKey key = descending ? SortKey.desc("a") : SortKey.asc("a");
            key = nullsLast ? key.nullsLast() : key.nullsFirst();
            ExecutionConfig config = random.nextBoolean() ? new ExecutionConfig(3, 8) : new ExecutionConfig(1, 7);
            DataFrame out = frame.lazy().withColumns(
                    col("h").sum().over("k").orderBy(key).frame(windowFrame).alias("sum"),
                    col("h").count().over("k").orderBy(key).frame(windowFrame).alias("count"),
                    Exprs.len().over("k").orderBy(key).frame(windowFrame).alias("len"),
                    col("h").min().over("k").orderBy(key).frame(windowFrame).alias("min"),
                    col("c").max().over("k").orderBy(key).frame(windowFrame).alias("max"),
                    col("h").mean().over("k").orderBy(key).frame(windowFrame).alias("mean"),
                    col("s").first().over("k").orderBy(key).frame(windowFrame).alias("first"),
                    col("s").lastNonNull().over("k").orderBy(key).frame(windowFrame).alias("last"),
                    col("s").nthValue(2).over("k").orderBy(key).frame(windowFrame).alias("second"))
                    .collect(config);
            Comparator<Integer> order = comparator(frame, descending, nullsLast);
            int n = frame.height();
            for (int r = 0; r < n; r++) {
                List<Integer> partition = sortedPartition(frame, r, order);
                List<Integer> rows = frameRows(frame, partition, partition.indexOf(r), windowFrame, order, descending,
                        nullsLast);
                String where = "seed " + seed + ", row " + r + ", " + windowFrame + ", " + key;
                List<Short> h = rows.stream().map(x -> (Short) frame.get(x, "h")).filter(Objects::nonNull).toList();
                assertThat(out.get(r, "count")).as(where).isEqualTo((long) h.size());
                assertThat(out.get(r, "len")).as(where).isEqualTo((long) rows.size());
                assertThat(out.get(r, "sum")).as(where)
                        .isEqualTo(h.isEmpty() ? null : h.stream().mapToLong(Short::longValue).sum());
                assertThat(out.get(r, "min")).as(where)
                        .isEqualTo(h.isEmpty() ? null : h.stream().min(Comparator.naturalOrder()).get());
                Double mean = (Double) out.get(r, "mean");
                if (h.isEmpty()) {
                    assertThat(mean).as(where).isNull();
                } else {
                    assertThat(mean).as(where).isCloseTo(h.stream().mapToLong(Short::longValue).average().orElseThrow(),
                            Offset.offset(1e-9));
                }
                List<Double> c = rows.stream().map(x -> (Double) frame.get(x, "c")).filter(Objects::nonNull).toList();
                Double max = c.stream().filter(v -> !v.isNaN()).max(Comparator.naturalOrder())
                        .orElse(c.isEmpty() ? null : Double.NaN);
                assertThat(out.get(r, "max")).as(where).isEqualTo(max);
                assertThat(out.get(r, "first")).as(where).isEqualTo(rows.isEmpty() ? null : frame.get(rows.get(0), "s"));
                List<Object> s = rows.stream().map(x -> frame.get(x, "s")).filter(Objects::nonNull).toList();
                assertThat(out.get(r, "last")).as(where).isEqualTo(s.isEmpty() ? null : s.get(s.size() - 1));
                assertThat(out.get(r, "second")).as(where).isEqualTo(rows.size() < 2 ? null : frame.get(rows.get(1), "s"));
            }
        }
    }

    /**
     * The rows of row {@code r}'s partition (by k) in the window's order; a stable sort, so ties keep
     * input order, as the engine's sort does.
     */
    private static List<Integer> sortedPartition(DataFrame frame, int r, Comparator<Integer> order) {
        Object k = frame.get(r, "k");
        List<Integer> partition = new ArrayList<>();
        for (int x = 0; x < frame.height(); x++) {
            if (Objects.equals(frame.get(x, "k"), k)) {
                partition.add(x);
            }
        }
        partition.sort(order);
        return partition;
    }

    @Test
    void aFrameWithoutOrderFollowsInputOrderAndAllRowsArePeers() {
        DataFrame frame = DataFrame.of(Series.of("v", DataType.INT64, List.of(1L, 2L, 4L, 8L)));
        DataFrame out = frame.lazy().withColumns(
                col("v").sum().over().frame(WindowFrame.rows(Bound.preceding(1), Bound.currentRow())).alias("pairs"),
                col("v").sum().over().frame(WindowFrame.range(Bound.currentRow(), Bound.currentRow())).alias("peers"),
                col("v").first().over().alias("first"),
                col("v").last().over().alias("last"))
                .collect();
        assertThat(out.column("pairs").toList()).containsExactly(1L, 3L, 6L, 12L);
        assertThat(out.column("peers").toList()).containsExactly(15L, 15L, 15L, 15L);
        assertThat(out.column("first").toList()).containsExactly(1L, 1L, 1L, 1L);
        assertThat(out.column("last").toList()).containsExactly(8L, 8L, 8L, 8L);
    }

    @Test
    void integerSumsOverFramesAreExactOrFailByName() {
        DataFrame frame = DataFrame.of(Series.of("i", DataType.INT64, List.of(1L, 2L, 3L)),
                Series.of("v", DataType.INT64, List.of(Long.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE)));
        WindowFrame pairs = WindowFrame.rows(Bound.preceding(1), Bound.currentRow());
        DataFrame exact = frame.lazy().withColumns(col("v").cast(DataType.INT128).sum().over().orderBy("i").frame(pairs)
                .alias("s")).collect();
        assertThat(exact.column("s").toList()).containsExactly(java.math.BigInteger.valueOf(Long.MAX_VALUE),
                java.math.BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1), java.math.BigInteger.ZERO);
        assertThatThrownBy(() -> frame.lazy().withColumns(col("v").sum().over().orderBy("i").frame(pairs).alias("s"))
                .collect()).isInstanceOf(OutOfRangeException.class)
                .hasMessageContaining("does not fit i64").hasMessageContaining("cast the values to it");
        // a sum that passes through a large value and back fits: only each frame's sum counts
        DataFrame back = frame.lazy().withColumns(col("v").sum().over().orderBy("i")
                .frame(WindowFrame.rows(Bound.currentRow(), Bound.currentRow())).alias("s")).collect();
        assertThat(back.column("s").toList()).containsExactly(Long.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE);
    }

    @Test
    void floatSumsOverFramesAreCompensated() {
        // 1e16 + 1 rounds to 1e16: a plain sum of the rows from each one to the end loses the 1
        DataFrame frame = DataFrame.of(Series.of("i", DataType.INT64, List.of(1L, 2L, 3L, 4L, 5L)),
                Series.of("v", DataType.FLOAT64, List.of(1e16, 1.0, -1e16, 0.5, Double.POSITIVE_INFINITY)));
        WindowFrame rest = WindowFrame.rows(Bound.currentRow(), Bound.following(2));
        DataFrame out = frame.lazy().withColumns(col("v").sum().over().orderBy("i").frame(rest).alias("s"),
                col("v").mean().over().orderBy("i").frame(rest).alias("m")).collect();
        assertThat(out.column("s").toList()).containsExactly(1.0, -1e16 + 1.5, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(out.column("m").toList().get(0)).isEqualTo(1.0 / 3);
        // a frame of the first three rows, less the current one (the 1 kept where it is not excluded)
        DataFrame others = frame.lazy().withColumns(col("v").sum().over().orderBy("i")
                .frame(WindowFrame.rows(Bound.unboundedPreceding(), Bound.following(2)).excluding(Exclude.CURRENT_ROW))
                .alias("s")).collect();
        assertThat(others.column("s").toList().get(0)).isEqualTo(-1e16 + 1.0);
        assertThat(others.column("s").toList().get(1)).isEqualTo(0.5);
    }

    @Test
    void aFractionalRangeOffsetOverLargeIntegerKeysIsExact() {
        long base = 1L << 60; // past 2^53: as doubles these keys would all be one number
        DataFrame frame = DataFrame.of(Series.of("t", DataType.INT64, List.of(base, base + 1, base + 2, base + 3, base + 5)));
        DataFrame out = frame.lazy().withColumns(
                dev.floe.frame.expr.Exprs.len().over().orderBy("t")
                        .frame(WindowFrame.range(Bound.preceding(new java.math.BigDecimal("1.5")), Bound.currentRow()))
                        .alias("back"),
                dev.floe.frame.expr.Exprs.len().over().orderBy(dev.floe.frame.plan.SortKey.desc("t"))
                        .frame(WindowFrame.range(Bound.currentRow(), Bound.following(2.5))).alias("down"))
                .collect();
        assertThat(out.column("back").toList()).containsExactly(1L, 2L, 2L, 2L, 1L);
        assertThat(out.column("down").toList()).containsExactly(1L, 2L, 3L, 3L, 2L);
    }

    @Test
    void rangeLimitsBeyondTheKeysTypeHoldNoKeyAtThatEdge() {
        // a limit such as the largest BIGINT + 1 lies past every key: it must not be taken as the largest key
        java.math.BigInteger big = java.math.BigInteger.ONE.shiftLeft(64);
        List<Long> keys = List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        DataFrame frame = DataFrame.of(Series.of("t", DataType.INT64, keys));
        List<Number> offsets = List.of(1, 2L, java.math.BigInteger.ONE.shiftLeft(63), big);
        for (boolean descending : new boolean[] {false, true}) {
            for (Number k : offsets) {
                List<WindowFrame> frames = List.of(
                        WindowFrame.range(Bound.unboundedPreceding(), Bound.preceding(k)),
                        WindowFrame.range(Bound.preceding(k), Bound.currentRow()),
                        WindowFrame.range(Bound.currentRow(), Bound.following(k)),
                        WindowFrame.range(Bound.following(k), Bound.unboundedFollowing()),
                        WindowFrame.range(Bound.preceding(k), Bound.following(k)));
                for (WindowFrame windowFrame : frames) {
                    SortKey key = descending ? SortKey.desc("t") : SortKey.asc("t");
                    DataFrame out = frame.lazy().withColumns(Exprs.len().over().orderBy(key).frame(windowFrame)
                            .alias("n")).collect();
                    for (int r = 0; r < keys.size(); r++) {
                        // positions along the window's order, exactly: descending keys are negated
                        java.math.BigInteger at = position(keys.get(r), descending);
                        java.math.BigInteger lo = limit(windowFrame.start(), at);
                        java.math.BigInteger hi = limit(windowFrame.end(), at);
                        long expected = keys.stream().map(v -> position(v, descending))
                                .filter(v -> (lo == null || v.compareTo(lo) >= 0) && (hi == null || v.compareTo(hi) <= 0))
                                .count();
                        assertThat(out.get(r, "n")).as("key %d, %s, %s", keys.get(r), windowFrame, key)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    private static java.math.BigInteger position(long key, boolean descending) {
        java.math.BigInteger value = java.math.BigInteger.valueOf(key);
        return descending ? value.negate() : value;
    }

    /** A bound's limit along the window's order, exactly; null where it has none (unbounded). */
    private static java.math.BigInteger limit(Bound bound, java.math.BigInteger at) {
        return switch (bound.kind()) {
            case UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING -> null;
            case CURRENT_ROW -> at;
            case PRECEDING -> at.subtract(new java.math.BigDecimal(bound.offset().toString()).toBigInteger());
            case FOLLOWING -> at.add(new java.math.BigDecimal(bound.offset().toString()).toBigInteger());
        };
    }

    @Test
    void framesThatCannotBeAreRefusedByName() {
        assertThatThrownBy(() -> WindowFrame.rows(Bound.currentRow(), Bound.preceding(1)))
                .hasMessageContaining("cannot start after it ends");
        assertThatThrownBy(() -> WindowFrame.rows(Bound.unboundedFollowing(), Bound.currentRow()))
                .hasMessageContaining("cannot start at UNBOUNDED FOLLOWING");
        assertThatThrownBy(() -> Bound.preceding(-1)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> WindowFrame.rows(Bound.preceding(1.5), Bound.currentRow()))
                .hasMessageContaining("whole number");
        DataFrame frame = DataFrame.of(Series.of("s", DataType.UTF8, List.of("a", "b")),
                Series.of("v", DataType.INT64, List.of(1L, 2L)));
        WindowFrame range = WindowFrame.range(Bound.preceding(1), Bound.currentRow());
        assertThatThrownBy(() -> frame.lazy().withColumns(col("v").sum().over().orderBy("s").frame(range)).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("needs a number, date or timestamp order key");
        // an i128 key is measured as any integer key (its limits computed in 128 bits)
        assertThat(frame.lazy().withColumns(col("v").sum().over().orderBy(dev.floe.frame.plan.SortKey.asc(
                col("v").cast(DataType.INT128))).frame(range).alias("w")).collect().column("w").toList())
                .isEqualTo(frame.lazy().withColumns(col("v").sum().over().orderBy("v").frame(range).alias("w")).collect()
                        .column("w").toList());
        assertThatThrownBy(() -> frame.lazy().withColumns(col("v").sum().over().orderBy("s", "v").frame(range)).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("exactly one order key");
        assertThatThrownBy(() -> frame.lazy().select(col("v").nthValue(1)).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("is a window function");
        assertThatThrownBy(() -> col("v").nthValue(0)).hasMessageContaining("counts rows from 1");
        assertThatThrownBy(() -> frame.lazy().withColumns(col("v").median().add(1).over().orderBy("v")
                .frame(WindowFrame.rows(Bound.preceding(1), Bound.currentRow()))).collect())
                .isInstanceOf(SchemaException.class).hasMessageContaining("an ordered window takes");
    }

    @Test
    void framesOfMoreValuesThanOneGatheringHoldAreAggregatedInTurns() {
        // a running list and median over 2,000 rows gather about 2 million values: two turns or more
        int n = 2_000;
        long[] t = new long[n];
        long[] v = new long[n];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            t[i] = n - i; // the window's order is the rows' reverse
            v[i] = random.nextInt(-1000, 1000);
        }
        DataFrame frame = DataFrame.of(Series.of("t", t), Series.of("v", v));
        DataFrame out = frame.lazy().withColumns(col("v").list().over().orderBy("t").alias("list"),
                col("v").median().over().orderBy("t").alias("median")).collect(new ExecutionConfig(3, 8));
        for (int i = 0; i < n; i++) {
            // row i's frame: rows n-1 down to i, in the window's order
            List<Long> expected = new ArrayList<>();
            for (int r = n - 1; r >= i; r--) {
                expected.add(v[r]);
            }
            assertThat(out.get(i, "list")).as("row " + i).isEqualTo(expected);
            long[] sorted = expected.stream().mapToLong(Long::longValue).sorted().toArray();
            int m = sorted.length;
            double median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2.0;
            assertThat(out.get(i, "median")).as("row " + i).isEqualTo(median);
        }
    }

    @Test
    void anyAggregationOverFramesMatchesTheReference() {
        for (long seed = 1; seed <= 120; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 50));
            WindowFrame windowFrame = randomFrame(random);
            boolean descending = random.nextBoolean();
            boolean nullsLast = random.nextBoolean();
            SortKey key = descending ? SortKey.desc("a") : SortKey.asc("a");
            key = nullsLast ? key.nullsLast() : key.nullsFirst();
            ExecutionConfig config = random.nextBoolean() ? new ExecutionConfig(3, 8) : new ExecutionConfig(1, 7);
            DataFrame out = frame.lazy().withColumns(
                    col("h").median().over("k").orderBy(key).frame(windowFrame).alias("median"),
                    col("s").list().over("k").orderBy(key).frame(windowFrame).alias("list"),
                    col("s").nUnique().over("k").orderBy(key).frame(windowFrame).alias("distinct"),
                    col("s").min().over("k").orderBy(key).frame(windowFrame).alias("min"),
                    // running: the frame an ORDER BY alone gives
                    col("s").max().over("k").orderBy(key).alias("running"))
                    .collect(config);
            Comparator<Integer> order = comparator(frame, descending, nullsLast);
            WindowFrame running = WindowFrame.range(Bound.unboundedPreceding(), Bound.currentRow());
            int n = frame.height();
            for (int r = 0; r < n; r++) {
                List<Integer> partition = sortedPartition(frame, r, order);
                List<Integer> rows = frameRows(frame, partition, partition.indexOf(r), windowFrame, order, descending,
                        nullsLast);
                String where = "seed " + seed + ", row " + r + ", " + windowFrame + ", " + key;
                List<Short> h = rows.stream().map(x -> (Short) frame.get(x, "h")).filter(Objects::nonNull).sorted().toList();
                Double median = h.isEmpty() ? null : h.size() % 2 == 1 ? (double) h.get(h.size() / 2)
                        : (h.get(h.size() / 2 - 1) + h.get(h.size() / 2)) / 2.0;
                assertThat(out.get(r, "median")).as(where).isEqualTo(median);
                List<Object> s = rows.stream().map(x -> frame.get(x, "s")).toList();
                assertThat((List<?>) out.get(r, "list")).as(where).isEqualTo(s); // an empty frame's list is empty
                List<String> texts = s.stream().filter(Objects::nonNull).map(String.class::cast).toList();
                // nUnique counts a null as one value more, as Polars' n_unique
                assertThat(out.get(r, "distinct")).as(where).isEqualTo((long) s.stream().distinct().count());
                assertThat(out.get(r, "min")).as(where)
                        .isEqualTo(texts.stream().min(Comparator.naturalOrder()).orElse(null));
                List<Integer> upTo = frameRows(frame, partition, partition.indexOf(r), running, order, descending,
                        nullsLast);
                assertThat(out.get(r, "running")).as(where).isEqualTo(upTo.stream().map(x -> (String) frame.get(x, "s"))
                        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
            }
        }
    }

    private static WindowFrame randomFrame(SplittableRandom random) {
        Unit unit = Unit.values()[random.nextInt(3)];
        while (true) {
            Bound start = randomBound(random, unit);
            Bound end = randomBound(random, unit);
            try {
                return new WindowFrame(unit, start, end, Exclude.values()[random.nextInt(4)]);
            } catch (IllegalArgumentException impossible) {
                // draw again
            }
        }
    }

    private static Bound randomBound(SplittableRandom random, Unit unit) {
        Number offset = unit == Unit.RANGE && random.nextInt(4) == 0 ? (Number) new java.math.BigDecimal("1.5")
                : (Number) (long) random.nextInt(0, 4);
        return switch (random.nextInt(5)) {
            case 0 -> Bound.unboundedPreceding();
            case 1 -> Bound.preceding(offset);
            case 2 -> Bound.currentRow();
            case 3 -> Bound.following(offset);
            default -> Bound.unboundedFollowing();
        };
    }

    private static Comparator<Integer> comparator(DataFrame frame, boolean descending, boolean nullsLast) {
        Comparator<Integer> values = Comparator.comparing((Integer r) -> (Integer) frame.get(r, "a"),
                nullsLast ? Comparator.nullsLast(descending ? Comparator.<Integer>reverseOrder()
                        : Comparator.<Integer>naturalOrder())
                        : Comparator.nullsFirst(descending ? Comparator.<Integer>reverseOrder()
                                : Comparator.<Integer>naturalOrder()));
        return values;
    }

    /** The rows of sorted row {@code at}'s frame, in window order, decided row by row from the definition. */
    private static List<Integer> frameRows(DataFrame frame, List<Integer> partition, int at, WindowFrame windowFrame,
            Comparator<Integer> order, boolean descending, boolean nullsLast) {
        List<Integer> groupOf = new ArrayList<>();
        for (int j = 0; j < partition.size(); j++) {
            groupOf.add(j == 0 ? 0 : groupOf.get(j - 1) + (order.compare(partition.get(j - 1), partition.get(j)) == 0 ? 0 : 1));
        }
        List<Integer> rows = new ArrayList<>();
        int current = partition.get(at);
        for (int j = 0; j < partition.size(); j++) {
            int row = partition.get(j);
            boolean peer = order.compare(row, current) == 0;
            if (!within(frame, windowFrame.start(), true, windowFrame.unit(), j, at, groupOf, row, current, order,
                    descending, nullsLast)
                    || !within(frame, windowFrame.end(), false, windowFrame.unit(), j, at, groupOf, row, current, order,
                    descending, nullsLast)) {
                continue;
            }
            boolean excluded = switch (windowFrame.exclude()) {
                case NO_OTHERS -> false;
                case CURRENT_ROW -> j == at;
                case GROUP -> peer;
                case TIES -> peer && j != at;
            };
            if (!excluded) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Whether row {@code j} of the partition is on the inner side of a bound of row {@code at}'s frame. */
    private static boolean within(DataFrame frame, Bound bound, boolean start, Unit unit, int j, int at,
            List<Integer> groupOf, int row, int current, Comparator<Integer> order, boolean descending,
            boolean nullsLast) {
        Kind kind = bound.kind();
        if (kind == Kind.UNBOUNDED_PRECEDING || kind == Kind.UNBOUNDED_FOLLOWING) {
            return true;
        }
        double offset = kind == Kind.CURRENT_ROW ? 0 : bound.offset().doubleValue();
        double signed = kind == Kind.PRECEDING ? -offset : offset;
        switch (unit) {
            case ROWS -> {
                return start ? j >= at + signed : j <= at + signed;
            }
            case GROUPS -> {
                int g = groupOf.get(j);
                int mine = groupOf.get(at);
                return start ? g >= mine + signed : g <= mine + signed;
            }
            default -> {
                if (kind == Kind.CURRENT_ROW) {
                    int c = order.compare(row, current);
                    return start ? c >= 0 : c <= 0;
                }
                Integer mine = (Integer) frame.get(current, "a");
                Integer value = (Integer) frame.get(row, "a");
                if (mine == null) {
                    int c = order.compare(row, current); // a null row's offset bounds are its peers
                    return start ? c >= 0 : c <= 0;
                }
                if (value == null) {
                    // nulls lie beyond every offset: after the frame's start when last, before its end when first
                    return start == nullsLast;
                }
                // in window order, "preceding" is smaller values ascending and larger ones descending
                double limit = descending ? mine - signed : mine + signed;
                if (start) {
                    return descending ? value <= limit : value >= limit;
                }
                return descending ? value >= limit : value <= limit;
            }
        }
    }
}
