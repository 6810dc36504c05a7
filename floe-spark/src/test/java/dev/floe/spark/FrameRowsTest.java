package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How an in-memory frame's rows are cut into slices for Spark (the shipping itself runs in the engine suites). */
class FrameRowsTest {
    private static final long MIB = 1L << 20;

    @Test
    void slicesAreOnePerCoreAtLeastAndAQuarterOfTheLargestMessageAtMost() {
        // small frames: one slice per core, but no more slices than rows
        assertThat(FrameRows.slices(10_000, 100, 4, 128 * MIB)).isEqualTo(4);
        assertThat(FrameRows.slices(100, 2, 4, 128 * MIB)).isEqualTo(2);
        assertThat(FrameRows.slices(0, 0, 4, 128 * MIB)).isEqualTo(1);
        // 1 GiB under the default 128 MiB: slices of 32 MiB at most
        assertThat(FrameRows.slices(1024 * MIB, 10_000_000, 4, 128 * MIB)).isEqualTo(32);
        assertThat(FrameRows.slices(1024 * MIB + 1, 10_000_000, 4, 128 * MIB)).isEqualTo(33);
        // a few very large rows: one row a slice, however large
        assertThat(FrameRows.slices(1024 * MIB, 3, 2, 2 * MIB)).isEqualTo(3);
    }
}
