package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.plan.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A join's keys filter its probe side below the probe side's own filters ({@link JoinKeyFilter}):
 * where they go, where they must not (a join that keeps unmatched probe rows), and the joins'
 * answers against ones worked out row by row, over random keys, nulls and join types.
 */
class JoinKeyFilterTest {
    private static DataFrame facts(int rows) {
        long[] k = new long[rows];
        long[] v = new long[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = i % 1000;
            v[i] = i;
        }
        return DataFrame.of(Series.of("k", k), Series.of("v", v));
    }

    private static LazyFrame ids() {
        long[] id = new long[10];
        String[] name = new String[10];
        for (int i = 0; i < 10; i++) {
            id[i] = 3 * i;
            name[i] = "n" + i;
        }
        return DataFrame.of(Series.of("id", id), Series.of("name", name)).lazy();
    }

    @Test
    void theBuildKeysFilterTheProbeSideBelowItsFilter() {
        LazyFrame query = facts(10_000).lazy().filter(col("v").mod(2).eq(0))
                .join(ids(), List.of("k"), List.of("id"), JoinType.INNER, "_r");
        String analyzed = query.explainAnalyze();
        List<String> lines = analyzed.lines().map(String::strip).toList();
        int scan = indexOf(lines, "SCAN DF [k, v]");
        int keys = indexOf(lines, "KEY FILTER k IN the build side of HASH INNER JOIN");
        int filter = indexOf(lines, "FILTER [");
        assertThat(scan).isLessThan(keys);
        assertThat(keys).isLessThan(filter);
        // keys 0, 3, .., 27 of every 1,000: 100 of the 10,000 rows reach the filter, 50 pass it
        assertThat(lines.get(keys)).endsWith("[100 rows]");
        assertThat(lines.get(filter)).endsWith("[50 rows]");
        DataFrame answer = query.collect();
        assertThat(answer.height()).isEqualTo(50);
        for (int row = 0; row < answer.height(); row++) {
            long v = (Long) answer.get(row, "v");
            assertThat(v % 2).isZero();
            assertThat(answer.get(row, "name")).isEqualTo("n" + (v % 1000) / 3);
        }
    }

    @Test
    void notBelowAJoinThatKeepsProbeRowsWithoutAMatch() {
        for (JoinType how : List.of(JoinType.LEFT, JoinType.ANTI, JoinType.FULL)) {
            LazyFrame query = facts(2_000).lazy().filter(col("v").gt(10))
                    .join(ids(), List.of("k"), List.of("id"), how, "_r");
            assertThat(query.explainPhysical()).as(how.toString()).doesNotContain("KEY FILTER");
        }
        LazyFrame semi = facts(2_000).lazy().filter(col("v").gt(10))
                .join(ids(), List.of("k"), List.of("id"), JoinType.SEMI, "_r");
        assertThat(semi.explainPhysical()).contains("KEY FILTER k IN the build side of HASH SEMI JOIN");
        // keys 0, 3, .., 27 in rows 11 to 1999: 12 to 27 and 1000 to 1027
        assertThat(semi.collect().height()).isEqualTo(16);
    }

    @Test
    void notWhereTheBuildSideIsAWholeTableHoldingEveryKey() {
        long[] id = new long[1000];
        for (int i = 0; i < id.length; i++) {
            id[i] = i;
        }
        LazyFrame every = DataFrame.of(Series.of("id", id), Series.of("w", id)).lazy();
        LazyFrame probe = facts(5_000).lazy().filter(col("v").mod(2).eq(0));
        assertThat(probe.join(every, List.of("k"), List.of("id"), JoinType.INNER, "_r").explainPhysical())
                .doesNotContain("KEY FILTER");
        // the same table filtered: its keys pick out probe rows again
        LazyFrame some = every.filter(col("w").lt(100));
        LazyFrame query = probe.join(some, List.of("k"), List.of("id"), JoinType.INNER, "_r");
        assertThat(query.explainPhysical()).contains("KEY FILTER k IN the build side");
        // keys 0 .. 99 of every 1,000, the even rows: 250 of 5,000
        assertThat(query.collect().height()).isEqualTo(250);
        assertThat(probe.join(every, List.of("k"), List.of("id"), JoinType.INNER, "_r").collect().height())
                .isEqualTo(2_500);
    }

    @Test
    void onlyWhereAFilterWouldSeeFewerRows() {
        LazyFrame plain = facts(2_000).lazy().join(ids(), List.of("k"), List.of("id"), JoinType.INNER, "_r");
        assertThat(plain.explainPhysical()).doesNotContain("KEY FILTER");
        // a key computed after the filter (the filter goes below the computation): nothing to test the keys on first
        LazyFrame computed = facts(2_000).lazy().withColumns(col("k").add(1).alias("k1")).filter(col("v").gt(10))
                .join(ids(), List.of("k1"), List.of("id"), JoinType.INNER, "_r");
        assertThat(computed.explainPhysical()).doesNotContain("KEY FILTER");
        // k + 1 in 3, 6, .., 27 (0 never): k 2, 5, .., 26 in rows 11 to 1999, 6 of the first thousand and 9 of the second
        assertThat(computed.collect().height()).isEqualTo(15);
        // a key computed before a filter on it: the keys go between the computation and the filter
        LazyFrame filteredOnKey = facts(2_000).lazy().withColumns(col("k").add(1).alias("k1")).filter(col("k1").gt(11))
                .join(ids(), List.of("k1"), List.of("id"), JoinType.INNER, "_r");
        List<String> lines = filteredOnKey.explainPhysical().lines().map(String::strip).toList();
        assertThat(indexOf(lines, "WITH_COLUMNS")).isLessThan(indexOf(lines, "KEY FILTER k1 IN"));
        assertThat(indexOf(lines, "KEY FILTER k1 IN")).isLessThan(indexOf(lines, "FILTER ["));
        // k + 1 in 12, 15, .., 27: k 11, 14, .., 26, each in two rows
        assertThat(filteredOnKey.collect().height()).isEqualTo(12);
    }

    @Test
    void aFilterOfComparisonsIsTestedByTheKeyFilterOnTheRowsWithAKey() {
        int rows = 5_000;
        long[] k = new long[rows];
        long[] v = new long[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = i % 100 * 7L; // ids are 0, 3, .., 27: 0 and 21 among these
            v[i] = i % 13;
        }
        for (boolean wide : new boolean[] {false, true}) {
            // ids spread over 2.7 million values get a hashed table with a bitmap of them, close ones an array
            LazyFrame keys = wide ? ids().withColumns(col("id").mul(100_003L).alias("id")) : ids();
            long[] scaled = new long[rows];
            for (int i = 0; i < rows; i++) {
                scaled[i] = k[i] * (wide ? 100_003L : 1L);
            }
            LazyFrame facts = DataFrame.of(Series.of("k", scaled), Series.of("v", v)).lazy();
            // comparisons, tested on the rows with a key; arithmetic, by the filter after the copy
            LazyFrame compared = facts.filter(col("v").lt(5).and(col("v").ne(2)))
                    .join(keys, List.of("k"), List.of("id"), JoinType.INNER, "_r");
            LazyFrame computed = facts.filter(col("v").add(1).lt(6).and(col("v").ne(2)))
                    .join(keys, List.of("k"), List.of("id"), JoinType.INNER, "_r");
            assertThat(compared.explainPhysical()).contains("then the test of the FILTER above");
            assertThat(computed.explainPhysical()).contains("KEY FILTER k").doesNotContain("then the test");
            long expected = 0;
            for (int i = 0; i < rows; i++) {
                expected += (k[i] == 0 || k[i] == 21) && v[i] < 5 && v[i] != 2 ? 1 : 0;
            }
            for (LazyFrame query : List.of(compared, computed)) {
                DataFrame answer = query.collect();
                assertThat(answer.height()).as("wide %s", wide).isEqualTo(expected).isPositive();
                for (int row = 0; row < answer.height(); row++) {
                    long value = (Long) answer.get(row, "v");
                    assertThat(value).isLessThan(5).isNotEqualTo(2);
                    assertThat((Long) answer.get(row, "k") / (wide ? 100_003L : 1L)).isIn(0L, 21L);
                }
            }
        }
    }

    @Test
    void throughTheProbeSidesOfOtherJoins() {
        LazyFrame sevens = DataFrame.of(Series.of("s", 0L, 1L), Series.of("label", "zero", "one")).lazy();
        for (JoinType first : List.of(JoinType.INNER, JoinType.LEFT)) {
            LazyFrame query = facts(10_000).lazy().withColumns(col("v").mod(7).alias("m"))
                    .join(ids(), List.of("k"), List.of("id"), first, "_r")
                    .join(sevens, List.of("m"), List.of("s"), JoinType.INNER, "_r");
            List<String> lines = query.explainPhysical().lines().map(String::strip).toList();
            // the second join's keys filter the rows before the first join reads them
            int filter = indexOf(lines, "KEY FILTER m IN the build side of HASH INNER JOIN ON [m] = [s]");
            int firstProbe = indexOf(lines, "probe HASH " + first + " JOIN ON [k] = [id]");
            assertThat(filter).isLessThan(firstProbe);
            assertThat(firstProbe).isLessThan(indexOf(lines, "probe HASH INNER JOIN ON [m] = [s]"));
            int expected = 0;
            for (int i = 0; i < 10_000; i++) {
                boolean named = i % 1000 % 3 == 0 && i % 1000 < 30;
                if (i % 7 <= 1 && (named || first == JoinType.LEFT)) {
                    expected++;
                }
            }
            DataFrame answer = query.collect();
            assertThat(answer.height()).as(first.toString()).isEqualTo(expected);
            for (int row = 0; row < answer.height(); row++) {
                long v = (Long) answer.get(row, "v");
                assertThat(answer.get(row, "label")).isEqualTo(v % 7 == 0 ? "zero" : "one");
            }
        }
        // not through a right join: its left keys are completed from the right side
        LazyFrame right = facts(2_000).lazy().withColumns(col("v").mod(7).alias("m"))
                .join(ids(), List.of("k"), List.of("id"), JoinType.RIGHT, "_r")
                .join(sevens, List.of("m"), List.of("s"), JoinType.INNER, "_r");
        String plan = right.explainPhysical();
        assertThat(plan.indexOf("KEY FILTER m")).isEqualTo(-1);
    }

    @Test
    void insideASharedSubplanAndOnEachReadingOfAStepTwoJoinsRead() {
        // a join inside an aggregation that occurs twice: computed once, its probe side filtered by its keys
        LazyFrame sums = facts(10_000).lazy().filter(col("v").mod(2).eq(0))
                .join(ids(), List.of("k"), List.of("id"), JoinType.INNER, "_r").groupBy("k")
                .agg(col("v").sum().alias("s"));
        LazyFrame twice = sums.join(sums.select(col("k"), col("s").alias("t")), JoinType.INNER, "k").sort("k");
        String plan = twice.explainPhysical();
        assertThat(plan).contains("SHARED (occurs 2 times, computed once)").contains("KEY FILTER k IN");
        DataFrame answer = twice.collect();
        assertThat(answer.column("k").toList()).isEqualTo(List.of(0L, 6L, 12L, 18L, 24L));
        for (int row = 0; row < answer.height(); row++) {
            long k = (Long) answer.get(row, "k");
            long expected = 0;
            for (long v = k; v < 10_000; v += 1000) {
                expected += v;
            }
            assertThat(answer.get(row, "s")).isEqualTo(expected);
            assertThat(answer.get(row, "t")).isEqualTo(expected);
        }
        // one filtered frame probing two joins, read by each: each join's keys filter its own
        // reading, and neither's the rows the other reads
        LazyFrame filtered = facts(2_000).lazy().filter(col("v").gt(10));
        LazyFrame low = DataFrame.of(Series.of("id", 1L, 2L)).lazy();
        LazyFrame high = DataFrame.of(Series.of("id", 998L, 999L)).lazy();
        LazyFrame both = LazyFrame.concat(List.of(
                filtered.join(low, List.of("k"), List.of("id"), JoinType.SEMI, "_r"),
                filtered.join(high, List.of("k"), List.of("id"), JoinType.SEMI, "_r")));
        assertThat(both.explainPhysical().lines().filter(line -> line.contains("KEY FILTER k IN")).count())
                .isEqualTo(2);
        // a join whose probe side reads one step twice (a self-join): its keys filter neither reading
        LazyFrame self = filtered.join(filtered.select(col("k"), col("v").alias("w")), List.of("k"), List.of("k"),
                JoinType.INNER, "_r").join(low, List.of("k"), List.of("id"), JoinType.SEMI, "_r");
        assertThat(self.explainPhysical()).doesNotContain("KEY FILTER k IN the build side of HASH SEMI");
        assertThat(self.collect().column("w").toList()).containsExactlyInAnyOrder(1001L, 1002L);
        assertThat(both.collect().column("v").toList()).containsExactlyInAnyOrder(1001L, 1002L, 998L, 999L, 1998L,
                1999L);
    }

    @Test
    void eachIntegerKeyOfAJoinOnSeveralKeysFiltersAlone() {
        SplittableRandom random = new SplittableRandom(20261206);
        int rows = 20_000;
        Long[] k = new Long[rows];
        Long[] j = new Long[rows];
        String[] s = new String[rows];
        long[] v = new long[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = random.nextInt(50) == 0 ? null : (long) random.nextInt(2_000);
            j[i] = random.nextInt(50) == 0 ? null : (long) random.nextInt(40);
            s[i] = "s" + random.nextInt(3);
            v[i] = random.nextInt(100);
        }
        int pairs = 300;
        long[] bk = new long[pairs];
        long[] bj = new long[pairs];
        long[] wide = new long[pairs];
        String[] bs = new String[pairs];
        for (int p = 0; p < pairs; p++) {
            bk[p] = random.nextInt(200) * 10L; // a tenth of the k values, some pairs twice
            bj[p] = random.nextInt(20); // half the j values
            wide[p] = bk[p] * 100_003L; // a range past a bitmap's: that key is not tested alone
            bs[p] = "s" + random.nextInt(3);
        }
        LazyFrame probe = DataFrame.of(Series.of("k", dev.floe.frame.DataType.INT64, Arrays.asList(k)),
                        Series.of("j", dev.floe.frame.DataType.INT64, Arrays.asList(j)), Series.of("s", s), Series.of("v", v))
                .lazy().withColumns(col("k").mul(100_003L).alias("kw")).filter(col("v").lt(60));
        LazyFrame build = DataFrame.of(Series.of("bk", bk), Series.of("bj", bj), Series.of("bw", wide),
                Series.of("bs", bs)).lazy();
        for (JoinType how : List.of(JoinType.INNER, JoinType.SEMI)) {
            LazyFrame query = probe.join(build, List.of("k", "j", "s"), List.of("bk", "bj", "bs"), how, "_r");
            String plan = query.explainPhysical();
            assertThat(plan).contains("KEY FILTER k IN the build side of HASH " + how + " JOIN")
                    .contains("KEY FILTER j IN").doesNotContain("KEY FILTER s IN");
            LazyFrame wideQuery = probe.join(build, List.of("kw", "j"), List.of("bw", "bj"), how, "_r");
            long expected = 0;
            long expectedWide = 0;
            for (int i = 0; i < rows; i++) {
                if (v[i] >= 60 || k[i] == null || j[i] == null) {
                    continue;
                }
                long matches = 0;
                long wideMatches = 0;
                for (int p = 0; p < pairs; p++) {
                    boolean both = bk[p] == k[i] && bj[p] == j[i];
                    matches += both && bs[p].equals(s[i]) ? 1 : 0;
                    wideMatches += both ? 1 : 0;
                }
                expected += how == JoinType.SEMI ? Math.min(1, matches) : matches;
                expectedWide += how == JoinType.SEMI ? Math.min(1, wideMatches) : wideMatches;
            }
            assertThat(query.collect().height()).as(how.toString()).isEqualTo(expected).isPositive();
            assertThat(wideQuery.collect().height()).as(how + ", wide").isEqualTo(expectedWide).isPositive();
        }
        // a left join keeps the probe rows without a match: no key filter
        assertThat(probe.join(build, List.of("k", "j"), List.of("bk", "bj"), JoinType.LEFT, "_r").explainPhysical())
                .doesNotContain("KEY FILTER");
    }

    @Test
    void aFilterThatKeepsMostRowsStopsTesting() {
        // 60% of the keys have a build row: filtering every row would give 960,000 rows; once the
        // first 2^20 are judged, the rest pass untested
        long[] id = new long[600];
        for (int i = 0; i < id.length; i++) {
            id[i] = i;
        }
        LazyFrame build = DataFrame.of(Series.of("id", id)).lazy();
        LazyFrame query = facts(1_600_000).lazy().filter(col("v").ge(0))
                .join(build, List.of("k"), List.of("id"), JoinType.SEMI, "_r");
        List<String> lines = query.explainAnalyze().lines().map(String::strip).toList();
        String line = lines.get(indexOf(lines, "KEY FILTER k IN"));
        long rows = Long.parseLong(line.substring(line.lastIndexOf('[') + 1, line.lastIndexOf(" rows]")).replace(",", ""));
        assertThat(rows).isGreaterThan(1_050_000).isLessThan(1_600_000);
        assertThat(query.collect().height()).isEqualTo(960_000);
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in\n" + String.join("\n", lines));
    }

    /** Random probe and build sides (keys dense or spread out, of two integer types, with nulls and repeats), filtered and joined, against the pairs worked out row by row. */
    @Test
    void answersAgreeWithJoinsWorkedOutRowByRow() {
        SplittableRandom random = new SplittableRandom(23);
        for (int round = 0; round < 60; round++) {
            long spread = List.of(1L, 1_009L, 1_000_003L).get(random.nextInt(3)); // an array, a bitmap, or a table alone
            int probeRows = random.nextInt(4_000);
            int buildRows = random.nextInt(300);
            int range = 1 + random.nextInt(600);
            Integer[] probeKeys = new Integer[probeRows];
            long[] v = new long[probeRows];
            for (int i = 0; i < probeRows; i++) {
                probeKeys[i] = random.nextInt(20) == 0 ? null : (int) (random.nextInt(range) * spread % Integer.MAX_VALUE);
                v[i] = random.nextInt(100);
            }
            Long[] buildKeys = new Long[buildRows];
            long[] w = new long[buildRows];
            for (int i = 0; i < buildRows; i++) {
                buildKeys[i] = random.nextInt(20) == 0 ? null : random.nextInt(range) * spread % Integer.MAX_VALUE;
                w[i] = i;
            }
            int threshold = random.nextInt(100);
            JoinType how = List.of(JoinType.INNER, JoinType.SEMI, JoinType.LEFT, JoinType.ANTI).get(random.nextInt(4));
            DataFrame probe = DataFrame.of(Series.of("k", Arrays.asList(probeKeys)), Series.of("v", v));
            DataFrame build = DataFrame.of(Series.of("b", Arrays.asList(buildKeys)), Series.of("w", w));
            DataFrame answer = probe.lazy().filter(col("v").ge(threshold))
                    .join(build.lazy(), List.of("k"), List.of("b"), how, "_r").collect();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < probeRows; i++) {
                if (v[i] < threshold) {
                    continue;
                }
                int matches = 0;
                for (int j = 0; j < buildRows; j++) {
                    if (probeKeys[i] != null && buildKeys[j] != null && probeKeys[i].longValue() == buildKeys[j]) {
                        matches++;
                        if (how == JoinType.INNER || how == JoinType.LEFT) {
                            expected.add(probeKeys[i] + "," + v[i] + "," + w[j]);
                        }
                    }
                }
                if (matches > 0 && how == JoinType.SEMI || matches == 0 && how == JoinType.ANTI) {
                    expected.add(probeKeys[i] + "," + v[i]);
                } else if (matches == 0 && how == JoinType.LEFT) {
                    expected.add(probeKeys[i] + "," + v[i] + ",null");
                }
            }
            List<String> actual = new ArrayList<>();
            for (int row = 0; row < answer.height(); row++) {
                String line = answer.get(row, "k") + "," + answer.get(row, "v");
                if (how == JoinType.INNER || how == JoinType.LEFT) {
                    line += "," + answer.get(row, "w");
                }
                actual.add(line);
            }
            Collections.sort(expected);
            Collections.sort(actual);
            assertThat(actual).as("round %d: %s join of %d by %d rows, keys spread %d", round, how, probeRows,
                    buildRows, spread).isEqualTo(expected);
        }
    }

    /**
     * Two joins on two keys of one probe side, their key filters stacked at its scan (one copy of
     * the rows both keep; the filter's comparison made on them too): random keys dense or spread
     * out, nulls, inner, semi and left joins, against the rows worked out row by row.
     */
    @Test
    void stackedKeyFiltersOfTwoJoinsAgreeWithJoinsWorkedOutRowByRow() {
        SplittableRandom random = new SplittableRandom(41);
        int stacked = 0;
        for (int round = 0; round < 60; round++) {
            int probeRows = random.nextInt(5_000);
            long[] spreads = {List.of(1L, 1_009L, 1_000_003L).get(random.nextInt(3)),
                    List.of(1L, 1_009L, 1_000_003L).get(random.nextInt(3))};
            int range = 1 + random.nextInt(400);
            Long[] k1 = new Long[probeRows];
            Long[] k2 = new Long[probeRows];
            long[] v = new long[probeRows];
            for (int i = 0; i < probeRows; i++) {
                k1[i] = random.nextInt(20) == 0 ? null : random.nextInt(range) * spreads[0];
                k2[i] = random.nextInt(20) == 0 ? null : random.nextInt(range) * spreads[1];
                v[i] = random.nextInt(100);
            }
            Long[][] builds = new Long[2][];
            for (int b = 0; b < 2; b++) {
                builds[b] = new Long[random.nextInt(1, 200)];
                for (int j = 0; j < builds[b].length; j++) {
                    builds[b][j] = random.nextInt(20) == 0 ? null : random.nextInt(range) * spreads[b];
                }
            }
            JoinType[] hows = new JoinType[2];
            for (int b = 0; b < 2; b++) {
                hows[b] = List.of(JoinType.INNER, JoinType.SEMI, JoinType.LEFT).get(random.nextInt(3));
            }
            int threshold = random.nextInt(100);
            LazyFrame query = DataFrame.of(Series.of("k1", Arrays.asList(k1)), Series.of("k2", Arrays.asList(k2)),
                            Series.of("v", v)).lazy().filter(col("v").ge(threshold))
                    .join(build(builds[0], 1), List.of("k1"), List.of("b1"), hows[0], "_r")
                    .join(build(builds[1], 2), List.of("k2"), List.of("b2"), hows[1], "_r");
            stacked += query.explainPhysical().contains("; KEY FILTER") ? 1 : 0;
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < probeRows; i++) {
                if (v[i] < threshold) {
                    continue;
                }
                List<String> rows = List.of(k1[i] + "," + k2[i] + "," + v[i]);
                for (int b = 0; b < 2; b++) {
                    Long key = b == 0 ? k1[i] : k2[i];
                    List<String> next = new ArrayList<>();
                    for (String row : rows) {
                        int matches = 0;
                        for (int j = 0; j < builds[b].length; j++) {
                            if (key != null && key.equals(builds[b][j])) {
                                matches++;
                                if (hows[b] != JoinType.SEMI) {
                                    next.add(row + "," + j);
                                }
                            }
                        }
                        if (matches > 0 && hows[b] == JoinType.SEMI) {
                            next.add(row);
                        } else if (matches == 0 && hows[b] == JoinType.LEFT) {
                            next.add(row + ",null");
                        }
                    }
                    rows = next;
                }
                expected.addAll(rows);
            }
            DataFrame answer = query.collect();
            List<String> actual = new ArrayList<>();
            for (int row = 0; row < answer.height(); row++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < answer.width(); c++) {
                    line.append(c == 0 ? "" : ",").append(answer.get(row, answer.schema().field(c).name()));
                }
                actual.add(line.toString());
            }
            Collections.sort(expected);
            Collections.sort(actual);
            assertThat(actual).as("round %d: %s then %s joins of %d rows, spreads %s", round, hows[0], hows[1],
                    probeRows, Arrays.toString(spreads)).isEqualTo(expected);
        }
        assertThat(stacked).as("rounds whose key filters were stacked").isGreaterThan(5);
    }

    /** A build side of {@code keys} (column {@code b<n>}) with each row's place (column {@code w<n>}). */
    private static LazyFrame build(Long[] keys, int n) {
        long[] place = new long[keys.length];
        for (int j = 0; j < keys.length; j++) {
            place[j] = j;
        }
        return DataFrame.of(Series.of("b" + n, Arrays.asList(keys)), Series.of("w" + n, place)).lazy();
    }
}
