package dev.floe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Settling waits for a stretch without compilation, and not without end. */
class JitSettleTest {
    @Test
    void waitsForAQuietStretchAndNoLongerThanItsBound() {
        long start = System.nanoTime();
        JitSettle.await();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isGreaterThanOrEqualTo(100).isLessThan(10_000);
    }
}
