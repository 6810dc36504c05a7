package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.Main;
import dev.floe.frame.Engine;
import dev.floe.frame.EngineProvider;
import dev.floe.frame.Floe;
import dev.floe.frame.physical.LocalEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floe sql} on Spark, found by name ({@link EngineProvider}) as the {@code floe} command
 * finds it: {@code --engine spark} prints the local engine's answer. Each command starts a Spark of
 * its own ({@code local[2]}) and stops it.
 */
class SparkCommandTest {
    @TempDir
    Path folder;

    record Run(int exitCode, String out, String err) {}

    static Run floe(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void floeSqlOnSparkPrintsTheLocalEnginesAnswer() throws IOException {
        Path csv = Files.writeString(folder.resolve("t.csv"), "k,v,w\nb,1,0.5\na,2,1.5\nb,3,\nc,,2.0\na,5,4.25\n");
        String query = "SELECT k, sum(v) AS v, avg(w) AS w, count(*) AS n FROM '" + csv + "' WHERE k <> 'c' "
                + "GROUP BY k ORDER BY k";
        Run local = floe("", "sql", query);
        assertThat(local.exitCode()).as(local.err()).isZero();
        Run spark = floe("", "sql", "--engine", "spark", "--master", "local[2]", "--format", "csv", query);
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        assertThat(spark.out()).isEqualTo(floe("", "sql", "--format", "csv", query).out()).contains("a,7,2.875,2");
        // the shell too: statements piped in, each answered on Spark
        Run shell = floe(query + ";\nSELECT count(*) AS rows FROM '" + csv + "';\n", "sql", "--engine", "spark",
                "--master", "local[2]");
        assertThat(shell.exitCode()).as(shell.err()).isZero();
        assertThat(shell.out()).contains(local.out().strip()).contains("│    5 │");
        assertThat(Floe.session().engine()).as("the session's engine put back").isSameAs(LocalEngine.INSTANCE);
    }

    @Test
    void workFloeDoesInsideSparksTasksRunsOnFloesOwnEngine() throws IOException {
        // with --engine spark the session's engine is Spark; a task computing what Spark cannot (a list
        // cast to text) in the driver's JVM ran Spark again inside the task and failed
        Path parquet = folder.resolve("lists.parquet");
        Run write = floe("", "sql", "COPY (SELECT [1, 2] AS l, 'z' AS t) TO '" + parquet + "'");
        assertThat(write.exitCode()).as(write.err()).isZero();
        Run spark = floe("", "sql", "--engine", "spark", "--master", "local[2]", "--format", "csv",
                "SELECT l, CAST(l AS VARCHAR) AS s, t FROM '" + parquet + "'");
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        assertThat(spark.out()).isEqualTo("l,s,t\n\"[1, 2]\",\"[1, 2]\",z\n");
    }

    @Test
    void floeExplainOnSparkPrintsThePlanSparkRuns() throws IOException {
        Path csv = Files.writeString(folder.resolve("t.csv"), "k,v\nb,1\na,2\n");
        String query = "SELECT k, sum(v) AS v FROM '" + csv + "' WHERE v > 1 GROUP BY k";
        Run spark = floe("", "explain", "--engine", "spark", "--master", "local[2]", query);
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        assertThat(spark.out()).startsWith("Spark (local[2])\n").contains("== Physical Plan ==")
                .contains("HashAggregate").contains("t.csv");
        Run local = floe("", "explain", query);
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.out()).doesNotContain("Spark").contains("t.csv");
        assertThat(Floe.session().engine()).as("the session's engine put back").isSameAs(LocalEngine.INSTANCE);
        Run analyze = floe("", "explain", "--engine", "spark", "--master", "local[2]", "--analyze", query);
        assertThat(analyze.exitCode()).isNotZero();
        assertThat(analyze.err()).contains("the spark engine cannot profile a query");
        Run unoptimized = floe("", "explain", "--engine", "spark", "--unoptimized", query);
        assertThat(unoptimized.exitCode()).isEqualTo(2);
        assertThat(unoptimized.err()).contains("--unoptimized and --engine do not go together");
    }

    @Test
    void anUnknownEngineIsRefusedNamingTheEnginesThereAre() {
        Run run = floe("", "sql", "--engine", "flink", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("floe: --engine flink: there is no engine named 'flink'; the engines are "
                + "local, spark\n");
        assertThat(EngineProvider.names()).containsExactly("local", "spark");
    }

    @Test
    void theSparkEngineByNameTakesAMasterAndSparksSettingsOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EngineProvider.open("spark", Map.of("threads", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the spark engine takes master and Spark's settings (spark.*), not 'threads'");
        try (Engine spark = EngineProvider.open("spark", Map.of("master", "local[2]", "spark.sql.shuffle.partitions", "3"))) {
            assertThat(spark).isInstanceOf(SparkEngine.class);
            SparkEngine engine = (SparkEngine) spark;
            assertThat(engine.session().sparkContext().master()).isEqualTo("local[2]");
            assertThat(engine.session().conf().get("spark.sql.shuffle.partitions")).isEqualTo("3");
        }
    }
}
