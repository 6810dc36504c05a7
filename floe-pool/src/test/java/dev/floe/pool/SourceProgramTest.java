package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-file program ({@code java Demo.java}) has its classes in memory only, so worker JVMs
 * cannot load its tasks: the error says so and what to do, while threads work as usual.
 */
class SourceProgramTest {
    @TempDir
    Path folder;

    @Test
    void aProgramRunFromSourceIsToldToCompileForWorkerJvms() throws IOException, InterruptedException {
        Path source = folder.resolve("Demo.java");
        Files.writeString(source, """
                import dev.floe.pool.Pool;
                import java.util.List;

                public class Demo {
                    public static void main(String[] args) {
                        try (Pool threads = Pool.threads(2)) {
                            System.out.println("threads: " + threads.map(x -> x * 2, List.of(1, 2, 3)));
                        }
                        try (Pool jvms = Pool.processes(1)) {
                            System.out.println("processes: " + jvms.map(x -> x * 2, List.of(1, 2, 3)));
                        } catch (RuntimeException e) {
                            System.out.println("failed: " + e.getMessage());
                        }
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                source.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("threads: [2, 4, 6]")
                .contains("failed: ")
                .contains("is not on the worker's class path")
                .contains("java Demo.java", "javac -d classes Demo.java");
    }
}
