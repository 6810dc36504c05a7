package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool contract on virtual threads without a limit: every task a thread of its own. */
class UnboundedVirtualThreadPoolTest extends ThreadBackendContractTest {
    @Override
    Pool newPool(int workers) {
        return Pool.virtualThreads();
    }

    @Override
    boolean startsEveryTaskAtOnce() {
        return true;
    }

    @Test
    void thousandsOfBlockingTasksWaitTogether() {
        // 2000 tasks sleeping 200 ms each: one after the other would take 400 s.
        long start = System.nanoTime();
        List<Integer> out = pool.map(i -> {
            Thread.sleep(200);
            return i;
        }, range(2000));
        assertThat(out).containsExactlyElementsOf(range(2000));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        assertThat(pool.workers()).isEqualTo(Integer.MAX_VALUE);
        assertThat(pool.toString()).contains("virtual threads, workers=unbounded");
    }
}
