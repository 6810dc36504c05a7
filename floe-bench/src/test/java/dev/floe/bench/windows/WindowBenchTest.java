package dev.floe.bench.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WindowBenchTest {
    @TempDir
    Path folder;

    /** The benchmark's body once, on a small table: every window's answer agrees with DuckDB's. */
    @Test
    void verify() {
        StringWriter text = new StringWriter();
        CommandLine command = new CommandLine(new WindowBench());
        command.setOut(new PrintWriter(text));
        int exit = command.execute("--rows", "30000", "--runs", "1", "--threads", "2", "--dir", folder.toString());
        assertThat(exit).as(text.toString()).isZero();
        assertThat(text.toString().split("answers agree", -1)).as(text.toString()).hasSize(WindowBench.QUERIES.size() + 1);
        assertThat(text.toString()).doesNotContain("DIFFER");
    }
}
