package dev.floe.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolScalingTest {
    @Test
    void verify() throws Exception {
        PoolScaling.Result result = PoolScaling.measure(4, 100_000, 2, 2);
        assertThat(result.checksumsAgree()).isTrue();
        assertThat(result.rounds()).hasSize(2).allSatisfy(round -> {
            assertThat(round.oneThread()).isPositive();
            assertThat(round.pool()).isPositive();
            assertThat(round.oneProcess()).isPositive();
            assertThat(round.processes()).isPositive();
        });
        assertThat(result.efficiency()).isPositive();
    }

    @Test
    void workIsTheSameWhereverItRuns() {
        assertThat(PoolScaling.runHere(0, 3, 1000))
                .isEqualTo(CpuWork.xorshift(0, 1000) ^ CpuWork.xorshift(1, 1000) ^ CpuWork.xorshift(2, 1000));
        assertThat(PoolScaling.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(PoolScaling.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
