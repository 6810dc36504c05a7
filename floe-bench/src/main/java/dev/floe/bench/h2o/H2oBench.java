package dev.floe.bench.h2o;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.Schema;
import dev.floe.frame.io.csv.CsvOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench h2o}: the h2o db-benchmark's group-by questions, Floe against DuckDB in the
 * same JVM and run, on the same data and thread count. As in the benchmark, loading is not
 * timed (id1..id3 are read as categorical), each question runs twice and both times are
 * reported, and results are checked: the row count and the sum of every numeric column must
 * match DuckDB's.
 */
@Command(name = "h2o", mixinStandardHelpOptions = true,
        description = "The h2o group-by questions q1-q10, Floe against DuckDB, same data, same run.")
public final class H2oBench implements Callable<Integer> {
    @CommandLine.Mixin
    BenchOptions options = new BenchOptions();

    @Option(names = "--k", description = "Groups of the small id columns (default: ${DEFAULT-VALUE}).")
    int k = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The times of one question: Floe's two runs, DuckDB's two runs; and whether the answers agree. */
    public record Timing(String question, String description, double[] floe, double[] duckdb, boolean agree,
            String disagreement) {}

    @Override
    public Integer call() throws Exception {
        int n = GenerateCommand.rows(options.rows);
        Path dir = options.dir;
        Files.createDirectories(dir);
        Path file = dir.resolve(GroupByData.name(n, k, options.na, options.sorted) + ".csv");
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(file)) {
            out.println("generating " + file + " ...");
            out.flush();
            GroupByData.write(dir, n, k, options.na, options.sorted, 42);
        }
        List<Timing> timings = run(file, options.threads, options.only, out);
        String title = String.format("h2o group-by, %s (%,d rows), %d threads", file.getFileName(), n,
                options.threads);
        return report(out, title, timings) ? 0 : 1;
    }

    /** Prints the table of timings and ratios with totals; whether every answer agreed. */
    public static boolean report(PrintWriter out, String title, List<Timing> timings) {
        out.printf("%s; two runs each, seconds%n", title);
        out.printf("  %-5s %-28s %8s %8s %8s %8s %8s%n", "", "question", "Floe 1", "Floe 2", "DuckDB 1", "DuckDB 2",
                "ratio");
        double floeTotal = 0;
        double duckTotal = 0;
        boolean allAgree = true;
        for (Timing t : timings) {
            double f = t.floe()[0] + t.floe()[1];
            double d = t.duckdb()[0] + t.duckdb()[1];
            floeTotal += f;
            duckTotal += d;
            allAgree &= t.agree();
            out.printf(Locale.ROOT, "  %-5s %-28s %8.3f %8.3f %8.3f %8.3f %7.2fx%s%n", t.question(), t.description(),
                    t.floe()[0], t.floe()[1], t.duckdb()[0], t.duckdb()[1], f / d,
                    t.agree() ? "" : "  ANSWERS DIFFER: " + t.disagreement());
        }
        out.printf(Locale.ROOT, "  %-34s %17.3f %17.3f %7.2fx%n", "total (both runs)", floeTotal, duckTotal,
                floeTotal / duckTotal);
        out.println("  ratio: Floe's time over DuckDB's (below 1: Floe is faster); answers checked against DuckDB's");
        out.flush();
        return allAgree;
    }

    /** Loads the file into Floe and DuckDB, then times every question twice on each. */
    public static List<Timing> run(Path file, int threads, List<String> only) throws SQLException {
        return run(file, threads, only, null);
    }

    /** {@link #run(Path, int, List)}, telling {@code log} (if not null) what the data take in memory. */
    static List<Timing> run(Path file, int threads, List<String> only, PrintWriter log) throws SQLException {
        CsvOptions options = CsvOptions.defaults().withType("id1", DataType.CATEGORICAL)
                .withType("id2", DataType.CATEGORICAL).withType("id3", DataType.CATEGORICAL).withThreads(threads);
        long heapBefore = heapAfterGc();
        DataFrame x = Floe.readCsv(file, options);
        long heapData = heapAfterGc() - heapBefore;
        dev.floe.frame.exec.ExecutionConfig config = dev.floe.frame.exec.ExecutionConfig.fromEnvironment()
                .withThreads(threads);
        List<Timing> timings = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            statement.execute("CREATE TABLE x AS SELECT * FROM " + readCsv(file));
            if (log != null) {
                log.printf(Locale.ROOT, "data in memory: Floe %.0f MB (heap taken by the loaded frame); "
                        + "DuckDB %.0f MB (duckdb_memory())%n", heapData / 1e6, duckdbMemory(statement) / 1e6);
                log.flush();
            }
            for (GroupByQuestions.Question question : GroupByQuestions.ALL) {
                if (only != null && !only.contains(question.name())) {
                    continue;
                }
                DataFrame table = x;
                timings.add(timeTwice(question.name(), question.description(), () -> question.floe().apply(table,
                        config), question.sql(), statement));
            }
        }
        return timings;
    }

    /**
     * Runs a question twice in Floe and twice in DuckDB (its answer made a table, as Floe's is a
     * frame), each after a collection, and checks Floe's last answer against DuckDB's.
     */
    static Timing timeTwice(String name, String description, Supplier<DataFrame> floe, String sql,
            Statement statement) throws SQLException {
        double[] floeTimes = new double[2];
        double[] duckTimes = new double[2];
        DataFrame answer = null;
        for (int run = 0; run < 2; run++) {
            answer = null;
            System.gc();
            long start = System.nanoTime();
            answer = floe.get();
            floeTimes[run] = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE IF EXISTS ans"); // not timed, as Floe's old answer is let go
            start = System.nanoTime();
            statement.execute("CREATE TABLE ans AS " + sql);
            duckTimes[run] = (System.nanoTime() - start) / 1e9;
        }
        String disagreement = compare(answer, statement);
        return new Timing(name, description, floeTimes, duckTimes, disagreement == null, disagreement);
    }

    /** DuckDB's {@code read_csv('<file>')} of a file, its path quoted. */
    static String readCsv(Path file) {
        return "read_csv('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
    }

    /** The heap in use after a full collection. */
    static long heapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** The bytes DuckDB's buffer manager holds. */
    static long duckdbMemory(Statement statement) throws SQLException {
        try (ResultSet memory = statement.executeQuery("SELECT sum(memory_usage_bytes) FROM duckdb_memory()")) {
            memory.next();
            return memory.getLong(1);
        }
    }

    /** Null when Floe's answer has DuckDB's row count and column sums (relative 1e-6); else what differs. */
    static String compare(DataFrame answer, Statement statement) throws SQLException {
        long rows;
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM ans")) {
            count.next();
            rows = count.getLong(1);
        }
        if (rows != answer.height()) {
            return "rows " + answer.height() + " vs " + rows;
        }
        Schema schema = answer.schema();
        List<String> numeric = new ArrayList<>();
        for (Schema.Field field : schema.fields()) {
            if (field.type().isNumeric()) {
                numeric.add(field.name());
            }
        }
        for (String column : numeric) {
            double floe = 0;
            for (double value : answer.column(column).toDoubleArray()) {
                floe += Double.isNaN(value) ? 0 : value;
            }
            double duck;
            try (ResultSet sum = statement.executeQuery("SELECT sum(CASE WHEN isnan(\"" + column + "\"::DOUBLE) THEN 0 "
                    + "ELSE \"" + column + "\"::DOUBLE END) FROM ans")) {
                sum.next();
                duck = sum.getDouble(1);
            }
            if (Math.abs(floe - duck) > 1e-6 * Math.max(1, Math.abs(duck))) {
                return "sum of " + column + " " + floe + " vs " + duck;
            }
        }
        try (ResultSet columns = statement.executeQuery("SELECT * FROM ans LIMIT 0")) {
            ResultSetMetaData meta = columns.getMetaData();
            if (meta.getColumnCount() != answer.width()) {
                return "columns " + answer.columns() + " vs " + meta.getColumnCount();
            }
        }
        return null;
    }
}
