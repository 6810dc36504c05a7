package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.spark.OnSparkCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pool contract on a Spark standalone cluster: a master and two workers of two cores, each
 * executor a JVM of its own started by its worker, with Floe's classes (and the suite's functions)
 * sent to it as the application's jars. Tasks, results, failures and callbacks cross JVMs and the
 * network; the pool is as wide as the cluster's four cores.
 *
 * <p>The whole suite runs, but the three stress tests ask for fewer Spark jobs than on
 * {@code local[4]} (where they run whole): each job costs more on a cluster, and they test the
 * pool's machinery, which is the same whatever the master.
 */
@OnSparkCluster
class SparkClusterPoolContractTest extends SparkPoolContractTest {
    /** Up to 100 items (the suite's 1001 items in chunks of one is three thousand jobs). */
    @Override
    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 2, 7, 16, 100})
    void everyChunkSizeGivesTheSameResults(int n) {
        super.everyChunkSizeGivesTheSameResults(n);
    }

    /** A hundred thousand tasks, in the pool's chunks and in chunks of 1000. */
    @Override
    @Test
    void aMillionTinyTasksSumCorrectly() {
        List<Integer> inputs = range(100_000);
        long expected = 100_000L * 99_999L / 2 * 3;
        assertThat(pool.map(i -> 3L * i, inputs).stream().mapToLong(Long::longValue).sum()).isEqualTo(expected);
        try (Stream<Long> s = pool.imapUnordered(i -> 3L * i, inputs, 1000)) {
            assertThat(s.mapToLong(Long::longValue).sum()).isEqualTo(expected);
        }
    }

    /** Eight threads at once, five maps each (the suite's fifty each is six thousand jobs). */
    @Override
    @Test
    void manyThreadsSubmittingAtOnceAllGetTheirResults() throws Exception {
        ConcurrentHashMap<Integer, Integer> sums = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int round = 0; round < 5; round++) {
                    int sum = pool.map(i -> i + offset, range(100), 7).stream().mapToInt(Integer::intValue).sum();
                    sums.merge(offset, sum, (a, b) -> a.equals(b) ? a : -1);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        for (int t = 0; t < 8; t++) {
            assertThat(sums.get(t)).isEqualTo(4950 + 100 * t);
        }
    }
}
