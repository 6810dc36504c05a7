package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.pool.Args;
import dev.floe.pool.Args2;
import dev.floe.pool.AsyncResult;
import dev.floe.pool.TaskFailedException;
import dev.floe.pool.TaskSerializationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pool's contract for results and failures, on Spark's executors ({@code local[2]}). */
class SparkPoolTest {
    private static SparkEngine spark;
    private static SparkPool pool;

    @BeforeAll
    static void start() {
        spark = SparkEngine.local(2);
        pool = SparkPool.of(spark);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void mapGivesResultsInInputOrder() {
        assertThat(pool.map(x -> x * x, range(1000))).isEqualTo(range(1000).stream().map(x -> x * x).toList());
        assertThat(pool.map(x -> "v" + x, range(10), 3)).containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7",
                "v8", "v9");
        assertThat(pool.map(x -> x, List.<Integer>of())).isEmpty();
        assertThat(pool.workers()).isEqualTo(2);
    }

    @Test
    void aFailingTaskIsNamedWithItsInput() {
        assertThatThrownBy(() -> pool.map(x -> {
            if (x == 37) {
                throw new IllegalStateException("no 37");
            }
            return x;
        }, range(100), 10)).isInstanceOfSatisfying(TaskFailedException.class, e -> {
            assertThat(e.taskIndex()).isEqualTo(37);
            assertThat(e.getMessage()).contains("task 37").contains("(input 37)").contains("no 37");
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("no 37");
        });
    }

    @Test
    void theFirstFailureInInputOrderIsTheOneReported() {
        assertThatThrownBy(() -> pool.map(x -> {
            if (x % 30 == 29) {
                throw new ArithmeticException("at " + x);
            }
            return x;
        }, range(100), 7)).isInstanceOfSatisfying(TaskFailedException.class, e -> assertThat(e.taskIndex()).isEqualTo(29));
    }

    @Test
    void starmapPassesEachPair() {
        List<Args2<Integer, String>> pairs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pairs.add(Args.of(i, "x"));
        }
        assertThat(pool.starmap((n, s) -> s.repeat(n % 4), pairs))
                .isEqualTo(range(20).stream().map(n -> "x".repeat(n % 4)).toList());
    }

    @Test
    void imapIsLazyAndOrderedAndEndsWithAFailure() {
        try (Stream<Integer> results = pool.imap(x -> x + 1, range(9), 2)) {
            assertThat(results.toList()).isEqualTo(range(9).stream().map(x -> x + 1).toList());
        }
        Iterator<Integer> results = pool.imap(x -> {
            if (x == 5) {
                throw new IllegalArgumentException("five");
            }
            return x;
        }, range(9), 2).iterator();
        List<Integer> before = new ArrayList<>();
        assertThatThrownBy(() -> results.forEachRemaining(before::add)).isInstanceOfSatisfying(TaskFailedException.class,
                e -> assertThat(e.taskIndex()).isEqualTo(5));
        assertThat(before).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void applyAsyncGivesTheResultOrTheFailure() {
        AsyncResult<String> ok = pool.applyAsync(() -> "done");
        assertThat(ok.get()).isEqualTo("done");
        assertThat(ok.successful()).isTrue();
        AsyncResult<String> failed = pool.applyAsync(() -> {
            throw new IllegalStateException("bad");
        });
        assertThatThrownBy(failed::get).isInstanceOfSatisfying(TaskFailedException.class, e -> {
            assertThat(e.taskIndex()).isZero();
            assertThat(e.getCause()).hasMessage("bad");
        });
        assertThat(failed.successful()).isFalse();
    }

    @Test
    void aFunctionThatCannotBeSentIsRefused() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> pool.map(x -> x + notSerializable.hashCode(), range(4)))
                .isInstanceOf(TaskSerializationException.class).hasMessageContaining("cannot be sent to Spark's executors");
    }
}
