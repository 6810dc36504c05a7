package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Text similarity, gcd, lcm, hex, bin and the bit aggregates against DuckDB itself (in-process)
 * over seeded random rows: short ASCII texts from a small alphabet (so that they share characters,
 * prefixes and swapped pairs; DuckDB counts bytes, Floe characters, which agree on ASCII) and
 * integers of every size, small ones often.
 */
class NumberAndTextFunctionsDifferentialTest {
    private static final int ROWS = 2000;

    private static String text(SplittableRandom random, int from) {
        int length = random.nextInt(from, 9);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("abcde".charAt(random.nextInt(random.nextInt(3) == 0 ? 2 : 5)));
        }
        return out.toString();
    }

    private static long integer(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextLong(-50, 51);
            case 1 -> random.nextLong(-100_000, 100_001) * random.nextLong(1, 40);
            case 2 -> random.nextLong(-3_000_000_000L, 3_000_000_000L);
            case 3 -> random.nextLong();
            default -> 1L << random.nextInt(63);
        };
    }

    @Test
    void floeAndDuckdbAgreeOnRandomRows() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        List<Object> ids = new ArrayList<>();
        List<Object> ss = new ArrayList<>();
        List<Object> ts = new ArrayList<>();
        List<Object> us = new ArrayList<>();
        List<Object> as = new ArrayList<>();
        List<Object> bs = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            String s = text(random, 0);
            // t often s edited a little: a swap, a changed or dropped character
            String t = random.nextBoolean() ? text(random, 0) : edited(random, s);
            // u of s's length, for hamming; both non-empty where jaccard reads them
            String u = s.isEmpty() ? "" : edited(random, s, true);
            long a = integer(random);
            long b = random.nextInt(4) == 0 ? a * random.nextLong(-3, 4) : integer(random);
            ids.add((long) i);
            ss.add(s);
            ts.add(t);
            us.add(u);
            as.add(a);
            bs.add(b);
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", '").append(s).append("', '").append(t)
                    .append("', '").append(u).append("', ").append(a).append(", ").append(b).append(")");
        }
        List<String> exprs = List.of("levenshtein(s, t)", "damerau_levenshtein(s, t)", "damerau_levenshtein(t, s)",
                "CASE WHEN s <> '' THEN hamming(s, u) END", "CASE WHEN s <> '' AND t <> '' THEN jaccard(s, t) END",
                "jaro_similarity(s, t)", "jaro_winkler_similarity(s, t)", "jaro_winkler_similarity(s, u)",
                "hex(s)", "bin(t)", "hex(a)", "bin(b)", "hex(CAST(a AS HUGEINT) * 1000)",
                // gcd and lcm where DuckDB takes absolute values without overflowing
                "CASE WHEN a > -9223372036854775807 AND b > -9223372036854775807 THEN gcd(a, b) END",
                "CASE WHEN abs(a) < 3037000499 AND abs(b) < 3037000499 THEN lcm(a, b) END");
        String query = "SELECT id, " + String.join(", ", exprs) + " FROM p ORDER BY id";
        String grouped = "SELECT id % 37 AS g, bit_and(a), bit_or(a), bit_xor(a), bit_and(CAST(b AS INTEGER) // 3), "
                + "bit_or(CAST(a AS HUGEINT) * 3), bit_xor(DISTINCT id % 5) FROM p GROUP BY g ORDER BY g";
        List<List<String>> duckdbRows;
        List<List<String>> duckdbGroups;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE p AS SELECT * FROM (VALUES " + values + ") AS v(id, s, t, u, a, b)");
            duckdbRows = rows(statement, query, exprs.size() + 1);
            duckdbGroups = rows(statement, grouped.replace("CAST(b AS INTEGER) // 3", "CAST(b % 1000000 AS INTEGER)"),
                    7);
        }
        SqlContext floe = new SqlContext().register("p", DataFrame.of(Series.of("id", ids), Series.of("s", ss),
                Series.of("t", ts), Series.of("u", us), Series.of("a", DataType.INT64, as),
                Series.of("b", DataType.INT64, bs)));
        List<String> differences = new ArrayList<>();
        compare(floe.sql(query), duckdbRows, exprs, differences);
        compare(floe.sql(grouped.replace("CAST(b AS INTEGER) // 3", "CAST(b % 1000000 AS INTEGER)")), duckdbGroups,
                List.of("bit_and(a)", "bit_or(a)", "bit_xor(a)", "bit_and(int)", "bit_or(hugeint)", "bit_xor(DISTINCT)"),
                differences);
        assertThat(differences).isEmpty();
    }

    private static String edited(SplittableRandom random, String s) {
        return edited(random, s, false);
    }

    /** {@code s} with one character changed, two adjacent swapped, or (unless {@code sameLength}) one dropped. */
    private static String edited(SplittableRandom random, String s, boolean sameLength) {
        if (s.isEmpty()) {
            return s;
        }
        char[] chars = s.toCharArray();
        int at = random.nextInt(chars.length);
        switch (random.nextInt(sameLength ? 2 : 3)) {
            case 0 -> chars[at] = "abcde".charAt(random.nextInt(5));
            case 1 -> {
                if (at + 1 < chars.length) {
                    char c = chars[at];
                    chars[at] = chars[at + 1];
                    chars[at + 1] = c;
                }
            }
            default -> {
                return s.substring(0, at) + s.substring(at + 1);
            }
        }
        return new String(chars);
    }

    private static List<List<String>> rows(Statement statement, String query, int columns) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int k = 1; k <= columns; k++) {
                    row.add(rows.getString(k));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static void compare(DataFrame out, List<List<String>> duckdb, List<String> exprs, List<String> differences) {
        assertThat(out.height()).isEqualTo(duckdb.size());
        for (int i = 0; i < out.height(); i++) {
            List<Object> row = out.row(i).toList();
            for (int k = 0; k < row.size(); k++) {
                String mine = row.get(k) == null ? null : String.valueOf(row.get(k));
                String theirs = duckdb.get(i).get(k);
                if (!Objects.equals(mine, theirs) && !(mine != null && theirs != null && row.get(k) instanceof Double d
                        && Math.abs(d - Double.parseDouble(theirs)) <= 1e-12)) {
                    differences.add((k == 0 ? "id" : exprs.get(k - 1)) + " of row " + row.get(0) + ": floe " + mine
                            + ", duckdb " + theirs);
                }
            }
        }
    }
}
