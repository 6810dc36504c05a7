package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How SQL's aggregates become the engine's: {@code sum} (and the others that are null over no
 * values) test each group for values with a count; where the value is never null (a column
 * without nulls, a constant, or +, - and * of such) that count is the group's rows, one
 * aggregate shared by all of them, and the answers stay SQL's (null over no rows, counts 0).
 */
class AggregatePlanningTest {
    private static SqlContext tables() {
        return new SqlContext()
                .register("t", DataFrame.of(Series.of("g", "a", "b", "a", "c"), Series.of("x", 1L, 2L, 3L, 4L),
                        Series.of("y", 0.5, 1.5, 2.5, 3.5), Series.of("n", Arrays.asList(1L, null, null, 4L))));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void valuesThatAreNeverNullShareTheGroupsRowCount() {
        SqlContext sql = tables();
        String query = "SELECT g, sum(x) AS sx, sum(y) AS sy, sum(x * (1 - y)) AS sxy, count(x) AS cx, count(*) AS c, "
                + "sum(n) AS sn, count(n) AS cn FROM t GROUP BY g ORDER BY g";
        String plan = sql.explain(query);
        assertThat(occurrences(plan, "len()")).as(plan).isEqualTo(1);
        // only n, which holds nulls, is counted value by value
        assertThat(occurrences(plan, ".count()")).as(plan).isEqualTo(1);
        assertThat(plan).contains("col(\"n\").count()");
        List<Map<String, Object>> rows = sql.sql(query).toMaps();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsEntry("g", "a").containsEntry("cx", 2L).containsEntry("c", 2L)
                .containsEntry("cn", 1L).containsEntry("sy", 3.0).containsEntry("sxy", 1 * 0.5 + 3 * -1.5);
        assertThat(rows.get(1)).containsEntry("g", "b").containsEntry("cn", 0L).containsEntry("sn", null);
    }

    @Test
    void overNoRowsSumsAreNullAndCountsZero() {
        SqlContext sql = tables();
        Map<String, Object> expected = new HashMap<>();
        expected.put("sx", null);
        expected.put("sxy", null);
        expected.put("cx", 0L);
        expected.put("c", 0L);
        assertThat(sql.sql("SELECT sum(x) AS sx, sum(x * (1 - y)) AS sxy, count(x) AS cx, count(*) AS c FROM t "
                + "WHERE x > 10").toMaps()).containsExactly(expected);
        assertThat(sql.sql("SELECT g, sum(x) AS sx FROM t WHERE x > 10 GROUP BY g").height()).isZero();
    }
}
