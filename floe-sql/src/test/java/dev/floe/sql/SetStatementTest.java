package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import dev.floe.frame.physical.MemoryPool;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** SET and RESET of the settings queries run with, as DuckDB names them. */
class SetStatementTest {
    @Test
    void memoryLimitAndThreadsAreSetAndReset() {
        SqlContext sql = new SqlContext().register("t", DataFrame.of(Series.of("x",
                LongStream.range(0, 50_000).map(i -> (i * 7919) % 50_000).toArray())));
        try {
            sql.sql("SET memory_limit = '300KB'");
            assertThat(Floe.session().memoryLimitBytes()).isEqualTo(300L << 10);
            // a sort over the limit still gives every row in order
            DataFrame sorted = sql.sql("SELECT x FROM t ORDER BY x DESC");
            assertThat(sorted.height()).isEqualTo(50_000);
            assertThat(sorted.get(0, "x")).isEqualTo(49_999L);
            assertThat(sorted.get(49_999, "x")).isEqualTo(0L);
            sql.sql("SET threads TO 1");
            assertThat(sql.config().threads()).isEqualTo(1);
            sql.sql("RESET memory_limit");
            assertThat(Floe.session().memoryLimitBytes()).isEqualTo(MemoryPool.defaultLimit());
        } finally {
            Floe.session().memoryLimit(MemoryPool.defaultLimit());
        }
    }

    @Test
    void unknownSettingsAndBadValuesAreRefusedByName() {
        SqlContext sql = new SqlContext();
        assertThatThrownBy(() -> sql.sql("SET search_path = 'x'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("unknown setting search_path");
        assertThatThrownBy(() -> sql.sql("SET memory_limit = 'lots'")).isInstanceOf(SqlException.class)
                .hasMessageContaining("memory_limit is a size such as 4g");
        assertThatThrownBy(() -> sql.sql("SET threads = zero")).isInstanceOf(SqlException.class)
                .hasMessageContaining("threads is a whole number");
        assertThatThrownBy(() -> sql.sql("SET threads = 0")).isInstanceOf(SqlException.class)
                .hasMessageContaining("at least 1");
    }
}
