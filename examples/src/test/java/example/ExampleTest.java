package example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs run as a user runs them: {@code java -cp <the project's class path> Main}, with no
 * JVM option at all. They must print their results and nothing on standard error (no warnings
 * about restricted methods, no stack traces).
 */
class ExampleTest {
    @TempDir
    Path folder;

    record Output(String out, String err) {}

    private Output run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path err = folder.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Output(out, Files.readString(err));
    }

    private Path sales() throws IOException {
        Path csv = folder.resolve("sales.csv");
        Files.writeString(csv, """
                region,units,price
                north,10,2.5
                south,3,4.0
                north,5,3.5
                west,0,9.0
                south,4,2.0
                """);
        return csv;
    }

    @Test
    void theReadmeProgramRunsWithNoFlags() throws Exception {
        Output output = run(Example.class, sales().toString());
        assertThat(output.err()).isEmpty();
        assertThat(output.out()).isEqualTo("""
                shape: (2, 3)
                ┌─────────┬───────┬────────────┐
                │ region  ┆ units ┆ mean_price │
                │ ---     ┆ ---   ┆ ---        │
                │ str     ┆ i64   ┆ f64        │
                ╞═════════╪═══════╪════════════╡
                │ "north" ┆    15 ┆        3.0 │
                │ "south" ┆     7 ┆        3.0 │
                └─────────┴───────┴────────────┘
                """);
    }

    @Test
    void parquetJsonAndSqlRunWithNoFlagsAndNoWarnings() throws Exception {
        Output output = run(Formats.class, sales().toString(), folder.toString());
        assertThat(output.err()).isEmpty();
        assertThat(output.out()).startsWith("parquet same: true, json same: true\n").contains("│   5 │");
    }
}
