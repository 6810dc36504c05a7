package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.Session;
import dev.floe.frame.plan.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A semi or anti join whose left side is much the smaller builds on the left and only looks the
 * right side's rows up, marking the left rows they find: where it is chosen, that the right side's
 * key filter goes below its filters, and its answers, in the left side's order, against ones
 * worked out row by row over random keys, nulls and repeats, on one and three threads.
 */
class MarkingJoinTest {
    private static LazyFrame numbered(String key, String value, int rows, int every) {
        long[] k = new long[rows];
        long[] v = new long[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = (long) i * every % 100_000;
            v[i] = i;
        }
        return DataFrame.of(Series.of(key, k), Series.of(value, v)).lazy();
    }

    @Test
    void theSmallerLeftSideIsHashedAndTheRightSideFilteredByItsKeys() {
        for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
            LazyFrame small = numbered("k", "v", 100, 7);
            LazyFrame large = numbered("rk", "rv", 20_000, 1).filter(col("rv").mod(2).eq(0));
            String plan = small.join(large, List.of("k"), List.of("rk"), how, "_r").explainPhysical();
            assertThat(plan).as(how.toString()).contains("HASH " + how + " JOIN").contains("(build: left)");
            List<String> lines = plan.lines().map(String::strip).toList();
            int keys = indexOf(lines, "KEY FILTER rk IN the build side of HASH " + how + " JOIN");
            assertThat(keys).as(plan).isLessThan(indexOf(lines, "FILTER [")).isGreaterThan(indexOf(lines, "SCAN DF [rk, rv]"));
            // the other way round, the right side is hashed (and an anti join's left rows are never filtered by its keys)
            String other = large.join(small, List.of("rk"), List.of("k"), how, "_r").explainPhysical();
            assertThat(other).as(how.toString()).contains("(build: right)").doesNotContain("(build: left)");
            // keys 0, 7, .., 693 of the small side; the large side's even rows 0 .. 19,998 hold the even ones
            DataFrame answer = small.join(large, List.of("k"), List.of("rk"), how, "_r").collect();
            assertThat(answer.height()).isEqualTo(50);
            for (int row = 0; row < answer.height(); row++) {
                long k = (Long) answer.get(row, "k");
                assertThat(k % 2 == 0).isEqualTo(how == JoinType.SEMI);
                if (row > 0) {
                    assertThat(k).as("left order").isGreaterThan((Long) answer.get(row - 1, "k"));
                }
            }
        }
    }

    /** Random sides, the left much the smaller, joined on one key (or two), against the rows worked out row by row, in left order. */
    @Test
    void answersAndTheirOrderAgreeWithJoinsWorkedOutRowByRow() {
        SplittableRandom random = new SplittableRandom(31);
        for (int round = 0; round < 60; round++) {
            long spread = List.of(1L, 1_009L, 1_000_003L).get(random.nextInt(3));
            int leftRows = random.nextInt(300);
            int rightRows = 2_000 + random.nextInt(3_000);
            int range = 1 + random.nextInt(800);
            boolean twoKeys = random.nextInt(4) == 0;
            Integer[] leftKeys = new Integer[leftRows];
            String[] leftTags = new String[leftRows];
            long[] v = new long[leftRows];
            for (int i = 0; i < leftRows; i++) {
                leftKeys[i] = random.nextInt(15) == 0 ? null : (int) (random.nextInt(range) * spread % Integer.MAX_VALUE);
                leftTags[i] = random.nextInt(15) == 0 ? null : "t" + random.nextInt(3);
                v[i] = i;
            }
            Long[] rightKeys = new Long[rightRows];
            String[] rightTags = new String[rightRows];
            long[] w = new long[rightRows];
            for (int i = 0; i < rightRows; i++) {
                rightKeys[i] = random.nextInt(15) == 0 ? null : random.nextInt(range) * spread % Integer.MAX_VALUE;
                rightTags[i] = random.nextInt(15) == 0 ? null : "t" + random.nextInt(3);
                w[i] = random.nextInt(100);
            }
            int threshold = random.nextInt(30);
            JoinType how = random.nextBoolean() ? JoinType.SEMI : JoinType.ANTI;
            LazyFrame left = DataFrame.of(Series.of("k", Arrays.asList(leftKeys)), Series.of("t", leftTags),
                    Series.of("v", v)).lazy();
            LazyFrame right = DataFrame.of(Series.of("b", Arrays.asList(rightKeys)), Series.of("bt", rightTags),
                    Series.of("w", w)).lazy().filter(col("w").ge(threshold));
            LazyFrame query = twoKeys ? left.join(right, List.of("k", "t"), List.of("b", "bt"), how, "_r")
                    : left.join(right, List.of("k"), List.of("b"), how, "_r");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < leftRows; i++) {
                boolean found = false;
                for (int j = 0; j < rightRows && !found; j++) {
                    found = w[j] >= threshold && leftKeys[i] != null && rightKeys[j] != null
                            && leftKeys[i].longValue() == rightKeys[j]
                            && (!twoKeys || leftTags[i] != null && leftTags[i].equals(rightTags[j]));
                }
                if (found == (how == JoinType.SEMI)) {
                    expected.add(leftKeys[i] + "," + leftTags[i] + "," + v[i]);
                }
            }
            for (int threads : new int[] {1, 3}) {
                DataFrame answer;
                assertThat(query.explainPhysical()).contains("(build: left)");
                try (Session session = Session.create().threads(threads).morselRows(512)) {
                    answer = session.collect(query);
                }
                List<String> actual = new ArrayList<>();
                for (int row = 0; row < answer.height(); row++) {
                    actual.add(answer.get(row, "k") + "," + answer.get(row, "t") + "," + answer.get(row, "v"));
                }
                assertThat(actual).as("round %d: %s join of %d by %d rows, keys spread %d, %d threads", round, how,
                        leftRows, rightRows, spread, threads).isEqualTo(expected);
            }
        }
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line begins with " + prefix + " in\n" + String.join("\n", lines));
    }
}
