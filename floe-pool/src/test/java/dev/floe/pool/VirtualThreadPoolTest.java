package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool contract on virtual threads with a concurrency limit. */
class VirtualThreadPoolTest extends ThreadBackendContractTest {
    @Override
    Pool newPool(int workers) {
        return Pool.virtualThreads(workers);
    }

    @Test
    void neverRunsMoreTasksAtOnceThanTheLimit() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        pool.map(i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(3);
            running.decrementAndGet();
            return i;
        }, range(100), 1);
        assertThat(most.get()).isBetween(1, WORKERS);
    }

    @Test
    void tasksRunOnVirtualThreads() {
        assertThat(pool.apply(() -> Thread.currentThread().isVirtual())).isTrue();
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> Pool.virtualThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrency must be at least 1, got 0");
    }
}
