package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.spark.SparkCluster;
import dev.floe.spark.SparkEngine;
import dev.floe.spark.SparkPool;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The pool contract on Spark's executors ({@code local[4]}: the suite runs four workers at a
 * time). Tasks run in Spark's task threads, and their results and exceptions come back
 * serialized, as from worker JVMs.
 */
class SparkPoolContractTest extends PoolContractTest {
    /** The Spark the suite runs on: {@code local[4]}, or a standalone cluster's application ({@link SparkClusterPoolContractTest}). */
    private static SparkEngine spark;

    @BeforeAll
    static void startSpark(TestInfo test) {
        spark = SparkCluster.sparkFor(test, () -> SparkEngine.local(WORKERS));
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    @Override
    Pool newPool(int workers) {
        return SparkPool.of(spark, workers);
    }

    @Override
    boolean tasksShareTheHeap() {
        return false;
    }

    @Test
    void aPoolIsAsWideAsSparksDefaultParallelism() {
        try (Pool wide = SparkPool.of(spark)) {
            assertThat(wide.workers()).isEqualTo(WORKERS);
            assertThat(wide.toString()).contains("spark");
            assertThat(wide.map(i -> Thread.currentThread().getName(), range(3), 1))
                    .allSatisfy(thread -> assertThat(thread).contains("Executor task launch worker"));
        }
    }

    @Test
    void aFunctionThatCannotBeSentIsRefusedBeforeAnythingRuns() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> pool.map(i -> i + notSerializable.hashCode(), range(4)))
                .isInstanceOf(TaskSerializationException.class).hasMessageContaining("spark's workers");
        assertThat(pool.map(i -> i * 2, List.of(1, 2))).containsExactly(2, 4);
    }
}
