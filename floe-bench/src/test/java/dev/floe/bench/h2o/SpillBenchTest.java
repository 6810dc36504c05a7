package dev.floe.bench.h2o;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillBenchTest {
    @TempDir
    Path folder;

    @Test
    void spillsReadsBackAndTimesDdOnAsManyBytesLeavingNoFiles() throws Exception {
        SpillBench.Result result = SpillBench.measure(folder, 8 << 20, false);
        assertThat(result.rawBytes()).isGreaterThanOrEqualTo(8 << 20);
        assertThat(result.fileBytes()).isPositive().isLessThan(result.rawBytes());
        assertThat(result.rows() % (1 << 16)).isZero();
        assertThat(new double[] {result.write(), result.read(), result.ddWrite(), result.ddRead()})
                .doesNotContain(0.0);
        assertThat(result.coldReads()).isFalse();
        try (var left = Files.list(folder)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
