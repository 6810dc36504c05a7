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

    @Test
    void noneReportsNothing() {
        Progress.Tracker tracker = Progress.none().start("x", 10);
        tracker.advance(5);
        tracker.close();
        assertThat(tracker).isSameAs(Progress.NoTracker.INSTANCE);
    }
}
