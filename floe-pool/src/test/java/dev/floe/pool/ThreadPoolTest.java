package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The pool contract on platform threads, plus what is particular to them. */
class ThreadPoolTest extends ThreadBackendContractTest {
    @Override
    Pool newPool(int workers) {
        return Pool.threads(workers);
    }

    @Test
    void runsOnExactlyTheRequestedNumberOfDaemonThreads() {
        Set<String> names = ConcurrentHashMap.newKeySet();
        Set<Boolean> daemon = ConcurrentHashMap.newKeySet();
        pool.map(i -> {
            names.add(Thread.currentThread().getName());
            daemon.add(Thread.currentThread().isDaemon());
            Thread.sleep(5);
            return i;
        }, range(64), 1);
        assertThat(names).hasSizeLessThanOrEqualTo(WORKERS).allMatch(name -> name.contains("-worker-"));
        assertThat(daemon).containsExactly(true);
        assertThat(pool.workers()).isEqualTo(WORKERS);
    }

    @Test
    void defaultChunksizeFollowsMultiprocessing() {
        ExecutorPool four = (ExecutorPool) pool;
        assertThat(four.defaultChunksize(0)).isEqualTo(1);
        assertThat(four.defaultChunksize(1)).isEqualTo(1);
        assertThat(four.defaultChunksize(16)).isEqualTo(1);
        assertThat(four.defaultChunksize(17)).isEqualTo(2);
        assertThat(four.defaultChunksize(1000)).isEqualTo(63);
        assertThat(four.defaultChunksize(1_000_000)).isEqualTo(62_500);
    }

    @Test
    void workersMustBePositive() {
        assertThatThrownBy(() -> Pool.threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be at least 1, got 0");
        assertThatThrownBy(() -> Pool.threads(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers must be at least 1, got -3");
    }

    @Test
    void defaultPoolHasOneThreadPerProcessor() {
        try (Pool all = Pool.threads()) {
            assertThat(all.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(all.map(i -> i, List.of(1, 2))).containsExactly(1, 2);
        }
    }

    @Test
    void aProgressDisplayThatThrowsDoesNotKeepMapFromReturning() {
        Progress broken = (label, total) -> new Progress.Tracker() {
            @Override
            public void advance(long tasks) { }

            @Override
            public void close() {
                throw new IllegalStateException("display broke");
            }
        };
        try (ProvokedOutput err = ProvokedOutput.take()) {
            assertThat(pool.withProgress("x", broken).map(i -> i + 1, range(100))).hasSize(100);
            assertThat(err.await("display broke")).contains("display broke");
        }
    }

    @Test
    void describesItself() {
        assertThat(pool.toString()).matches("Pool\\[floe-pool-\\d+, threads, workers=4]");
    }
}
