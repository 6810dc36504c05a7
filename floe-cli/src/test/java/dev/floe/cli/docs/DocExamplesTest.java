package dev.floe.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of the README and docs/ compiles as written, against the current API, with
 * the names {@link DocContext} gives; the examples marked {@code <!-- example: run -->} (the line
 * before the block) also run, and must not fail. So an example cannot drift from the code.
 */
class DocExamplesTest {
    /** What every example may use without importing it (the docs' imports are kept too). */
    private static final String IMPORTS = """
            import static dev.floe.frame.expr.Exprs.*;
            import dev.floe.frame.*;
            import dev.floe.frame.expr.Expr;
            import dev.floe.frame.expr.WindowFrame;
            import dev.floe.frame.expr.WindowFrame.Bound;
            import dev.floe.frame.io.csv.*;
            import dev.floe.frame.io.json.*;
            import dev.floe.frame.plan.JoinType;
            import dev.floe.frame.plan.SortKey;
            import dev.floe.frame.exec.ExecutionConfig;
            import dev.floe.pool.*;
            import dev.floe.pool.shared.*;
            import dev.floe.sql.*;
            import dev.floe.parquet.*;
            import dev.floe.arrow.*;
            import java.util.*;
            import java.util.stream.*;
            import java.nio.file.*;
            import java.time.Duration;
            import java.util.concurrent.Callable;
            import org.apache.parquet.hadoop.metadata.CompressionCodecName;
            import org.apache.arrow.vector.compression.CompressionUtil;
            """;

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String RUN_MARK = "<!-- example: run -->";
    /**
     * Docs whose examples need modules that are not on this module's class path (docs/spark.md:
     * floe-spark and Spark itself, which the CLI does not depend on); they are not compiled here.
     */
    private static final java.util.Set<String> OTHER_CLASS_PATH = java.util.Set.of("spark.md");

    @TempDir
    Path classes;

    record Example(Path file, int line, String code, boolean runs) {
        String name() {
            return file.getFileName() + ":" + line;
        }
    }

    static List<Example> examples() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> !OTHER_CLASS_PATH.contains(path.getFileName().toString()))
                    .sorted().forEach(files::add);
        }
        List<Example> examples = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher block = BLOCK.matcher(text);
            while (block.find()) {
                String before = text.substring(0, block.start()).stripTrailing();
                boolean runs = before.endsWith(RUN_MARK);
                int line = (int) text.substring(0, block.start()).lines().count() + 1;
                examples.add(new Example(file, line, block.group(1), runs));
            }
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaExampleCompilesAndTheMarkedOnesRun() throws IOException {
        List<Example> examples = examples();
        assertThat(examples).as("the docs' Java examples").hasSizeGreaterThan(25);
        assertThat(examples.stream().filter(Example::runs).count()).as("examples that run").isGreaterThanOrEqualTo(6);
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.name(), () -> check(example)));
    }

    private void check(Example example) throws Exception {
        StringBuilder imports = new StringBuilder(IMPORTS);
        StringBuilder body = new StringBuilder();
        boolean declaresClass = false;
        for (String line : example.code().lines().toList()) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append(line).append('\n');
                declaresClass |= line.matches("(public )?(final )?class \\w+.*");
            }
        }
        String className = declaresClass ? className(body.toString()) : "Demo";
        String source = declaresClass ? imports + body.toString()
                : imports + "public class Demo extends dev.floe.cli.docs.DocContext {\n"
                        + "    @Override\n    public void run() throws Exception {\n" + body + "    }\n}\n";
        Path folder = Files.createTempDirectory(classes, "example");
        Path file = folder.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", folder.toString(), "-proc:none", "-Xlint:none"), null,
                compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
                .call();
        assertThat(compiled).as("the example at %s does not compile:\n%s\n%s", example.name(), errors, numbered(source))
                .isTrue();
        if (!example.runs()) {
            return;
        }
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8)); // what the example prints, kept
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()},
                DocExamplesTest.class.getClassLoader())) {
            Object demo = loader.loadClass(className).getDeclaredConstructor().newInstance();
            ((DocContext) demo).run();
        } catch (Exception | AssertionError e) {
            throw new AssertionError("the example at " + example.name() + " fails: " + e + "\n" + numbered(source), e);
        } finally {
            System.setOut(out);
        }
    }

    /** cli.md's explain example prints what floe explain prints for that query (over a file of the same columns). */
    @org.junit.jupiter.api.Test
    void theExplainExampleIsWhatExplainPrints() throws IOException {
        String cli = Files.readString(Path.of("..", "docs", "cli.md"));
        Matcher example = Pattern.compile("```\\n\\$ \\./floe explain \"(.*?)\"\\n(.*?)```", Pattern.DOTALL).matcher(cli);
        assertThat(example.find()).as("cli.md's explain example").isTrue();
        Path data = Files.createDirectories(classes.resolve("data"));
        // a million rows, as the example's file has, so that explain's estimates are the example's
        int rows = 1_000_000;
        String[] ids = new String[rows];
        long[] numbers = new long[rows];
        double[] decimals = new double[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = "id" + (i % 100);
            numbers[i] = i % 100;
            decimals[i] = i % 100 / 10.0;
        }
        dev.floe.frame.Series id = dev.floe.frame.Series.of("id1", ids);
        dev.floe.frame.Series number = dev.floe.frame.Series.of("id4", numbers);
        dev.floe.frame.DataFrame.of(id, id.rename("id2"), id.rename("id3"), number, number.rename("id5"),
                number.rename("id6"), number.rename("v1"), number.rename("v2"),
                dev.floe.frame.Series.of("v3", decimals)).writeParquet(data.resolve("G1_1e6_1e2_0_0.parquet"));
        String sql = example.group(1).replace("'data/", "'" + data + "/");
        dev.floe.cli.MainTest.Run run = dev.floe.cli.MainTest.floe("explain", sql);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().replace(data + "/", "data/")).isEqualTo(example.group(2));
    }

    private static String className(String body) {
        Matcher name = Pattern.compile("class (\\w+)").matcher(body);
        return name.find() ? name.group(1) : "Demo";
    }

    private static String numbered(String source) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (String line : source.lines().toList()) {
            out.append(String.format("%3d  %s%n", n++, line));
        }
        return out.toString();
    }
}
