package dev.floe.cli;

import static dev.floe.cli.MainTest.floe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe sql} and {@code floe explain}: options, usage errors and how query errors are told. */
class SqlCommandTest {
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
    void aQueryErrorExitsWithOneAndPrintsTheMessageWithoutAStackTrace() {
        Run run = floe("sql", "SELECT no_such_column FROM '" + csv + "'");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("floe: ").doesNotContain("\tat ", "Exception", "--debug");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void explainPrintsThePlansLinesWhole() {
        String query = "SELECT b, count(*) AS n FROM '" + csv + "' WHERE b > 0 GROUP BY b";
        Run run = floe("sql", "EXPLAIN " + query);
        assertThat(run.exitCode()).isEqualTo(0);
        Run explain = floe("explain", query);
        assertThat(run.out()).isEqualTo(explain.out()).contains("AGGREGATE", "filter [(col(\"b\")) > (0)]")
                .doesNotContain("…", "│");
    }

    @Test
    void debugAddsTheStackTrace() {
        for (String[] args : new String[][] {{"sql", "--debug", "SELECT no_such_column FROM '" + csv + "'"},
                {"--debug", "sql", "SELECT no_such_column FROM '" + csv + "'"}}) {
            Run run = floe(args);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("floe: ").contains("\tat dev.floe.");
        }
    }

    @Test
    void anUnknownEngineIsAUsageErrorNamingTheEnginesThereAre() {
        Run run = floe("sql", "--engine", "sparky", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("floe: --engine sparky: there is no engine named 'sparky'; the engines are "
                + "local, spark\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theSparkEngineWithoutFloeSparkSaysHowToGetIt() {
        // floe-cli does not depend on floe-spark: the launcher adds it to the class path for --engine spark
        Run run = floe("sql", "--engine", "spark", "--master", "local[2]", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("floe: the spark engine needs the floe-spark module on the class path (Maven: "
                + "dev.floe:floe-spark); the ./floe launcher puts it there with --engine spark once it is built "
                + "(mvn -pl floe-spark -am package -DskipTests)\n");
    }

    @Test
    void sparkOptionsWithTheLocalEngineAreUsageErrors() {
        Run master = floe("sql", "--master", "local[2]", "SELECT 1");
        assertThat(master.exitCode()).isEqualTo(2);
        assertThat(master.err()).contains("--master is for another engine (--engine spark)");
        Run conf = floe("sql", "--engine", "local", "--conf", "spark.executor.memory=1g", "SELECT 1");
        assertThat(conf.exitCode()).isEqualTo(2);
        assertThat(conf.err()).contains("--conf is for another engine (--engine spark)");
        assertThat(floe("sql", "--engine", "local", "SELECT 1 AS one").out()).contains("one");
    }

    @Test
    void aMissingScriptFailsNamingIt() {
        Run run = floe("sql", "-f", folder.resolve("nope.sql").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("floe: no such file: " + folder.resolve("nope.sql") + "\n");
    }

    @Test
    void anEmptyScriptIsAQueryError() throws IOException {
        Path script = Files.writeString(folder.resolve("empty.sql"), "-- nothing here\n;\n");
        Run run = floe("sql", "-f", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("floe: no statement to run\n");
    }

    @Test
    void csvAndTsvOutputWriteNestedValuesAsTheirText() {
        Run csv = floe("sql", "--format", "csv", "SELECT 1 AS k, [1, 2] AS l, {'x': 'a'} AS s");
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.out()).isEqualTo("k,l,s\n1,\"[1, 2]\",{'x': a}\n");
        Run tsv = floe("sql", "--format", "tsv", "SELECT [1, 2] AS l");
        assertThat(tsv.out()).isEqualTo("l\n[1, 2]\n");
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path script = Files.writeString(folder.resolve("q.sql"), "SELECT 1;");
        Run both = floe("sql", "-f", script.toString(), "SELECT 2");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        Run binary = floe("sql", "--format", "arrow", "SELECT 1");
        assertThat(binary.exitCode()).isEqualTo(2);
        assertThat(binary.err()).contains("arrow output is binary");
        Run unknownFormat = floe("sql", "--format", "xml", "SELECT 1");
        assertThat(unknownFormat.exitCode()).isEqualTo(2);
        assertThat(unknownFormat.err()).contains("unknown format 'xml'; formats: table, csv, tsv, json, jsonl");
        Run unknownExtension = floe("sql", "-o", folder.resolve("out.xlsx").toString(), "SELECT 1");
        assertThat(unknownExtension.exitCode()).isEqualTo(2);
        assertThat(unknownExtension.err()).contains("cannot tell the format of", "out.xlsx");
        assertThat(floe("sql", "--threads", "0", "SELECT 1").exitCode()).isEqualTo(2);
        assertThat(floe("sql", "--max-rows", "-5", "SELECT 1").exitCode()).isEqualTo(2);
        assertThat(floe("sql", "--bogus", "SELECT 1").exitCode()).isEqualTo(2);
        assertThat(floe("sql", "SELECT 1", "SELECT 2").exitCode()).isEqualTo(2);
        Run outputInShell = MainTest.floeReading(".tables\n", "sql", "-o", folder.resolve("x.csv").toString());
        assertThat(outputInShell.exitCode()).isEqualTo(2);
        assertThat(outputInShell.err()).contains("-o writes the result of SQL given as an argument or with -f");
    }

    @Test
    void explainNeedsOneQuery() {
        assertThat(floe("explain").exitCode()).isEqualTo(2);
        Run error = floe("explain", "SELECT no_such_column FROM '" + csv + "'");
        assertThat(error.exitCode()).isEqualTo(1);
        assertThat(error.err()).startsWith("floe: ").doesNotContain("\tat ");
    }

    @Test
    void explainAnalyzeRunsTheQueryAndShowsTheRowsOfEachStep() {
        Run run = floe("explain", "--analyze", "SELECT count(*) AS n FROM '" + csv + "'");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pipeline 1").containsPattern("\\[\\d[\\d,]* rows?\\]")
                .containsPattern("result: 1 row in \\d+\\.\\d ms");
        Run both = floe("explain", "--analyze", "--physical", "SELECT 1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--analyze goes alone");
        Run shell = MainTest.floeReading(".explain analyze SELECT count(*) AS n FROM '" + csv + "';\n", "sql");
        assertThat(shell.exitCode()).as(shell.err()).isZero();
        assertThat(shell.out()).containsPattern("result: 1 row in \\d+\\.\\d ms");
    }

    @Test
    void helpListsTheOptions() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        Run run;
        try {
            System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
            run = floe("sql", "--help");
        } finally {
            System.setErr(err);
        }
        assertThat(run.exitCode()).isZero();
        // every option's description formats (a bare % in one made picocli warn on each use)
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Could not format");
        assertThat(run.out()).contains("70% of the JVM's heap");
        assertThat(run.out()).contains("--format", "--max-rows", "--threads", "--timing", "--debug", "-f, --file",
                "-o, --output");
    }
}
