package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import org.junit.jupiter.api.Test;

/**
 * Statements as deep or as long as a program writing SQL makes them: flat chains of any length
 * are answered; nesting beyond {@link Translator#MAX_DEPTH} is refused by name, never with a
 * {@link StackOverflowError}.
 */
class DeepStatementTest {
    private static SqlContext t() {
        return new SqlContext().register("t", DataFrame.of(Series.of("x", 1L, 2L, 3L)));
    }

    @Test
    void longChainsOfAndOrPlusTimesAndConcatenationAreAnswered() {
        SqlContext sql = t();
        assertThat(sql.sql("SELECT count(*) AS n FROM t WHERE x > 0" + " AND x > 0".repeat(4_999)).getLong(0, "n"))
                .isEqualTo(3L);
        assertThat(sql.sql("SELECT count(*) AS n FROM t WHERE x > 5" + " OR x = 2".repeat(4_999)).getLong(0, "n"))
                .isEqualTo(1L);
        assertThat(((Number) sql.sql("SELECT 1" + "+1".repeat(9_999) + " AS n").get(0, "n")).longValue())
                .isEqualTo(10_000L);
        assertThat(((Number) sql.sql("SELECT x" + "+x".repeat(9_999) + " - x AS n FROM t ORDER BY x").get(2, "n"))
                .longValue()).isEqualTo(29_997L);
        assertThat(((Number) sql.sql("SELECT x" + "*1".repeat(5_000) + " AS n FROM t ORDER BY x").get(1, "n"))
                .longValue()).isEqualTo(2L);
        assertThat(sql.sql("SELECT 'a'" + " || 'b'".repeat(3_000) + " AS s").getString(0, "s")).hasSize(3_001);
    }

    @Test
    void aThousandUnionsAreOneConcatenation() {
        SqlContext sql = t();
        String unions = "SELECT 1 AS v" + " UNION ALL SELECT 1".repeat(999);
        assertThat(sql.sql("SELECT count(*) AS n FROM (" + unions + ")").getLong(0, "n")).isEqualTo(1_000L);
        assertThat(sql.explain(unions)).containsOnlyOnce("CONCAT");
        StringBuilder distinct = new StringBuilder("SELECT x FROM t");
        for (int i = 1; i <= 500; i++) {
            distinct.append(" UNION SELECT x + ").append(i).append(" FROM t");
        }
        assertThat(sql.sql("SELECT count(*) AS n FROM (" + distinct + ")").getLong(0, "n")).isEqualTo(503L);
        // (a UNION b) UNION ALL c keeps c's duplicates
        assertThat(sql.sql("SELECT count(*) AS n FROM (SELECT 1 UNION SELECT 1 UNION ALL SELECT 1 UNION ALL SELECT 1)")
                .getLong(0, "n")).isEqualTo(3L);
    }

    @Test
    void nestingBeyondTheLimitIsRefusedByName() {
        SqlContext sql = t();
        String limit = "nested more than " + Translator.MAX_DEPTH;
        assertThatThrownBy(() -> sql.sql("SELECT " + "NOT ".repeat(2_000) + "true"))
                .isInstanceOf(SqlException.class).hasMessageContaining(limit);
        assertThatThrownBy(() -> sql.sql("SELECT " + "CASE WHEN x > 0 THEN ".repeat(500) + "1" + " END".repeat(500)
                + " FROM t")).isInstanceOf(SqlException.class).hasMessageContaining(limit);
        assertThatThrownBy(() -> sql.sql("SELECT " + "(".repeat(2_000) + "1" + ")".repeat(2_000)))
                .isInstanceOf(SqlException.class).hasMessageContaining(limit);
        assertThatThrownBy(() -> sql.sql("SELECT " + "abs(".repeat(1_000) + "x" + ")".repeat(1_000) + " FROM t"))
                .isInstanceOf(SqlException.class).hasMessageContaining(limit);
    }

    @Test
    void nestingWithinTheLimitIsAnswered() {
        SqlContext sql = t();
        assertThat(sql.sql("SELECT " + "NOT ".repeat(300) + "true AS b").getBoolean(0, "b")).isTrue();
        assertThat(((Number) sql.sql("SELECT " + "CASE WHEN x > 0 THEN ".repeat(100) + "x" + " END".repeat(100)
                + " AS v FROM t ORDER BY v").get(2, "v")).longValue()).isEqualTo(3L);
        assertThat(((Number) sql.sql("SELECT " + "(".repeat(200) + "7" + ")".repeat(200) + " AS v").get(0, "v"))
                .intValue()).isEqualTo(7);
        assertThat(((Number) sql.sql("SELECT " + "(SELECT ".repeat(50) + "5" + ")".repeat(50) + " AS v").get(0, "v"))
                .intValue()).isEqualTo(5);
    }
}
