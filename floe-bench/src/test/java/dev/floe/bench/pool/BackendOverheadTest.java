package dev.floe.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendOverheadTest {
    @Test
    void verify() {
        List<BackendOverhead.Row> rows = BackendOverhead.measureJvm(500, 2, 1);
        assertThat(rows).extracting(BackendOverhead.Row::backend)
                .containsExactly("Pool.threads(2)", "Pool.virtualThreads(2)", "Pool.processes(2)");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.applyRoundTrip()).isPositive();
            assertThat(row.map()).isPositive();
        });
    }

    @Test
    void readsThePythonPeersLine() {
        BackendOverhead.Row row = BackendOverhead.parsePython(
                "{\"apply_round_trip_s\": 0.000195, \"map_s\": 0.0096, \"tasks\": 100000, \"workers\": 2, "
                        + "\"python\": \"3.11.7\", \"start_method\": \"fork\"}", 100_000);
        assertThat(row.backend()).isEqualTo("Python 3.11.7 multiprocessing.Pool");
        assertThat(row.applyRoundTrip()).isEqualTo(0.000195);
        assertThat(row.perTask()).isEqualTo(0.0096 / 100_000);
        assertThatThrownBy(() -> BackendOverhead.parsePython("Traceback ...", 10))
                .hasMessageContaining("unexpected output");
    }
}
