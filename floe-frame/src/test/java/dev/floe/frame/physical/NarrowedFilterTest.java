package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A filter read straight by a {@code select} of some of its columns gathers those alone: the
 * answers, with every row passing, some, or none, on one and three threads, with the condition on
 * columns the select drops, keeps, or renames, and a join's key filter between them.
 */
class NarrowedFilterTest {
    private static DataFrame frame(int rows) {
        long[] a = new long[rows];
        String[] t = new String[rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = i;
            t[i] = i % 11 == 0 ? null : "row " + (i % 7);
            b[i] = i / 2.0;
        }
        return DataFrame.of(Series.of("a", a), Series.of("t", t), Series.of("b", b));
    }

    @Test
    void theSelectedColumnsOfTheRowsThatPass() {
        DataFrame frame = frame(20_000);
        record Case(LazyFrame query, List<String> expected) {}
        List<Case> cases = new ArrayList<>();
        List<String> some = new ArrayList<>();
        List<String> every = new ArrayList<>();
        List<String> renamed = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            if (i % 11 != 0 && i % 7 == 3 && i > 100) {
                some.add(i + "," + i / 2.0 * 2);
            }
            every.add(String.valueOf(i / 2.0));
            if (i % 11 != 0 && i % 7 != 3) {
                renamed.add((i % 11 != 0 ? "row " + (i % 7) : null) + "," + i);
            }
        }
        cases.add(new Case(frame.lazy().filter(col("t").str().like("%3%").and(col("a").gt(100)))
                .select(col("a"), col("b").mul(2).alias("b2")), some));
        cases.add(new Case(frame.lazy().filter(col("a").ge(0)).select(col("b")), every));
        cases.add(new Case(frame.lazy().filter(col("a").lt(0)).select(col("b")), List.of()));
        cases.add(new Case(frame.lazy().filter(col("t").str().like("%3%").not())
                .select(col("t").alias("text"), col("a").alias("t")), renamed));
        for (Case c : cases) {
            for (int threads : new int[] {1, 3}) {
                DataFrame answer;
                try (Session session = Session.create().threads(threads).morselRows(1_000)) {
                    answer = session.collect(c.query());
                }
                List<String> actual = new ArrayList<>();
                for (int row = 0; row < answer.height(); row++) {
                    StringBuilder line = new StringBuilder();
                    for (int column = 0; column < answer.width(); column++) {
                        line.append(column == 0 ? "" : ",").append(answer.get(row, answer.schema().field(column).name()));
                    }
                    actual.add(line.toString());
                }
                assertThat(actual).as("%s, %d threads", c.query().explain(), threads).isEqualTo(c.expected());
            }
        }
    }

    @Test
    void withAJoinsKeyFilterBetweenTheFilterAndTheSelect() {
        DataFrame frame = frame(5_000);
        LazyFrame keys = DataFrame.of(Series.of("k", 3L, 30L, 300L, 3_300L), Series.of("name", "x", "y", "z", "w"))
                .lazy();
        LazyFrame query = frame.lazy().filter(col("t").isNotNull()).select(col("a"), col("b"))
                .join(keys, List.of("a"), List.of("k"), dev.floe.frame.plan.JoinType.INNER, "_r");
        DataFrame answer = query.collect();
        List<Long> found = new ArrayList<>();
        for (int row = 0; row < answer.height(); row++) {
            found.add((Long) answer.get(row, "a"));
            assertThat((Double) answer.get(row, "b")).isEqualTo((Long) answer.get(row, "a") / 2.0);
        }
        // 3,300 is a multiple of 11: its text is null
        assertThat(found).containsExactlyInAnyOrder(3L, 30L, 300L);
    }
}
