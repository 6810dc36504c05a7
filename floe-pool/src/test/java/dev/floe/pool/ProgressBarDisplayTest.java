package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressBarDisplayTest {
    @Test
    void theEnvironmentVariableWinsThenForceThenTheTerminal() {
        assertThat(ProgressBarDisplay.shouldDraw(false, null, true)).isTrue();
        assertThat(ProgressBarDisplay.shouldDraw(false, null, false)).isFalse();
        assertThat(ProgressBarDisplay.shouldDraw(true, null, false)).isTrue();
        assertThat(ProgressBarDisplay.shouldDraw(false, "always", false)).isTrue();
        assertThat(ProgressBarDisplay.shouldDraw(true, "never", true)).isFalse();
        assertThat(ProgressBarDisplay.shouldDraw(false, " Off ", true)).isFalse();
        assertThat(ProgressBarDisplay.shouldDraw(false, "unknown", true)).isTrue();
    }

    @Test
    void aForcedBarDrawsTheLabelAndCountOnStderr() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Pool pool = Pool.threads(2)) {
            pool.withProgress("squares", Progress.bar(true)).map(i -> i * i, IntStream.range(0, 500).boxed().toList());
        } finally {
            System.setErr(original);
        }
        String drawn = captured.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains("squares").contains("500/500");
    }

    /** Draws a forced bar: run in a JVM of its own, whose standard error is a file, not a terminal. */
    public static final class Probe {
        public static void main(String[] args) {
            try (Pool pool = Pool.threads(2)) {
                pool.withProgress("squares", Progress.bar(true)).map(i -> i * i,
                        IntStream.range(0, 500).boxed().toList());
            }
        }
    }

    @Test
    void aForcedBarAwayFromATerminalLogsNoWarnings() throws Exception {
        java.nio.file.Path err = java.nio.file.Files.createTempFile("floe-bar", ".txt");
        try {
            Process process = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String drawn = java.nio.file.Files.readString(err);
            assertThat(drawn).contains("squares", "500/500").doesNotContain("WARNING", "jline", "terminal");
        } finally {
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    @Test
    void theLineShowsCountPercentTimeAndRate() {
        assertThat(ProgressBarDisplay.line("rows", 250, 1000, 2_000_000_000L))
                .isEqualTo("rows  25% [=====>              ] 250/1000 tasks (0:00:02 / 0:00:06) 125.0 tasks/s");
        assertThat(ProgressBarDisplay.line("rows", 10, 10, 1_000_000_000L))
                .isEqualTo("rows 100% [====================] 10/10 tasks (0:00:01 / 0:00:00) 10.0 tasks/s");
    }

    @Test
    void noneReportsNothing() {
        Progress.Tracker tracker = Progress.none().start("x", 10);
        tracker.advance(5);
        tracker.close();
        assertThat(tracker).isSameAs(Progress.NoTracker.INSTANCE);
    }
}
