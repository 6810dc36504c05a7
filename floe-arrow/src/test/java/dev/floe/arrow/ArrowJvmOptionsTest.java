package dev.floe.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code java -cp} program without Arrow's JVM option: reading an Arrow file fails in one
 * line that names the option to add, not with an {@code ExceptionInInitializerError}.
 */
class ArrowJvmOptionsTest {
    @TempDir
    Path folder;

    /** The program run without the option: reads the file it is given, prints what happened. */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                System.out.println("read " + Floe.readArrow(args[0]).height() + " rows");
            } catch (RuntimeException | Error e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    @Test
    void withoutTheOptionReadingSaysWhichOptionToAdd() throws IOException, InterruptedException {
        Path file = folder.resolve("x.arrow");
        DataFrame.of(Series.of("a", 1L, 2L)).writeArrow(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "--sun-misc-unsafe-memory-access=allow", "-cp",
                System.getProperty("java.class.path"), Probe.class.getName(), file.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("FloeException: Arrow files need the JVM option "
                + "--add-opens=java.base/java.nio=ALL-UNNAMED (Apache Arrow's Java library reads java.nio's internals): "
                + "add it to the java command, or to JAVA_TOOL_OPTIONS\n");
        List<String> withOption = new java.util.ArrayList<>(command);
        withOption.add(1, "--add-opens=java.base/java.nio=ALL-UNNAMED");
        Process fine = new ProcessBuilder(withOption).redirectErrorStream(true).start();
        String read = new String(fine.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fine.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(read).isEqualTo("read 2 rows\n");
        assertThat(Floe.readArrow(file.toString()).height()).isEqualTo(2);
    }
}
