package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What backends whose tasks run on threads of the caller's JVM add to the contract: tasks can be
 * interrupted, share the caller's objects, and may use the pool they run on.
 */
abstract class ThreadBackendContractTest extends PoolContractTest {

    @Test
    void tasksRunOnThePoolsThreads() {
        assertThat(pool.apply(() -> Thread.currentThread().getName())).contains("floe-pool-");
    }

    @Test
    void mapFailureInterruptsRunningTasks() {
        CountDownLatch othersRunning = new CountDownLatch(WORKERS - 1);
        AtomicInteger interrupted = new AtomicInteger();
        assertThatThrownBy(() -> pool.map(i -> {
            if (i == 0) {
                othersRunning.await();
                throw new IllegalStateException("stop");
            }
            othersRunning.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return i;
        }, range(WORKERS), 1)).isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(IllegalStateException.class);
        pool.close();
        assertThat(interrupted).hasValue(WORKERS - 1);
    }

    @Test
    void closingAnImapStreamCancelsTheTasksNotDone() {
        AtomicInteger completed = new AtomicInteger();
        try (Stream<Integer> results = pool.imap(i -> {
            if (i >= 3) {
                Thread.sleep(60_000); // only cancellation ends this
            }
            completed.incrementAndGet();
            return i;
        }, range(500))) {
            assertThat(results.limit(3).toList()).containsExactly(0, 1, 2);
        }
        pool.close(); // returns once the running tasks were interrupted and the rest skipped
        assertThat(completed).hasValue(3);
    }

    @Test
    void closeFromInsideATaskIsAnError() {
        assertThatThrownBy(() -> pool.apply(() -> {
            pool.close();
            return 1;
        })).isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("close() was called from a task of " + pool
                        + "; it would wait for itself. Call shutdown() there, or close() from outside the pool");
    }

    @Test
    void tasksMaySubmitWorkToTheirOwnPoolWithoutDeadlock() {
        try (Pool single = newPool(1)) {
            int total = single.apply(() -> single.map(i -> i * 2, range(10)).stream().mapToInt(Integer::intValue).sum());
            assertThat(total).isEqualTo(90);
            List<Integer> nested = single.map(i -> single.apply(() -> i + 1), range(5));
            assertThat(nested).containsExactly(1, 2, 3, 4, 5);
            int fromStream = single.apply(() -> {
                try (Stream<Integer> s = single.imap(i -> i, range(4))) {
                    return s.mapToInt(Integer::intValue).sum();
                }
            });
            assertThat(fromStream).isEqualTo(6);
        }
    }
}
