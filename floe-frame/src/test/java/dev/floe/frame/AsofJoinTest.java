package dev.floe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.plan.AsofJoin;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** As-of joins: each strategy, with and without exact matches, left and inner, against a row-by-row reference. */
class AsofJoinTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 7), new ExecutionConfig(3, 5), new ExecutionConfig(2, 65_536));

    @Test
    void theLastQuoteAtOrBeforeEachTrade() {
        DataFrame trades = DataFrame.of(Series.of("time", 1L, 5L, 5L, 9L, 2L), Series.of("ticker", "a", "a", "b", "a", "b"),
                Series.of("qty", 10L, 20L, 30L, 40L, 50L));
        DataFrame quotes = DataFrame.of(Series.of("time", 0L, 5L, 5L, 3L, 8L), Series.of("ticker", "a", "a", "a", "b", "b"),
                Series.of("bid", 1.0, 2.0, 3.0, 4.0, 5.0));
        DataFrame joined = trades.joinAsof(quotes, "time", "ticker");
        assertThat(joined.schema().names()).containsExactly("time", "ticker", "qty", "bid");
        // trade 2 (a, 5) takes the first of the two quotes at 5; trade 5 (b, 2) has no quote before it
        FrameAssert.assertThat(joined).hasColumnValues("bid", 1.0, 2.0, 4.0, 2.0, null);
        FrameAssert.assertThat(trades.joinAsof(quotes, AsofJoin.on("time").by("ticker").allowExactMatches(false)))
                .hasColumnValues("bid", 1.0, 1.0, 4.0, 2.0, null);
        FrameAssert.assertThat(trades.joinAsof(quotes, AsofJoin.on("time").by("ticker").forward()))
                .hasColumnValues("bid", 2.0, 2.0, 5.0, null, 4.0);
        FrameAssert.assertThat(trades.joinAsof(quotes, AsofJoin.on("time").by("ticker").nearest()))
                .hasColumnValues("bid", 1.0, 2.0, 4.0, 2.0, 4.0);
        // categorical keys on both sides (each with its own dictionary), and categorical against text
        DataFrame catTrades = trades.withColumns(dev.floe.frame.expr.Exprs.col("ticker").cast(DataType.CATEGORICAL));
        DataFrame catQuotes = quotes.withColumns(dev.floe.frame.expr.Exprs.col("ticker").cast(DataType.CATEGORICAL));
        FrameAssert.assertThat(catTrades.joinAsof(catQuotes, "time", "ticker")).hasColumnValues("bid", 1.0, 2.0, 4.0, 2.0, null);
        FrameAssert.assertThat(catTrades.joinAsof(quotes, "time", "ticker")).hasColumnValues("bid", 1.0, 2.0, 4.0, 2.0, null);
        DataFrame inner = trades.joinAsof(quotes, AsofJoin.on("time").by("ticker").inner());
        FrameAssert.assertThat(inner).hasColumnValues("qty", 10L, 20L, 30L, 40L);
        // other names on the right: its on column stays, under a suffix where the left has the name
        DataFrame renamed = quotes.rename(java.util.Map.of("time", "at"));
        DataFrame both = trades.joinAsof(renamed, AsofJoin.on("time", "at").by("ticker").suffix("_q"));
        assertThat(both.schema().names()).containsExactly("time", "ticker", "qty", "at", "bid");
        FrameAssert.assertThat(both).hasColumnValues("at", 0L, 5L, 3L, 5L, null);
    }

    @Test
    void everyStrategyMatchesTheRowByRowReference() {
        SplittableRandom random = new SplittableRandom(20261206);
        for (int round = 0; round < 12; round++) {
            int leftRows = 1 + random.nextInt(300);
            int rightRows = random.nextInt(300);
            int spread = 1 + random.nextInt(60);
            DataFrame left = frame(random, leftRows, spread, "l");
            DataFrame right = frame(random, rightRows, spread, "r");
            for (AsofJoin.Strategy strategy : AsofJoin.Strategy.values()) {
                for (boolean exact : new boolean[] {true, false}) {
                    for (boolean inner : new boolean[] {false, true}) {
                        for (boolean byKey : new boolean[] {false, true}) {
                            AsofJoin how = AsofJoin.on("t").strategy(strategy).allowExactMatches(exact);
                            how = byKey ? how.by("k") : how;
                            how = inner ? how.inner() : how;
                            List<List<Object>> expected = reference(left, right, how);
                            for (ExecutionConfig config : CONFIGS) {
                                DataFrame out = left.lazy().joinAsof(right.lazy(), how).collect(config);
                                assertThat(rows(out)).as("%s, %s rows by %s rows", how, leftRows, rightRows)
                                        .isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void datesAndTimesMatchAsOfEachOther() {
        DataFrame days = DataFrame.of(Series.of("d", List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 10))));
        DataFrame times = DataFrame.of(Series.of("t", List.of(java.time.LocalDateTime.of(2024, 2, 29, 23, 0),
                        java.time.LocalDateTime.of(2024, 3, 1, 0, 0), java.time.LocalDateTime.of(2024, 3, 9, 12, 0))),
                Series.of("v", 1L, 2L, 3L));
        FrameAssert.assertThat(days.joinAsof(times, AsofJoin.on("d", "t"))).hasColumnValues("v", 2L, 3L);
        FrameAssert.assertThat(days.joinAsof(times, AsofJoin.on("d", "t").allowExactMatches(false)))
                .hasColumnValues("v", 1L, 3L);
        FrameAssert.assertThat(days.joinAsof(times, AsofJoin.on("d", "t").nearest().allowExactMatches(false)))
                .hasColumnValues("v", 1L, 3L);
    }

    @Test
    void floatsMatchWithZerosOfBothSignsEqualAndNullsMatchingNothing() {
        DataFrame left = DataFrame.of(Series.of("x", Arrays.asList(-0.0, 0.0, null, 1.5, Double.NEGATIVE_INFINITY)));
        DataFrame right = DataFrame.of(Series.of("x", Arrays.asList(0.0, null, 1.0)), Series.of("v", 1L, 2L, 3L));
        FrameAssert.assertThat(left.joinAsof(right, "x")).hasColumnValues("v", 1L, 1L, null, 3L, null);
        FrameAssert.assertThat(left.joinAsof(right, AsofJoin.on("x").allowExactMatches(false)))
                .hasColumnValues("v", null, null, null, 3L, null);
    }

    @Test
    void badJoinsAreRefusedSayingWhy() {
        DataFrame a = DataFrame.of(Series.of("t", 1L), Series.of("s", "x"), Series.of("l", List.of(List.of(1L))));
        assertThatThrownBy(() -> a.joinAsof(a, AsofJoin.on("t", "s"))).hasMessageContaining("cannot join as of left 't' (i64)")
                .hasMessageContaining("right 's' (str)");
        assertThatThrownBy(() -> a.joinAsof(a, AsofJoin.on("l"))).hasMessageContaining("they do not order");
        assertThatThrownBy(() -> a.joinAsof(a, AsofJoin.on("s").nearest())).hasMessageContaining("measures distances");
        assertThatThrownBy(() -> a.joinAsof(a, AsofJoin.on("t").by("nope"))).hasMessageContaining("nope");
        assertThatThrownBy(() -> AsofJoin.on("t").by(List.of("a"), List.of())).hasMessageContaining("pair up");
        assertThatThrownBy(() -> new AsofJoin("t", "t", List.of(), List.of(), AsofJoin.Strategy.BACKWARD, true,
                dev.floe.frame.plan.JoinType.FULL, "_r")).hasMessageContaining("LEFT or INNER, not FULL");
    }

    /** Rows {@code id, k, t}: keys among four (one null now and then), times with ties and nulls. */
    private static DataFrame frame(SplittableRandom random, int rows, int spread, String prefix) {
        List<Long> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            ids.add((long) i);
            keys.add(random.nextInt(12) == 0 ? null : "k" + random.nextInt(4));
            times.add(random.nextInt(10) == 0 ? null : (long) random.nextInt(spread));
        }
        return DataFrame.of(Series.of(prefix + "id", ids), Series.of("k", keys), Series.of("t", times));
    }

    private static List<List<Object>> rows(DataFrame out) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < out.height(); i++) {
            rows.add(Arrays.asList(out.column("lid").get(i), out.column("rid").get(i)));
        }
        return rows;
    }

    /** Each left row's match found by looking at every right row. */
    private static List<List<Object>> reference(DataFrame left, DataFrame right, AsofJoin how) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < left.height(); i++) {
            Long t = (Long) left.column("t").get(i);
            Object k = left.column("k").get(i);
            Long before = null;
            Long after = null;
            Long beforeT = null;
            Long afterT = null;
            for (int j = 0; t != null && j < right.height(); j++) {
                Long u = (Long) right.column("t").get(j);
                Object rk = right.column("k").get(j);
                if (u == null || !how.leftBy().isEmpty() && (k == null || !Objects.equals(k, rk))) {
                    continue;
                }
                boolean backward = how.allowExactMatches() ? u <= t : u < t;
                boolean forward = how.allowExactMatches() ? u >= t : u > t;
                if (backward && (beforeT == null || u > beforeT)) {
                    before = (Long) right.column("rid").get(j);
                    beforeT = u;
                }
                if (forward && (afterT == null || u < afterT)) {
                    after = (Long) right.column("rid").get(j);
                    afterT = u;
                }
            }
            Long match = switch (how.strategy()) {
                case BACKWARD -> before;
                case FORWARD -> after;
                case NEAREST -> before == null ? after : after == null ? before : t - beforeT <= afterT - t ? before : after;
            };
            if (match != null || how.how() == dev.floe.frame.plan.JoinType.LEFT) {
                rows.add(Arrays.asList((Long) left.column("lid").get(i), match));
            }
        }
        return rows;
    }
}
