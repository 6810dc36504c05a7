package dev.floe.bench.h2o;

import dev.floe.bench.h2o.H2oBench.Timing;
import dev.floe.bench.h2o.JoinData.Files;
import dev.floe.bench.h2o.JoinData.Tables;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Engine;
import dev.floe.frame.Floe;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.io.csv.CsvOptions;
import java.io.IOException;
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

/**
 * {@code floe bench join}: the h2o db-benchmark's join questions, Floe against DuckDB in the same
 * JVM and run, on the same data and thread count. Loading is not timed; each question runs twice
 * and both times are reported; each answer (materialised in full on both sides) must have
 * DuckDB's row count and numeric column sums. With {@code --engine spark}, the same plans also run
 * on Spark (the tables shipped and cached there first, untimed), each answer checked against Floe's.
 */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = "The h2o join questions q1-q5, Floe against DuckDB (and Spark with --engine spark), same data, "
                + "same run.")
public final class JoinBench implements Callable<Integer> {
    @CommandLine.Mixin
    BenchOptions options = new BenchOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int n = GenerateCommand.rows(options.rows);
        long memoryLimit = options.memoryLimit(spec);
        java.nio.file.Files.createDirectories(options.dir);
        Files files = JoinData.files(options.dir, n, options.na, options.sorted);
        PrintWriter out = spec.commandLine().getOut();
        List<String> questions = dev.floe.bench.Questions.selected(options.only, 5, spec.commandLine());
        if (!java.util.stream.Stream.of(files.x(), files.small(), files.medium(), files.big())
                .allMatch(java.nio.file.Files::exists)) {
            out.println("generating " + files.x() + " and the small, medium and big tables ...");
            out.flush();
            JoinData.write(options.dir, n, options.na, options.sorted, 42);
        }
        int threads = options.threads;
        try (Engine engine = options.startEngine(spec)) {
            List<Timing> timings = run(files, threads, questions, out, engine, options.separate(n),
                    memoryLimit);
            String title = String.format("h2o join, %s (%,d rows) with %s, %s, %s, %d threads", files.x().getFileName(),
                    n, files.small().getFileName(), files.medium().getFileName(), files.big().getFileName(), threads);
            return H2oBench.report(out, title, timings, engine == null ? null : engine.name(), n) ? 0 : 1;
        }
    }

    /** Loads the tables into Floe and DuckDB, then times every question twice on each. */
    public static List<Timing> run(Files files, int threads, List<String> only) throws SQLException, IOException {
        return run(files, threads, only, null, null, false, 0);
    }

    /**
     * {@link #run(Files, int, List)}, and every question twice on {@code engine} too (if not null),
     * the tables loaded there first (its time told to {@code log}, if not null). With
     * {@code separate}, DuckDB runs in a process of its own, every question before Floe loads the
     * tables; with a {@code memoryLimit} (bytes; 0 for none), from Parquet copies of the files,
     * answers written to Parquet (as {@link H2oBench#run(Path, int, List, PrintWriter, Engine,
     * boolean, long)}).
     */
    public static List<Timing> run(Files files, int threads, List<String> only, PrintWriter log, Engine engine,
            boolean separate, long memoryLimit) throws SQLException, IOException {
        CsvOptions options = CsvOptions.defaults().withThreads(threads);
        if (memoryLimit > 0) {
            List<Path> parquet = new ArrayList<>();
            for (Path csv : List.of(files.x(), files.small(), files.medium(), files.big())) {
                parquet.add(H2oBench.parquetCopy(csv, options, log));
            }
            H2oBench.logLimited(log, memoryLimit);
            DuckDbPeer.Report peer = DuckDbPeer.run(DuckDbPeer.Kind.JOIN, parquet, threads, only, memoryLimit);
            JoinQuestions.Inputs inputs = new JoinQuestions.Inputs(Floe.scanParquet(parquet.get(0).toString()),
                    Floe.scanParquet(parquet.get(1).toString()), Floe.scanParquet(parquet.get(2).toString()),
                    Floe.scanParquet(parquet.get(3).toString()));
            List<Timing> timings = new ArrayList<>();
            for (JoinQuestions.Question question : JoinQuestions.ALL) {
                if (only == null || only.contains(question.name())) {
                    timings.add(H2oBench.timeTwiceLimited(question.name(), question.description(),
                            question.plan().apply(inputs), peer.answers().get(question.name()), memoryLimit, threads, log));
                }
            }
            return timings;
        }
        DuckDbPeer.Report peer = separate ? DuckDbPeer.run(DuckDbPeer.Kind.JOIN,
                List.of(files.x(), files.small(), files.medium(), files.big()), threads, only) : null;
        H2oBench.logPeer(log, peer);
        Tables tables = new Tables(Floe.readCsv(files.x(), options), Floe.readCsv(files.small(), options),
                Floe.readCsv(files.medium(), options), Floe.readCsv(files.big(), options));
        ExecutionConfig config = ExecutionConfig.fromEnvironment().withThreads(threads);
        List<Timing> timings = new ArrayList<>();
        try (Connection connection = peer != null ? null : DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection == null ? null : connection.createStatement()) {
            if (statement != null) {
                statement.execute("SET threads = " + threads);
                load(statement, "x", files.x());
                load(statement, "small", files.small());
                load(statement, "medium", files.medium());
                load(statement, "big", files.big());
            }
            if (engine != null) {
                H2oBench.load(engine, log, tables.x(), tables.small(), tables.medium(), tables.big());
            }
            JoinQuestions.Inputs inputs = new JoinQuestions.Inputs(tables.x().lazy(), tables.small().lazy(),
                    tables.medium().lazy(), tables.big().lazy());
            for (JoinQuestions.Question question : JoinQuestions.ALL) {
                if (only != null && !only.contains(question.name())) {
                    continue;
                }
                H2oBench.EngineQuery query = engine == null ? null
                        : new H2oBench.EngineQuery(question.plan().apply(inputs), false);
                H2oBench.Peer duckdb = peer != null ? H2oBench.separate(peer.answers().get(question.name()))
                        : H2oBench.inProcess(statement, question.sql());
                timings.add(H2oBench.timeTwice(question.name(), question.description(),
                        () -> question.floe().apply(tables, config), duckdb, engine, query));
            }
            if (statement != null) {
                statement.execute("DROP TABLE IF EXISTS ans");
            }
        }
        return timings;
    }

    private static void load(Statement statement, String table, Path file) throws SQLException {
        statement.execute("CREATE TABLE " + table + " AS SELECT * FROM " + H2oBench.readCsv(file));
    }
}
