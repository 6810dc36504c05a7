package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher records the command's class cache from {@link TrainingRun}, and quietly starts
 * without one when it fails: a command that stops working there must fail here instead.
 */
class TrainingRunTest {
    @Test
    void everyCommandOfTheTrainingRunExitsAsExpected(@TempDir Path dir) throws Exception {
        assertThatCode(() -> TrainingRun.commands(dir)).doesNotThrowAnyException();
        assertThat(dir.resolve("t.parquet")).exists();
    }

    @Test
    void theWholeRunLeavesNoFiles() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        long before;
        try (var files = Files.list(temp)) {
            before = files.filter(f -> f.getFileName().toString().startsWith("floe-cli-training")).count();
        }
        TrainingRun.main(new String[] {"2000"});
        try (var files = Files.list(temp)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("floe-cli-training")).count())
                    .isEqualTo(before);
        }
    }
}
