package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.bench.BenchMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code floe bench h2o} and {@code floe bench join} with {@code --engine spark}: the questions on
 * Spark ({@code local[2]}, started and stopped by each command) next to Floe and DuckDB, Spark's
 * answers checked against Floe's (a disagreement fails the command). Small data (1e4 rows): the
 * cluster suite asks every question at larger sizes; here the bench's own path is tested. The join
 * asks two questions (an inner and a left join) to keep the suite short.
 */
class SparkBenchTest {
    @TempDir
    Path folder;

    record Run(int exitCode, String out, String err) {}

    static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new BenchMain()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void benchH2oOnSparkGivesFloesAnswersToEveryQuestion() {
        Run run = bench("h2o", "--engine", "spark", "--master", "local[2]", "--rows", "1e4", "--threads", "2", "--dir",
                folder.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("loaded into spark", "Spark 1", "Spark 2", "vs Floe")
                .contains("q1 ", "q8 ", "q9 ", "q10 ").contains("largest two v3 by id6").doesNotContain("largest two v3 by id6 *").doesNotContain("DIFFER");
    }

    @Test
    void benchJoinOnSparkGivesFloesAnswers() {
        Run run = bench("join", "--engine", "spark", "--master", "local[2]", "--rows", "1e4", "--threads", "2", "--dir",
                folder.toString(), "--only", "q1,q3");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Spark 1", "vs Floe").contains("q1 ", "q3 ").doesNotContain("DIFFER");
    }
}
