package dev.floe.cli;

import static dev.floe.cli.MainTest.floeReading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.MainTest.Run;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL shell's input, meta-commands and error handling: what works without running a query. */
class SqlShellTest {
    @TempDir
    Path folder;

    private String csv;

    @BeforeEach
    void writeData() throws IOException {
        Path file = folder.resolve("sales 2024.csv");
        Files.writeString(file, "region,units,price\nnorth,3,2.5\nsouth,5,1.25\n");
        csv = file.toString();
    }

    private static List<String> entries(ShellInput input) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry = input.next(); entry != null; entry = input.next()) {
            entries.add(entry);
        }
        return entries;
    }

    @Test
    void pipedLinesMakeOneEntryPerStatementOrMetaCommand() throws IOException {
        String text = """

                .tables
                SELECT a,
                       b FROM t;
                  .schema t
                SELECT ';' AS semi -- a comment; not an end
                FROM t; SELECT 2;
                /* a comment
                   over lines; */ SELECT 3
                """;
        List<String> entries = entries(new ShellInput.Lines(new BufferedReader(new StringReader(text))));
        assertThat(entries).containsExactly(".tables", "SELECT a,\n       b FROM t;\n", ".schema t",
                "SELECT ';' AS semi -- a comment; not an end\nFROM t; SELECT 2;\n",
                "/* a comment\n   over lines; */ SELECT 3\n");
    }

    @Test
    void textThatIsOnlyACommentIsNoEntry() throws IOException {
        assertThat(entries(new ShellInput.Lines(new BufferedReader(new StringReader("-- just a note\n"))))).isEmpty();
    }

    @Test
    void onATerminalAStatementContinuesOverLinesUntilItsSemicolon() throws IOException {
        String typed = "SELECT a,\nb FROM t\nWHERE a > 1;\n.tables\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                screen)) {
            TerminalInput input = new TerminalInput(terminal, new dev.floe.sql.SqlContext(), null);
            assertThat(input.next()).isEqualTo("SELECT a,\nb FROM t\nWHERE a > 1;");
            assertThat(input.next()).isEqualTo(".tables");
            assertThat(input.next()).isNull();
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).startsWith(TerminalInput.PROMPT);
    }

    @Test
    void loadTablesAndSchema() {
        Run run = floeReading(".tables\n.load '" + csv + "'\n.load '" + csv + "' s\n.tables\n.schema s\n.schema\n",
                "sql");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                (no tables: CREATE TABLE name AS SELECT ..., or .load FILE)
                table sales_2024: %1$s
                table s: %1$s
                s
                sales_2024
                  column  type
                  ------  ----
                  region  str
                  units   i64
                  price   f64
                s:
                  column  type
                  ------  ----
                  region  str
                  units   i64
                  price   f64
                sales_2024:
                  column  type
                  ------  ----
                  region  str
                  units   i64
                  price   f64
                """.formatted(csv));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void schemaOfAFile() {
        Run run = floeReading(".schema '" + csv + "'\n", "sql");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("units   i64");
    }

    @Test
    void anErrorIsPrintedAndTheShellGoesOnButTheExitCodeIsOne() {
        Run run = floeReading(".load nope.csv\n.bogus\n.schema missing\n.timer maybe\n.mode xml\n.tables\n", "sql");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).containsExactly("floe: no such file: nope.csv",
                "floe: unknown command .bogus; .help lists them",
                "floe: no table or file named missing; tables: (none)",
                "floe: usage: .timer on|off",
                "floe: usage: .mode table|csv|tsv|json|jsonl");
        assertThat(run.out()).contains("(no tables");
    }

    @Test
    void aQueryErrorIsPrintedAndTheNextEntryRuns() {
        Run run = floeReading("SELECT no_such_column FROM '" + csv + "'; SELECT 'never';\n.load '" + csv + "' s\n",
                "sql");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("floe: ").doesNotContain("\tat ");
        assertThat(run.err().lines().filter(line -> line.startsWith("floe: ")).count()).isEqualTo(1);
        assertThat(run.out()).contains("table s: ").doesNotContain("never");
    }

    @Test
    void quitEndsTheShell() {
        Run run = floeReading(".help\n.timer on\n.mode csv\n.maxrows 5\n.mode\n.quit\n.bogus\n", "sql");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(".schema [TABLE|FILE]", ".read FILE", ".quit, .exit").endsWith("csv\n");
        assertThat(run.err()).isEmpty();
        assertThat(floeReading(".exit\nSELECT no_such_column FROM nowhere;\n", "sql").exitCode()).isZero();
    }

    @Test
    void readRunsTheCommandsOfAFile() throws IOException {
        Path script = Files.writeString(folder.resolve("setup.sql"), ".load '" + csv + "' s\n.tables\n");
        Run run = floeReading(".read " + script + "\n.read " + folder.resolve("nope.sql") + "\n", "sql");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("table s: " + csv + "\ns\n");
        assertThat(run.err()).isEqualTo("floe: no such file: " + folder.resolve("nope.sql") + "\n");
    }

    @Test
    void statementsThatMakeOrDropTablesPrintNothing() {
        Run run = floeReading("CREATE TABLE t AS SELECT 1 AS a;\nSELECT 'CREATE TABLE' AS c;\nDROP TABLE t;\n", "sql",
                "--format", "csv");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("c\nCREATE TABLE\n");
    }

    @Test
    void aScriptThatReadsItselfStopsWithAMessage() throws IOException {
        Path script = folder.resolve("loop.sql");
        Files.writeString(script, ".read " + script + "\n");
        Run run = floeReading(".read " + script + "\n", "sql");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(".read nests more than " + SqlShell.MAX_READ_DEPTH + " files deep");
    }

    @Test
    void tableNamesComeFromFileNames() {
        assertThat(SqlShell.tableName("data/G1_1e6_1e2_0_0.csv")).isEqualTo("G1_1e6_1e2_0_0");
        assertThat(SqlShell.tableName("sales-2024.parquet")).isEqualTo("sales_2024");
        assertThat(SqlShell.tableName("2024.csv")).isEqualTo("t_2024");
        assertThat(SqlShell.tableName("trades")).isEqualTo("trades");
    }

    @Test
    void metaCommandWordsKeepQuotedSpaces() {
        assertThat(SqlShell.words(".load 'my file.csv'  t")).containsExactly(".load", "my file.csv", "t");
        assertThat(SqlShell.words(".schema \"a b\"")).containsExactly(".schema", "a b");
        assertThat(SqlShell.words(".tables")).containsExactly(".tables");
    }
}
