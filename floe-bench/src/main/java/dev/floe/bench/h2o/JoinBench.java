package dev.floe.bench.h2o;

import dev.floe.bench.h2o.H2oBench.Timing;
import dev.floe.bench.h2o.JoinData.Files;
import dev.floe.bench.h2o.JoinData.Tables;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.io.csv.CsvOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench join}: the h2o db-benchmark's join questions, Floe against DuckDB in the same
 * JVM and run, on the same data and thread count. Loading is not timed; each question runs twice
 * and both times are reported; each answer (materialised in full on both sides) must have
 * DuckDB's row count and numeric column sums.
 */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = "The h2o join questions q1-q5, Floe against DuckDB, same data, same run.")
public final class JoinBench implements Callable<Integer> {
    @Option(names = "--rows", description = "Rows of x, such as 1e7 or 1e6 (default: ${DEFAULT-VALUE}).")
    String rows = "1e7";

    @Option(names = "--na", description = "Percent of nulls (default: ${DEFAULT-VALUE}).")
    int na;

    @Option(names = "--sorted", description = "Rows sorted by their keys.")
    boolean sorted;

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @Option(names = "--only", split = ",", description = "Only these questions, such as q1,q5.")
    List<String> only;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int n = GenerateCommand.rows(rows);
        java.nio.file.Files.createDirectories(dir);
        Files files = JoinData.files(dir, n, na, sorted);
        PrintWriter out = spec.commandLine().getOut();
        if (!java.nio.file.Files.exists(files.x()) || !java.nio.file.Files.exists(files.big())) {
            out.println("generating " + files.x() + " and the small, medium and big tables ...");
            out.flush();
            JoinData.write(dir, n, na, sorted, 42);
        }
        List<Timing> timings = run(files, threads, only);
        String title = String.format("h2o join, %s (%,d rows) with %s, %s, %s, %d threads", files.x().getFileName(), n,
                files.small().getFileName(), files.medium().getFileName(), files.big().getFileName(), threads);
        return H2oBench.report(out, title, timings) ? 0 : 1;
    }

    /** Loads the tables into Floe and DuckDB, then times every question twice on each. */
    public static List<Timing> run(Files files, int threads, List<String> only) throws SQLException {
        CsvOptions options = CsvOptions.defaults().withThreads(threads);
        Tables tables = new Tables(Floe.readCsv(files.x(), options), Floe.readCsv(files.small(), options),
                Floe.readCsv(files.medium(), options), Floe.readCsv(files.big(), options));
        ExecutionConfig config = ExecutionConfig.fromEnvironment().withThreads(threads);
        List<Timing> timings = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            load(statement, "x", files.x());
            load(statement, "small", files.small());
            load(statement, "medium", files.medium());
            load(statement, "big", files.big());
            for (JoinQuestions.Question question : JoinQuestions.ALL) {
                if (only != null && !only.contains(question.name())) {
                    continue;
                }
                double[] floe = new double[2];
                double[] duck = new double[2];
                DataFrame answer = null;
                for (int run = 0; run < 2; run++) {
                    answer = null;
                    System.gc();
                    long start = System.nanoTime();
                    answer = question.floe().apply(tables, config);
                    floe[run] = (System.nanoTime() - start) / 1e9;
                    statement.execute("DROP TABLE IF EXISTS ans"); // not timed, as Floe's old answer is let go
                    start = System.nanoTime();
                    statement.execute("CREATE TABLE ans AS " + question.sql());
                    duck[run] = (System.nanoTime() - start) / 1e9;
                }
                String disagreement = H2oBench.compare(answer, statement);
                timings.add(new Timing(question.name(), question.description(), floe, duck, disagreement == null,
                        disagreement));
                answer = null;
            }
            statement.execute("DROP TABLE IF EXISTS ans");
        }
        return timings;
    }

    private static void load(Statement statement, String table, Path file) throws SQLException {
        String path = file.toAbsolutePath().toString().replace("'", "''");
        statement.execute("CREATE TABLE " + table + " AS SELECT * FROM read_csv('" + path + "')");
    }
}
