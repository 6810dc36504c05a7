package dev.floe.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

class PoolBenchTest {
    /** JMH prints nothing of its own (no iteration lines, no paragraph on blackholes): the command's tables say what it measured. */
    @Test
    void jmhRunsSilently() {
        Options options = PoolBench.jmhOptions(PoolMapBenchmark.class, true);
        assertThat(options.verbosity().get()).isEqualTo(VerboseMode.SILENT);
        assertThat(options.getIncludes()).containsExactly(PoolMapBenchmark.class.getName() + ".*");
        assertThat(options.getForkCount().get()).isEqualTo(1);
    }
}
