package dev.floe.bench.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.sql.SqlContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 22 TPC-H queries, as the specification writes them, answered by Floe's SQL and by DuckDB
 * on the same data (scale factor 0.01, generated in memory; DuckDB reads it from Parquet files
 * Floe wrote), the answers compared in full: the same rows in the same order, numbers with a
 * fraction to a relative 1e-9. Floe runs with several threads and small morsels, so the
 * parallel paths are the ones checked.
 */
class TpchAgainstDuckDbTest {
    private static final double SCALE = 0.01;

    @TempDir
    static Path folder;

    private static Map<String, DataFrame> tables;
    private static Connection connection;
    private static Statement duckdb;
    /** The same data with money, quantities and rates as the specification's DECIMAL(15, 2). */
    private static Map<String, DataFrame> decimalTables;
    private static Connection decimalConnection;
    private static Statement decimalDuckdb;

    @BeforeAll
    static void load() throws Exception {
        tables = TpchData.generate(SCALE);
        Map<String, Path> files = TpchData.writeParquet(tables, folder);
        connection = DriverManager.getConnection("jdbc:duckdb:");
        duckdb = connection.createStatement();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            duckdb.execute("CREATE TABLE " + file.getKey() + " AS SELECT * FROM read_parquet('"
                    + file.getValue().toAbsolutePath() + "')");
        }
        decimalTables = TpchData.generate(SCALE, true);
        Map<String, Path> decimalFiles = TpchData.writeParquet(decimalTables, folder.resolve("decimal"));
        decimalConnection = DriverManager.getConnection("jdbc:duckdb:");
        decimalDuckdb = decimalConnection.createStatement();
        for (Map.Entry<String, Path> file : decimalFiles.entrySet()) {
            decimalDuckdb.execute("CREATE TABLE " + file.getKey() + " AS SELECT * FROM read_parquet('"
                    + file.getValue().toAbsolutePath() + "')");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duckdb.close();
        connection.close();
        decimalDuckdb.close();
        decimalConnection.close();
    }

    static IntStream queries() {
        return IntStream.rangeClosed(1, TpchQueries.COUNT);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void queryAgreesWithDuckDb(int q) throws Exception {
        agrees(q, tables, duckdb);
    }

    /** With the specification's decimal money, each decimal of the answer exactly DuckDB's. */
    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void queryOverDecimalMoneyAgreesWithDuckDbExactly(int q) throws Exception {
        assertThat(decimalTables.get("lineitem").schema().type("l_extendedprice")).isEqualTo(TpchData.MONEY);
        agrees(q, decimalTables, decimalDuckdb);
    }

    private static void agrees(int q, Map<String, DataFrame> tables, Statement duckdb) throws Exception {
        SqlContext floe = new SqlContext().withConfig(new ExecutionConfig(3, 1_024));
        tables.forEach(floe::register);
        List<String> statements = TpchQueries.statements(q);
        int answering = TpchQueries.answering(statements);
        DataFrame answer = null;
        List<List<Object>> expected = null;
        for (int i = 0; i < statements.size(); i++) {
            DataFrame result = floe.sql(statements.get(i));
            if (i == answering) {
                answer = result;
                expected = TpchCheck.rows(duckdb, statements.get(i));
            } else {
                duckdb.execute(statements.get(i));
            }
        }
        assertThat(expected).as("DuckDB's answer to Q%d", q).isNotEmpty();
        assertThat(TpchCheck.compare(answer, expected)).as("Q%d against DuckDB", q).isNull();
    }

    /** The optimized plan of query {@code q}'s answering statement (its views created first). */
    private static String plan(int q) {
        SqlContext floe = new SqlContext();
        tables.forEach(floe::register);
        List<String> statements = TpchQueries.statements(q);
        int answering = TpchQueries.answering(statements);
        for (int i = 0; i < answering; i++) {
            floe.sql(statements.get(i));
        }
        return floe.explain(statements.get(answering));
    }

    @Test
    void plansNeverCrossTablesAConditionConnectsAndFilterEachTableEarly() {
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            // a cross join only with one row: a scalar subquery's value joined in where it repeats part of
            // its query (q11, q15), so that the part is computed once; never two tables
            List<String> lines = plan(q).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).trim().startsWith("CROSS JOIN")) {
                    continue;
                }
                int indent = lines.get(i).indexOf('C');
                boolean oneRow = false;
                for (int k = i + 1; k < lines.size() && lines.get(k).indexOf(lines.get(k).trim()) > indent; k++) {
                    String child = lines.get(k);
                    oneRow |= child.indexOf(child.trim()) == indent + 2 && child.trim().endsWith("~1 row");
                }
                assertThat(oneRow).as("Q%d: %s", q, String.join("\n", lines)).isTrue();
            }
        }
        // Q7's OR of (n1, n2) name pairs filters each nation table before it is joined
        String plan7 = plan(7);
        List<String> q7 = plan7.lines().filter(l -> l.contains("FILTER") && l.contains("FRANCE")
                && l.contains("GERMANY")).toList();
        // the two nation tables' own filters, and the OR itself after the join
        assertThat(q7).as(plan7).hasSize(3);
        // Q17's correlated average reads its part keys from the filtered part table, not from a join with lineitem
        String plan17 = plan(17);
        List<String> q17 = plan17.lines().toList();
        int unique = -1;
        for (int i = 0; i < q17.size() && unique < 0; i++) {
            unique = q17.get(i).trim().startsWith("UNIQUE") ? i : -1;
        }
        assertThat(unique).as(plan17).isNotNegative();
        int indent = q17.get(unique).indexOf('U');
        for (int i = unique + 1; i < q17.size() && q17.get(i).indexOf(q17.get(i).trim()) > indent; i++) {
            assertThat(q17.get(i)).as(plan17).doesNotContain("JOIN");
        }
    }

    @Test
    void everyQueryIsAResource() {
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            assertThat(TpchQueries.text(q)).as("q%02d.sql", q).containsIgnoringCase("select");
        }
        assertThat(TpchQueries.NAMES).hasSize(TpchQueries.COUNT);
    }

    @Test
    void theScanQuestionsAgreeWithDuckDbReadingTheSameFile() throws Exception {
        Map<String, Path> files = TpchBench.files(folder, SCALE, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        List<dev.floe.bench.h2o.H2oBench.Timing> timings = TpchBench.scan(files.get("lineitem"), 2);
        assertThat(timings).hasSize(TpchBench.SCANS.size()).allMatch(dev.floe.bench.h2o.H2oBench.Timing::agree);
    }

    @Test
    void theBenchRunsItsBodyOnce() throws Exception {
        Map<String, Path> files = TpchBench.files(folder, SCALE, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        List<dev.floe.bench.h2o.H2oBench.Timing> timings = TpchBench.run(files, 2, List.of("q1", "q15", "q21"), null);
        assertThat(timings).hasSize(3).allMatch(dev.floe.bench.h2o.H2oBench.Timing::agree);
    }
}
