package dev.floe.cli;

import static dev.floe.cli.MainTest.floe;
import static dev.floe.cli.MainTest.floeReading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.MainTest.Run;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe sql}, {@code floe explain} and the shell running real queries (these need floe-sql's translator). */
class SqlQueryTest {
    @TempDir
    Path folder;

    private String csv;

    @BeforeEach
    void writeData() throws IOException {
        Path file = folder.resolve("t.csv");
        Files.writeString(file, "a,b\nx,1\ny,2\nx,3\n");
        csv = file.toString();
    }

    @Test
    void selectStarFromAFilePrintsItsRows() {
        Run run = floe("sql", "SELECT * FROM '" + csv + "'");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("shape: (3, 2)").contains("\"x\"", "\"y\"", "│ a ", "i64");
        assertThat(run.err()).isEmpty();
        Run asCsv = floe("sql", "--format", "csv", "SELECT * FROM '" + csv + "'");
        assertThat(asCsv.out()).isEqualTo("a,b\nx,1\ny,2\nx,3\n");
    }

    @Test
    void aGroupByGivesItsCountsInOrder() {
        Run run = floe("sql", "--format", "csv", "SELECT a, count(*) AS n, sum(b) AS total FROM '" + csv
                + "' GROUP BY a ORDER BY a");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("a,n,total\nx,2,4\ny,1,2\n");
        Run json = floe("sql", "--format", "json", "--threads", "1", "SELECT a, count(*) AS n FROM '" + csv
                + "' GROUP BY a ORDER BY a");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).isEqualTo("[\n{\"a\":\"x\",\"n\":2},\n{\"a\":\"y\",\"n\":1}\n]\n");
    }

    @Test
    void severalStatementsRunInOrderAndTheLastIsPrinted() {
        Run run = floe("sql", "--format", "csv", "CREATE TABLE t AS SELECT * FROM '" + csv + "'; "
                + "CREATE TABLE u AS SELECT a, b * 10 AS b10 FROM t WHERE b > 1; SELECT * FROM u ORDER BY b10");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("a,b10\ny,20\nx,30\n");
        Run ddlLast = floe("sql", "CREATE TABLE t AS SELECT * FROM '" + csv + "';");
        assertThat(ddlLast.exitCode()).as(ddlLast.err()).isZero();
        assertThat(ddlLast.out()).isEmpty();
    }

    @Test
    void aScriptFileRuns() throws IOException {
        Path script = Files.writeString(folder.resolve("q.sql"), """
                -- the big b values
                CREATE VIEW v AS SELECT * FROM '%s';
                SELECT a, b
                FROM v
                WHERE b >= 2
                ORDER BY b DESC;
                """.formatted(csv));
        Run run = floe("sql", "-f", script.toString(), "--format", "tsv", "--timing");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("a\tb\nx\t3\ny\t2\n");
        assertThat(run.err()).matches("Run time: [0-9]+\\.[0-9]{3} s\\n");
    }

    @Test
    void resultsGoToFilesInEveryFormat() throws IOException {
        String query = "SELECT a, b FROM '" + csv + "' ORDER BY b";
        DataFrame expected = Floe.readCsv(csv);
        for (String name : List.of("out.parquet", "out.arrow", "out.csv")) {
            Path file = folder.resolve(name);
            Run run = floe("sql", "-o", file.toString(), query);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEmpty();
            DataFrame back = switch (name) {
                case "out.parquet" -> Floe.readParquet(file.toString());
                case "out.arrow" -> Floe.readArrow(file.toString());
                default -> Floe.readCsv(file.toString());
            };
            assertThat(back).as(name).isEqualTo(expected);
        }
        Path json = folder.resolve("out.jsonl");
        assertThat(floe("sql", "-o", json.toString(), query).exitCode()).isZero();
        assertThat(Files.readAllLines(json)).containsExactly("{\"a\":\"x\",\"b\":1}", "{\"a\":\"y\",\"b\":2}",
                "{\"a\":\"x\",\"b\":3}");
    }

    @Test
    void aLongResultShowsHeadAndTailAndSaysHowManyRowsItShows() throws IOException {
        StringBuilder text = new StringBuilder("n\n");
        for (int i = 0; i < 100; i++) {
            text.append(i).append('\n');
        }
        Path numbers = Files.writeString(folder.resolve("numbers.csv"), text);
        Run run = floe("sql", "--max-rows", "6", "SELECT n FROM '" + numbers + "' ORDER BY n");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("shape: (100, 1)").containsPattern("│ +0 │").containsPattern("│ +2 │")
                .containsPattern("│ +97 │").containsPattern("│ +99 │").contains("│ …   │")
                .doesNotContainPattern("│ +50 │").endsWith("└─────┘\n6 of 100 rows shown; --max-rows all shows every row\n");
        Run all = floe("sql", "--max-rows", "all", "SELECT n FROM '" + numbers + "' ORDER BY n");
        assertThat(all.out()).containsPattern("│ +50 │").doesNotContain("…", "rows shown");
    }

    @Test
    void aWrongColumnIsNamedInTheError() {
        Run run = floe("sql", "SELECT zz FROM '" + csv + "'");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("floe: ").contains("zz", "line 1").doesNotContain("\tat ");
    }

    @Test
    void explainPrintsThePlan() {
        Run run = floe("explain", "SELECT a, sum(b) AS total FROM '" + csv + "' WHERE b > 1 GROUP BY a");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("AGGREGATE", "CSV " + csv, "filter [(col(\"b\")) > (1)]").doesNotEndWith("\n\n");
        Run unoptimized = floe("explain", "--unoptimized", "SELECT a FROM '" + csv + "' WHERE b > 1");
        assertThat(unoptimized.exitCode()).as(unoptimized.err()).isZero();
        assertThat(unoptimized.out()).isNotEqualTo(floe("explain", "SELECT a FROM '" + csv + "' WHERE b > 1").out());
    }

    @Test
    void pipedStatementsShareTheirTables() {
        Run run = floeReading("""
                CREATE TABLE t AS SELECT * FROM '%s';
                .tables
                .mode csv
                SELECT a, sum(b) AS total
                  FROM t
                 GROUP BY a ORDER BY a; SELECT count(*) AS n FROM t;
                DROP TABLE t;
                .tables
                """.formatted(csv), "sql");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                t
                a,total
                x,4
                y,2
                n
                3
                (no tables: CREATE TABLE name AS SELECT ..., or .load FILE)
                """);
    }

    @Test
    void theShellPrintsEveryQueryAndGoesOnAfterAnError() throws IOException {
        Path script = Files.writeString(folder.resolve("s.sql"), "SELECT count(*) AS n FROM '" + csv + "';\n");
        Run run = floeReading(".mode jsonl\n.timer on\nSELECT nope FROM '" + csv + "';\n.read " + script + "\n"
                + ".load " + csv + "\n.explain SELECT a FROM t WHERE b = 2\nSELECT max(b) AS top FROM t\n", "sql");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("{\"n\":3}\n").endsWith("{\"top\":3}\n").contains("table t: " + csv);
        assertThat(run.err()).contains("nope").contains("Run time: ").doesNotContain("\tat ");
    }

    @Test
    void echoIntoFloeSqlWorks() {
        Run run = floeReading("SELECT 1 AS one\n", "sql", "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("one\n1\n");
    }
}
