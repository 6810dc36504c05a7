package dev.floe.cli;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.physical.QueryCancelledException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** While a query runs, Ctrl-C (SIGINT) cancels it instead of ending the program. */
class CtrlCTest {
    @Test
    void ctrlCDuringAQueryCancelsItAndTheProgramGoesOn() throws Exception {
        DataFrame left = DataFrame.of(Series.of("a", LongStream.range(0, 200_000).toArray()));
        DataFrame right = DataFrame.of(Series.of("b", LongStream.range(0, 20_000).toArray()));
        LazyFrame endless = left.lazy().crossJoin(right.lazy()).select(col("a").add(col("b")).sum());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (CtrlC cancels = CtrlC.cancelsQueries()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(cancels.active(), "this JVM was started with SIGINT ignored "
                    + "(in the background), so no Ctrl-C can reach it");
            Thread runner = Thread.ofPlatform().start(() -> {
                try {
                    endless.collect();
                    failure.complete(null);
                } catch (Throwable e) {
                    failure.complete(e);
                }
            });
            while (!Floe.session().isRunning()) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            sun.misc.Signal.raise(new sun.misc.Signal("INT"));
            runner.join(10_000);
            assertThat(runner.isAlive()).as("the query stopped; the query's thread is at:%n%s%nevery thread:%n%s",
                    stack(runner), allStacks()).isFalse();
        }
        assertThat(failure.get()).isInstanceOf(QueryCancelledException.class).hasMessageContaining("Ctrl-C");
        assertThat(Floe.session().isRunning()).isFalse();
        DataFrame next = DataFrame.of(Series.of("x", 1L, 2L)).lazy().select(col("x").sum()).collect();
        assertThat(next.get(0, "x")).isEqualTo(3L);
    }

    private static String stack(Thread thread) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("  at ").append(frame).append('\n');
        }
        return text.toString();
    }

    private static String allStacks() {
        StringBuilder text = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            text.append(thread.getName()).append(" (").append(thread.getState()).append(")\n");
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                text.append("  at ").append(frames[i]).append('\n');
            }
        });
        return text.toString();
    }
}
