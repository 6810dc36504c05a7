package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/**
 * SQL the front end was not written for: seeded random statements (token soup, valid queries
 * with a token deleted, repeated, swapped or inserted) and pathological ones (nesting of every
 * kind below, at and beyond {@link Translator#MAX_DEPTH}; chains of AND, OR, +, *, || and UNION
 * ALL thousands long). Each must give an answer, a {@link SqlException}, or a
 * {@link FloeException} while running (an overflow, a failed cast): never another exception
 * type, never a {@link StackOverflowError}, never a hang. {@code -Dfloe.sql.fuzz.cases=N} and
 * {@code -Dfloe.sql.fuzz.seed=S} run more or other cases; the seed and the statement are
 * printed on failure, and the counts of each outcome at the end.
 */
class SqlFuzzTest {
    private static final long SEED = Long.getLong("floe.sql.fuzz.seed", 20_260_415L);
    private static final int CASES = Integer.getInteger("floe.sql.fuzz.cases", 300);

    private static final List<String> VOCABULARY = List.of("SELECT", "FROM", "WHERE", "GROUP BY", "HAVING",
            "ORDER BY", "LIMIT", "OFFSET", "DISTINCT", "t", "u", "i", "s", "d", "dt", "k", "t.i", "u.k", "*", "(", ")",
            "(", ")", ",", "+", "-", "*", "/", "%", "||", "=", "<>", "<", ">=", "AND", "OR", "NOT", "NULL", "TRUE",
            "0", "1", "-1", "2147483647", "9223372036854775807", "9223372036854775808", "1e308", "0.5", ".06",
            "'a'", "''", "'2024-01-31'", "CASE", "WHEN", "THEN", "ELSE", "END", "IN", "EXISTS", "BETWEEN", "LIKE",
            "IS", "CAST", "AS", "INTEGER", "VARCHAR", "DOUBLE", "DATE '2024-01-01'", "INTERVAL '1' MONTH",
            "count(*)", "sum(", "avg(", "min(", "max(", "abs(", "substring(", "coalesce(", "UNION", "ALL",
            "INTERSECT", "EXCEPT", "JOIN", "LEFT JOIN", "ON", "USING", "OVER", "PARTITION BY", "row_number()",
            "WITH", "x AS", "VALUES", "EXCLUDE", "?", "$1", ";", "::", "[", "]", "{", "}", "\"i\"", "--", "/*");

    private static final List<String> QUERIES = List.of(
            "SELECT i, s FROM t WHERE i > 1 ORDER BY i",
            "SELECT s, count(*), sum(d) FROM t GROUP BY s HAVING count(*) > 0 ORDER BY s",
            "SELECT t.i, u.v FROM t JOIN u ON t.i = u.k ORDER BY 1",
            "SELECT i FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.i)",
            "SELECT i, (SELECT max(v) FROM u WHERE u.k <= t.i) AS m FROM t",
            "SELECT i FROM t WHERE i NOT IN (SELECT k FROM u)",
            "SELECT CASE WHEN d > 1 THEN 'big' ELSE 'small' END FROM t",
            "SELECT dt + INTERVAL '1' MONTH, substring(s FROM 1 FOR 1) FROM t",
            "SELECT i, row_number() OVER (PARTITION BY s ORDER BY i) FROM t",
            "WITH x AS (SELECT i * 2 AS j FROM t) SELECT sum(j) FROM x",
            "SELECT i FROM t UNION ALL SELECT k FROM u ORDER BY 1 LIMIT 3",
            "SELECT * EXCLUDE (s) FROM t WHERE d BETWEEN .5 AND 2",
            "SELECT count(DISTINCT s), avg(i) FROM t, u WHERE t.i = u.k",
            "SELECT i FROM t WHERE s LIKE 'a%' OR s IS NULL",
            "SELECT CAST(i AS VARCHAR) || s FROM t",
            "SELECT i + 2147483647 FROM t");

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS) // a guard against a hang, not a measure of speed
    void everyStatementGivesAnAnswerOrAClearError() {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int n = 0; n < CASES; n++) {
            String statement = switch (n % 20) {
                case 0 -> pathological(random);
                case 1, 2, 3, 4, 5, 6, 7, 8 -> mutated(random);
                default -> soup(random);
            };
            outcomes.merge(outcome(n, statement), 1, Integer::sum);
        }
        System.out.println("SqlFuzzTest, seed " + SEED + ", " + CASES + " cases: " + outcomes);
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
    }

    /** The kind of outcome; fails on any other. */
    private static String outcome(int n, String statement) {
        try {
            tables().sql(statement);
            return "answered";
        } catch (SqlException e) {
            assertThat(e.getMessage()).as("case %d, a message", n).isNotBlank();
            return e.reason().startsWith("syntax error") ? "syntax error" : "refused (SqlException)";
        } catch (FloeException e) {
            return "failed while running (" + e.getClass().getSimpleName() + ")";
        } catch (Throwable e) {
            String shown = statement.length() > 400 ? statement.substring(0, 400) + "... (" + statement.length()
                    + " characters)" : statement;
            throw new AssertionFailedError("case " + n + " of seed " + SEED + " threw " + e + " for:\n" + shown, e);
        }
    }

    private static SqlContext tables() {
        Schema t = Schema.of("i", DataType.INT32, "s", DataType.UTF8, "d", DataType.FLOAT64, "dt", DataType.DATE);
        Schema u = Schema.of("k", DataType.INT64, "v", DataType.INT32);
        return new SqlContext()
                .register("t", DataFrame.ofRows(t, List.of(Arrays.asList(1, "a", 0.5, LocalDate.of(2024, 1, 31)),
                        Arrays.asList(2, null, 2.5, null), Arrays.asList(null, "b", null, LocalDate.of(2023, 2, 28)))))
                .register("u", DataFrame.ofRows(u, List.of(Arrays.asList(1L, 10), Arrays.asList(3L, null),
                        Arrays.asList(null, 30))));
    }

    private static String soup(Random random) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "SELECT " : "");
        int tokens = 1 + random.nextInt(30);
        for (int i = 0; i < tokens; i++) {
            text.append(VOCABULARY.get(random.nextInt(VOCABULARY.size()))).append(' ');
        }
        return text.toString();
    }

    private static String mutated(Random random) {
        List<String> tokens = new ArrayList<>(Arrays.asList(QUERIES.get(random.nextInt(QUERIES.size())).split(" ")));
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes && !tokens.isEmpty(); c++) {
            int at = random.nextInt(tokens.size());
            switch (random.nextInt(4)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, tokens.get(at));
                case 2 -> java.util.Collections.swap(tokens, at, random.nextInt(tokens.size()));
                default -> tokens.add(at, VOCABULARY.get(random.nextInt(VOCABULARY.size())));
            }
        }
        return String.join(" ", tokens);
    }

    /** Nesting of one kind at a depth around the limit or far beyond, or a chain thousands long. */
    private static String pathological(Random random) {
        int[] depths = {10, 100, Translator.MAX_DEPTH - 10, Translator.MAX_DEPTH + 1, 2_000};
        int depth = depths[random.nextInt(depths.length)];
        int length = new int[] {100, 1_000, 5_000}[random.nextInt(3)];
        return switch (random.nextInt(11)) {
            case 0 -> "SELECT " + "NOT ".repeat(depth) + "TRUE";
            case 1 -> "SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth);
            case 2 -> "SELECT " + "CASE WHEN i > 0 THEN ".repeat(depth) + "1" + " END".repeat(depth) + " FROM t";
            case 3 -> "SELECT " + "abs(".repeat(depth) + "i" + ")".repeat(depth) + " FROM t";
            case 4 -> "SELECT " + "(SELECT ".repeat(Math.min(depth, 120)) + "1" + ")".repeat(Math.min(depth, 120));
            case 5 -> "SELECT count(*) FROM t WHERE i > 0" + " AND i > 0".repeat(length);
            case 6 -> "SELECT count(*) FROM t WHERE i > 5" + " OR i = 2".repeat(length);
            case 7 -> "SELECT 1" + "+1".repeat(length);
            case 8 -> "SELECT i" + " * 1".repeat(length) + " FROM t";
            case 9 -> "SELECT s" + " || 'x'".repeat(length) + " FROM t";
            default -> "SELECT count(*) FROM (SELECT 1 AS v" + " UNION ALL SELECT 1".repeat(length / 5) + ")";
        };
    }
}
