package dev.floe.bench.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.io.csv.CsvOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every benchmark question answered by Floe and by DuckDB on small data of every kind (with and
 * without nulls, sorted and not, K = 2 and K = 100), the answers compared in full: the same rows
 * (in any order), every value equal, numbers to a relative 1e-9. Floe runs with several threads
 * and small morsels, so the parallel paths (partitioned merges and builds) are the ones checked.
 */
class QuestionsAgainstDuckDbTest {
    @TempDir
    static Path folder;

    private static final ExecutionConfig CONFIG = new ExecutionConfig(3, 1_024);

    static Stream<Arguments> groupByData() {
        List<Arguments> cases = new ArrayList<>();
        for (int k : new int[] {2, 100}) {
            for (int na : new int[] {0, 5}) {
                for (boolean sorted : new boolean[] {false, true}) {
                    cases.add(Arguments.of(k, na, sorted));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "K={0}, NA={1}%, sorted={2}")
    @MethodSource("groupByData")
    void groupByQuestionsAgreeWithDuckDb(int k, int na, boolean sorted) throws Exception {
        Path file = GroupByData.write(folder, 20_000, k, na, sorted, 11);
        DataFrame x = Floe.readCsv(file, CsvOptions.defaults().withType("id1", DataType.CATEGORICAL)
                .withType("id2", DataType.CATEGORICAL).withType("id3", DataType.CATEGORICAL));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE x AS SELECT * FROM read_csv('" + file.toAbsolutePath() + "')");
            for (GroupByQuestions.Question question : GroupByQuestions.ALL) {
                DataFrame answer = question.floe().apply(x, CONFIG);
                assertSameRows(answer, statement, question.sql(), question.name() + " " + question.description());
            }
        }
    }

    @ParameterizedTest(name = "NA={0}%, sorted={1}")
    @MethodSource("joinData")
    void joinQuestionsAgreeWithDuckDb(int na, boolean sorted) throws Exception {
        JoinData.Files files = JoinData.write(folder, 20_000, na, sorted, 11);
        JoinData.Tables tables = new JoinData.Tables(Floe.readCsv(files.x()), Floe.readCsv(files.small()),
                Floe.readCsv(files.medium()), Floe.readCsv(files.big()));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (String table : List.of("x", "small", "medium", "big")) {
                Path path = switch (table) {
                    case "x" -> files.x();
                    case "small" -> files.small();
                    case "medium" -> files.medium();
                    default -> files.big();
                };
                statement.execute("CREATE TABLE " + table + " AS SELECT * FROM read_csv('" + path.toAbsolutePath()
                        + "')");
            }
            for (JoinQuestions.Question question : JoinQuestions.ALL) {
                DataFrame answer = question.floe().apply(tables, CONFIG);
                assertSameRows(answer, statement, question.sql(), "join " + question.name() + " "
                        + question.description());
            }
        }
    }

    static Stream<Arguments> joinData() {
        return Stream.of(Arguments.of(0, false), Arguments.of(0, true), Arguments.of(5, false), Arguments.of(5, true));
    }

    /** Floe's answer and DuckDB's hold the same rows, in any order. */
    private static void assertSameRows(DataFrame answer, Statement statement, String sql, String question)
            throws SQLException {
        List<List<Object>> expected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            for (int c = 1; c <= columns; c++) {
                names.add(result.getMetaData().getColumnLabel(c));
            }
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(normal(result.getObject(c)));
                }
                expected.add(row);
            }
        }
        assertThat(answer.columns()).as("%s: columns", question).isEqualTo(names);
        List<List<Object>> actual = new ArrayList<>();
        for (int i = 0; i < answer.height(); i++) {
            List<Object> row = new ArrayList<>();
            for (Object value : answer.row(i).toList()) {
                row.add(normal(value));
            }
            actual.add(row);
        }
        assertThat(actual).as("%s: rows", question).hasSameSizeAs(expected);
        assertThat(expected).as("%s: DuckDB's answer is empty", question).isNotEmpty();
        Comparator<List<Object>> order = Comparator.comparing(QuestionsAgainstDuckDbTest::sortKey);
        actual.sort(order);
        expected.sort(order);
        // a sum over no values is 0 in Floe, as in pandas and Polars; SQL makes it NULL
        java.util.Set<String> sums = new java.util.HashSet<>();
        java.util.regex.Matcher sum = java.util.regex.Pattern.compile("sum\\((\\w+)\\) AS (\\w+)").matcher(sql);
        while (sum.find()) {
            sums.add(sum.group(2));
        }
        for (int i = 0; i < actual.size(); i++) {
            List<Object> a = actual.get(i);
            List<Object> e = expected.get(i);
            for (int c = 0; c < e.size(); c++) {
                String where = question + ", row " + i + " " + e + ", column " + names.get(c);
                if (e.get(c) == null && sums.contains(names.get(c))) {
                    assertThat(a.get(c)).as(where).isEqualTo(0.0);
                } else if (e.get(c) instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    assertThat(a.get(c)).as(where).isEqualTo(d); // an infinity's relative tolerance would take any number
                } else if (e.get(c) instanceof Double d && a.get(c) instanceof Double f) {
                    assertThat(Math.abs(f - d)).as("%s: %s vs %s", where, f, d)
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(d)));
                } else {
                    assertThat(a.get(c)).as(where).isEqualTo(e.get(c));
                }
            }
        }
    }

    /** Numbers as doubles (DuckDB sums integers to HUGEINT), everything else as it is. */
    private static Object normal(Object value) {
        return value instanceof Number number ? (Object) number.doubleValue() : value;
    }

    /** A row's text with numbers to 6 significant digits, so rows sort alike on both sides. */
    private static String sortKey(List<Object> row) {
        StringBuilder key = new StringBuilder();
        for (Object value : row) {
            key.append(value instanceof Double d ? String.format(Locale.ROOT, "%.6e", d) : String.valueOf(value))
                    .append('|');
        }
        return key.toString();
    }
}
