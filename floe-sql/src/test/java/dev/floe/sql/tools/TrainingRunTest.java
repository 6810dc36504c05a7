package dev.floe.sql.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.sql.SqlContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher records its class caches from {@link TrainingRun} and quietly starts without one
 * when the run fails: a statement that stops working there must fail here instead, and one that
 * finds nothing trains little.
 */
class TrainingRunTest {
    @Test
    void everyStatementRunsAndFindsRows(@TempDir Path dir) {
        SqlContext context = TrainingRun.context(5_000, new SplittableRandom(11));
        String parquet = dir.resolve("fact.parquet").toString();
        for (String money : new String[] {"DOUBLE", "DECIMAL(15,2)"}) {
            if (money.startsWith("DECIMAL")) {
                context.sql(TrainingRun.DECIMAL_MONEY);
            }
            assertThat(context.sql("SELECT typeof(price) AS t, typeof(discount) AS d FROM fact LIMIT 1").row(0).toList())
                    .containsExactly(money, money);
            for (String query : TrainingRun.QUERIES) {
                DataFrame answer = context.sql(query.replace("{parquet}", parquet));
                if (!query.startsWith("COPY")) {
                    assertThat(answer.height()).as(money + ": " + query).isPositive();
                }
            }
        }
        assertThat(Path.of(parquet)).exists();
    }

    @Test
    void theLargerThanMemoryStatementsSpillAndFindRows(@TempDir Path dir) throws Exception {
        SqlContext context = TrainingRun.context(100_000, new SplittableRandom(11));
        Path temp = Files.createDirectory(dir.resolve("spill"));
        for (String statement : TrainingRun.SPILLING) {
            String sql = TrainingRun.spillingFiles(statement, dir);
            if (sql.startsWith("COPY (")) {
                // what the statement writes, run under the limit on its own: it spills
                String query = sql.substring("COPY (".length(), sql.lastIndexOf(") TO '"));
                try (dev.floe.frame.Session small = dev.floe.frame.Session.create().threads(2)
                        .memoryLimit(TrainingRun.SPILL_LIMIT).tempDirectory(temp)) {
                    dev.floe.frame.QueryHandle<DataFrame> running = small.submit(context.plan(query).plan());
                    assertThat(running.get().height()).as(query).isEqualTo(100_000);
                    assertThat(running.spilledBytes()).as(query).isPositive();
                }
            } else {
                assertThat(context.sql(sql).height()).as(sql).isPositive();
            }
            context.sql(sql); // the files the next statements read
        }
        long before = dev.floe.frame.Floe.session().memoryLimitBytes();
        TrainingRun.spilling(context, dir);
        assertThat(context.sql(TrainingRun.spillingFiles("SELECT count(*) AS n FROM '{other}'", dir)).row(0).toList())
                .containsExactly(100_000L);
        assertThat(dev.floe.frame.Floe.session().memoryLimitBytes()).as("the limit as it was")
                .isEqualTo(before);
    }

    @Test
    void theWholeRunLeavesNoFiles() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var files = Files.list(temp)) {
            before = files.filter(f -> f.getFileName().toString().startsWith("floe-sql-training")).count();
        }
        TrainingRun.main(new String[] {"3000"});
        try (var files = Files.list(temp)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("floe-sql-training")).count())
                    .isEqualTo(before);
        }
    }
}
