package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

public class MainTest {
    public record Run(int exitCode, String out, String err) {}

    public static Run floe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs {@code floe args} with {@code input} as its standard input. */
    public static Run floeReading(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withoutArgumentsPrintsUsage() {
        Run run = floe();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: floe").contains("demo", "sql", "head", "schema", "describe", "convert",
                "explain");
    }

    @Test
    void aUsageErrorSaysWhereToReadMore() {
        Run run = floe("head", "--rows", "x", "file.csv");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("floe: ").contains("'x'").endsWith("Try 'floe head --help' for more information.\n");
    }

    @Test
    void helpSaysWhatFloeIsToday() {
        Run run = floe("--help");
        assertThat(run.out()).contains("one machine", ".json", ".ndjson").doesNotContain("distributed");
    }

    @Test
    void aBadRowCountNamesTheOptionAsTyped() {
        Run shortName = floe("head", "file.csv", "-n", "abc");
        assertThat(shortName.exitCode()).isEqualTo(2);
        assertThat(shortName.err()).startsWith("floe: -n takes a number of rows (0 or more) or 'all', not 'abc'");
        Run longName = floe("head", "file.csv", "--rows=-3");
        assertThat(longName.err()).startsWith("floe: --rows takes a number of rows");
    }

    @Test
    void aMistypedOptionIsNamedAloneWithTheOneMeant() {
        Run run = floe("sql", "--formt", "csv", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("floe: unknown option '--formt'; did you mean --format?\n")
                .doesNotContain("'SELECT 1'");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run run = floe("nonsense");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("nonsense");
    }

    @Test
    void versionNamesTheJava() {
        Run run = floe("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("floe").contains("Java " + Runtime.version().feature());
    }

    @Test
    void aCommandLineNamingASubcommandBuildsThatOneAlone() {
        assertThat(Main.subcommandNamed("sql", "SELECT 1")).isEqualTo(SqlCommand.class);
        assertThat(Main.subcommandNamed("--debug", "explain", "SELECT 1")).isEqualTo(ExplainCommand.class);
        assertThat(Main.subcommandNamed("demo", "sql")).isEqualTo(dev.floe.cli.demo.DemoCommand.class);
        // every one where the usage, the help command or a suggestion needs them all
        assertThat(Main.subcommandNamed()).isNull();
        assertThat(Main.subcommandNamed("--help")).isNull();
        assertThat(Main.subcommandNamed("help", "sql")).isNull();
        assertThat(Main.subcommandNamed("sqll")).isNull();
        assertThat(Main.subcommandNamed("-V", "sql")).isNull();
    }

    @Test
    void theSubcommandsWorkWithTheirParentAsBefore() {
        Run debug = floe("--debug", "sql", "--format", "csv", "SELECT 1 + 1 AS x");
        assertThat(debug.exitCode()).isZero();
        assertThat(debug.out()).isEqualTo("x\n2\n");
        Run help = floe("help", "sql");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: floe sql");
        Run typo = floe("sqll", "SELECT 1");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).startsWith("floe: Unmatched arguments from index 0: 'sqll', 'SELECT 1'\n");
        Run usage = floe("sql", "--help");
        assertThat(usage.out()).startsWith("Usage: floe sql");
    }
}
