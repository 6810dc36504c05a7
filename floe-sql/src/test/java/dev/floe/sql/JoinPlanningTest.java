package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import org.junit.jupiter.api.Test;

/**
 * How SQL's FROM lists become joins: never a cross product where a WHERE equality connects the
 * tables, whatever order FROM names them in, or when the equality is written in every branch
 * of an OR; correlated subqueries become joins, not a query per row.
 */
class JoinPlanningTest {
    private static SqlContext tables() {
        return new SqlContext()
                .register("a", DataFrame.of(Series.of("x", 1L, 2L, 3L), Series.of("u", 10, 20, 30)))
                .register("b", DataFrame.of(Series.of("y", 1L, 2L, 4L), Series.of("v", 1, 2, 3)))
                .register("c", DataFrame.of(Series.of("x2", 1L, 2L, 3L), Series.of("y2", 1L, 2L, 2L)));
    }

    @Test
    void commaListsJoinWhereAnEqualityConnectsNotInFromOrder() {
        SqlContext sql = tables();
        String query = "SELECT u, v FROM a, b, c WHERE a.x = c.x2 AND b.y = c.y2 ORDER BY u";
        assertThat(sql.explain(query)).doesNotContain("CROSS JOIN");
        assertThat(sql.sql(query).toMaps()).containsExactly(java.util.Map.of("u", 10, "v", 1),
                java.util.Map.of("u", 20, "v", 2), java.util.Map.of("u", 30, "v", 2));
    }

    @Test
    void aConditionInEveryBranchOfAnOrBecomesAJoinKey() {
        SqlContext sql = tables();
        String query = "SELECT u FROM a, b WHERE (a.x = b.y AND a.u > 10) OR (a.x = b.y AND b.v < 2) ORDER BY u";
        assertThat(sql.explain(query)).doesNotContain("CROSS JOIN");
        assertThat(sql.sql(query).toMaps()).containsExactly(java.util.Map.of("u", 10), java.util.Map.of("u", 20));
        // a OR (a AND b) is a
        String absorbed = "SELECT u FROM a, b WHERE a.x = b.y OR (a.x = b.y AND b.v < 2) ORDER BY u";
        assertThat(sql.explain(absorbed)).doesNotContain("CROSS JOIN").doesNotContain("|");
    }

    @Test
    void anEqualityWithAConstantFiltersItsTableInsteadOfJoiningTwo() {
        SqlContext sql = tables();
        // u = 20 connects a to nothing: it must not become the key of a join of a with b
        String query = "SELECT u, v FROM a, b, c WHERE a.u = 20 AND b.y = c.y2 AND c.x2 = a.x AND 1 = b.v";
        String plan = sql.explain(query);
        assertThat(plan).doesNotContain("CROSS JOIN").doesNotContain("20.alias").doesNotContain("1.alias");
        assertThat(sql.sql(query).toMaps()).isEmpty();
        assertThat(sql.sql("SELECT u, v FROM a, b, c WHERE a.u = 20 AND b.y = c.y2 AND c.x2 = a.x AND 2 = b.v")
                .toMaps()).containsExactly(java.util.Map.of("u", 20, "v", 2));
    }

    @Test
    void onlyTablesNoEqualityConnectsAreCrossed() {
        String query = "SELECT count(*) AS n FROM a, b, c WHERE a.x = c.x2";
        SqlContext sql = tables();
        assertThat(sql.explain(query)).containsOnlyOnce("CROSS JOIN");
        assertThat(sql.sql(query).getLong(0, "n")).isEqualTo(9L);
    }

    @Test
    void correlatedSubqueriesBecomeJoinsOnTheirOuterValues() {
        SqlContext sql = tables();
        String exists = "SELECT u FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.y = a.x AND b.v <> a.u) ORDER BY u";
        assertThat(sql.explain(exists)).contains("SEMI JOIN").doesNotContain("CROSS JOIN");
        assertThat(sql.sql(exists).toMaps()).containsExactly(java.util.Map.of("u", 10), java.util.Map.of("u", 20));
        String scalar = "SELECT u, (SELECT count(*) FROM b WHERE b.y <= a.x) AS n FROM a ORDER BY u";
        assertThat(sql.explain(scalar)).contains("LEFT JOIN");
        assertThat(sql.sql(scalar).toMaps()).containsExactly(java.util.Map.of("u", 10, "n", 1L),
                java.util.Map.of("u", 20, "n", 2L), java.util.Map.of("u", 30, "n", 2L));
    }
}
