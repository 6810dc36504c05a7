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
