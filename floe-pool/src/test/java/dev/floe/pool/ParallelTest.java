package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void negativeJobCountsFollowJoblib() {
        assertThat(Parallel.effectiveJobs(-1, 8)).isEqualTo(8);
        assertThat(Parallel.effectiveJobs(-2, 8)).isEqualTo(7);
        assertThat(Parallel.effectiveJobs(-8, 8)).isEqualTo(1);
        assertThat(Parallel.effectiveJobs(-20, 8)).isEqualTo(1);
        assertThat(Parallel.effectiveJobs(3, 8)).isEqualTo(3);
        assertThat(Parallel.jobs(-1).jobs()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void zeroJobsIsAnError() {
        assertThatThrownBy(() -> Parallel.jobs(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nJobs must not be 0").hasMessageContaining("-1");
    }

    @Test
    void mapReturnsResultsInOrder() {
        List<Double> xs = IntStream.range(0, 1000).mapToObj(i -> i * 0.001).toList();
        List<Double> cosines = Parallel.jobs(-1).map(Math::cos, xs);
        assertThat(cosines).hasSize(1000);
        for (int i = 0; i < xs.size(); i++) {
            assertThat(cosines.get(i)).isEqualTo(Math.cos(xs.get(i)));
        }
    }

    @Test
    void runReturnsTheCallsResultsInOrder() {
        List<Callable<String>> calls = List.of(() -> "a", () -> {
            Thread.sleep(20);
            return "b";
        }, () -> "c");
        assertThat(Parallel.jobs(3).run(calls)).containsExactly("a", "b", "c");
        assertThat(Parallel.jobs(2).preferVirtualThreads().run(calls)).containsExactly("a", "b", "c");
    }

    @Test
    void delayedCallsRunLater() {
        List<Pool.Task<Double>> calls = IntStream.range(0, 10).mapToObj(i -> Parallel.delayed(Math::sqrt, (double) i))
                .toList();
        assertThat(Parallel.jobs(2).run(calls)).containsExactlyElementsOf(
                IntStream.range(0, 10).mapToObj(i -> Math.sqrt(i)).toList());
    }

    @Test
    void aFailingCallNamesItsPosition() {
        List<Callable<Integer>> calls = List.of(() -> 1, () -> 2, () -> {
            throw new IllegalStateException("third");
        });
        assertThatThrownBy(() -> Parallel.jobs(2).run(calls)).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("task 2").hasRootCauseMessage("third");
    }

    @Test
    void nullCallsAreRejectedWithTheirPosition() {
        List<Callable<Integer>> calls = new java.util.ArrayList<>();
        calls.add(() -> 1);
        calls.add(null);
        assertThatThrownBy(() -> Parallel.jobs(2).run(calls)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calls[1] is null");
        assertThatThrownBy(() -> Parallel.jobs(2).map(null, List.of(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fn must not be null");
    }
}
