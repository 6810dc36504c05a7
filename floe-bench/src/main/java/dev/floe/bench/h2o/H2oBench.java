package dev.floe.bench.h2o;

import static dev.floe.frame.expr.Exprs.len;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Engine;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
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
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench h2o}: the h2o db-benchmark's group-by questions, Floe against DuckDB in the
 * same JVM and run, on the same data and thread count. As in the benchmark, loading is not
 * timed (id1..id3 are read as categorical), each question runs twice and both times are
 * reported, and results are checked: the row count and the sum of every numeric column must
 * match DuckDB's. With {@code --engine spark}, the same plans also run on Spark (the frame
 * shipped and cached there before the questions, untimed), each answer checked against Floe's.
 */
@Command(name = "h2o", mixinStandardHelpOptions = true,
        description = "The h2o group-by questions q1-q10, Floe against DuckDB (and Spark with --engine spark), same "
                + "data, same run.")
public final class H2oBench implements Callable<Integer> {
    @CommandLine.Mixin
    BenchOptions options = new BenchOptions();

    @Option(names = "--k", description = "Groups of the small id columns (default: ${DEFAULT-VALUE}).")
    int k = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * The times of one question: Floe's two runs, DuckDB's two runs, the other engine's two runs
     * (null without one); and whether the answers agree (Floe's with DuckDB's, the other engine's
     * with Floe's).
     */
    public record Timing(String question, String description, double[] floe, double[] duckdb, boolean agree,
            String disagreement, double[] engine) {
        /** A question's times on Floe and DuckDB only. */
        public Timing(String question, String description, double[] floe, double[] duckdb, boolean agree,
                String disagreement) {
            this(question, description, floe, duckdb, agree, disagreement, null);
        }
    }

    /** How a question reaches the other engine: the query to collect there, and whether it is the plain form. */
    record EngineQuery(LazyFrame query, boolean plain) {}

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
        try (Engine engine = options.startEngine(spec)) {
            List<Timing> timings = run(file, options.threads, options.only, out, engine);
            String title = String.format("h2o group-by, %s (%,d rows), %d threads", file.getFileName(), n,
                    options.threads);
            return report(out, title, timings, engine == null ? null : engine.name()) ? 0 : 1;
        }
    }

    /** Prints the table of timings and ratios with totals; whether every answer agreed. */
    public static boolean report(PrintWriter out, String title, List<Timing> timings) {
        return report(out, title, timings, null);
    }

    /**
     * Prints the table of timings and ratios with totals, with the other engine's times where
     * {@code engine} names it; whether every answer agreed.
     */
    public static boolean report(PrintWriter out, String title, List<Timing> timings, String engine) {
        boolean other = engine != null && timings.stream().allMatch(t -> t.engine() != null);
        String name = other ? Character.toUpperCase(engine.charAt(0)) + engine.substring(1) : "";
        out.printf("%s; two runs each, seconds%n", title);
        out.printf("  %-5s %-30s %8s %8s %8s %8s %8s", "", "question", "Floe 1", "Floe 2", "DuckDB 1", "DuckDB 2",
                "ratio");
        if (other) {
            out.printf(" %8s %8s %8s", name + " 1", name + " 2", "vs Floe");
        }
        out.println();
        double floeTotal = 0;
        double duckTotal = 0;
        double engineTotal = 0;
        boolean allAgree = true;
        boolean anyPlain = false;
        for (Timing t : timings) {
            double f = t.floe()[0] + t.floe()[1];
            double d = t.duckdb()[0] + t.duckdb()[1];
            floeTotal += f;
            duckTotal += d;
            allAgree &= t.agree();
            anyPlain |= t.description().endsWith(PLAIN_MARK);
            out.printf(Locale.ROOT, "  %-5s %-30s %8.3f %8.3f %8.3f %8.3f %7.2fx", t.question(), t.description(),
                    t.floe()[0], t.floe()[1], t.duckdb()[0], t.duckdb()[1], f / d);
            if (other) {
                double e = t.engine()[0] + t.engine()[1];
                engineTotal += e;
                out.printf(Locale.ROOT, " %8.3f %8.3f %7.2fx", t.engine()[0], t.engine()[1], e / f);
            }
            out.println(t.agree() ? "" : "  ANSWERS DIFFER: " + t.disagreement());
        }
        out.printf(Locale.ROOT, "  %-36s %17.3f %17.3f %7.2fx", "total (both runs)", floeTotal, duckTotal,
                floeTotal / duckTotal);
        if (other) {
            out.printf(Locale.ROOT, " %17.3f %7.2fx", engineTotal, engineTotal / floeTotal);
        }
        out.println();
        out.println("  ratio: Floe's time over DuckDB's (below 1: Floe is faster); answers checked against DuckDB's");
        if (other) {
            out.println("  vs Floe: " + name + "'s time over Floe's; " + name + "'s answers checked against Floe's");
            if (anyPlain) {
                out.println("  " + PLAIN_MARK.strip() + " " + name + " refuses an operation of the question as asked "
                        + "(top_k, explode, corr): it answers the same question in plain terms (ranks, sums)");
            }
        }
        out.flush();
        return allAgree;
    }

    /** The mark after a question asked of the other engine in plain terms. */
    static final String PLAIN_MARK = " *";

    /** Loads the file into Floe and DuckDB, then times every question twice on each. */
    public static List<Timing> run(Path file, int threads, List<String> only) throws SQLException {
        return run(file, threads, only, null, null);
    }

    /**
     * {@link #run(Path, int, List)}, telling {@code log} (if not null) what the data take in
     * memory, and timing every question twice on {@code engine} too (if not null).
     */
    public static List<Timing> run(Path file, int threads, List<String> only, PrintWriter log, Engine engine)
            throws SQLException {
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
            if (engine != null) {
                load(engine, log, x);
            }
            for (GroupByQuestions.Question question : GroupByQuestions.ALL) {
                if (only != null && !only.contains(question.name())) {
                    continue;
                }
                DataFrame table = x;
                EngineQuery query = engine == null ? null
                        : engineQuery(engine, question.plan().apply(x.lazy()),
                                question.portable() == null ? null : question::plainPlan, x.lazy());
                timings.add(timeTwice(question.name(), question.description(), () -> question.floe().apply(table,
                        config), question.sql(), statement, engine, query));
            }
        }
        return timings;
    }

    /**
     * Hands the tables to the other engine before the timed questions, as DuckDB's are loaded:
     * a count of each table's rows there (Spark ships an in-memory frame once and caches it, on
     * the first query that reads it), its time told to {@code log}.
     */
    static void load(Engine engine, PrintWriter log, DataFrame... tables) {
        long start = System.nanoTime();
        for (DataFrame table : tables) {
            DataFrame count = table.lazy().select(len().alias("rows")).collect(engine);
            long rows = ((Number) count.get(0, "rows")).longValue();
            if (rows != table.height()) {
                throw new IllegalStateException(engine.name() + " counts " + rows + " rows in a table of " + table.height());
            }
        }
        if (log != null) {
            log.printf(Locale.ROOT, "loaded into %s in %.3f s (not timed in the questions)%n", engine.name(),
                    (System.nanoTime() - start) / 1e9);
            log.flush();
        }
    }

    /**
     * The query a question sends to the other engine: as asked, unless the engine refuses it
     * (tried with {@link Engine#explain}, which translates without running) and the question has
     * a plain form ({@code plain} not null), which is sent instead.
     */
    static EngineQuery engineQuery(Engine engine, LazyFrame asked, Function<LazyFrame, LazyFrame> plain,
            LazyFrame input) {
        if (plain == null) {
            return new EngineQuery(asked, false);
        }
        try {
            engine.explain(dev.floe.frame.plan.rule.Optimizer.optimize(asked.plan()));
            return new EngineQuery(asked, false);
        } catch (FloeException | UnsupportedOperationException refused) {
            return new EngineQuery(plain.apply(input), true);
        }
    }

    /**
     * Runs a question twice in Floe and twice in DuckDB (its answer made a table, as Floe's is a
     * frame), each after a collection, and checks Floe's last answer against DuckDB's.
     */
    static Timing timeTwice(String name, String description, Supplier<DataFrame> floe, String sql,
            Statement statement) throws SQLException {
        return timeTwice(name, description, floe, sql, statement, null, null);
    }

    /**
     * {@link #timeTwice(String, String, Supplier, String, Statement)}, and twice on {@code engine}
     * (if not null) with {@code query}, whose last answer is checked against Floe's.
     */
    static Timing timeTwice(String name, String description, Supplier<DataFrame> floe, String sql,
            Statement statement, Engine engine, EngineQuery query) throws SQLException {
        double[] floeTimes = new double[2];
        double[] duckTimes = new double[2];
        double[] engineTimes = engine == null ? null : new double[2];
        DataFrame answer = null;
        DataFrame engineAnswer = null;
        for (int run = 0; run < 2; run++) {
            answer = null;
            engineAnswer = null;
            System.gc();
            long start = System.nanoTime();
            answer = floe.get();
            floeTimes[run] = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE IF EXISTS ans"); // not timed, as Floe's old answer is let go
            start = System.nanoTime();
            statement.execute("CREATE TABLE ans AS " + sql);
            duckTimes[run] = (System.nanoTime() - start) / 1e9;
            if (engine != null) {
                System.gc();
                start = System.nanoTime();
                engineAnswer = query.query().collect(engine);
                engineTimes[run] = (System.nanoTime() - start) / 1e9;
            }
        }
        String disagreement = compare(answer, statement);
        if (disagreement == null && engine != null) {
            String differs = compare(answer, engineAnswer);
            disagreement = differs == null ? null : engine.name() + " vs Floe: " + differs;
        }
        return new Timing(name, description + (query != null && query.plain() ? PLAIN_MARK : ""), floeTimes, duckTimes,
                disagreement == null, disagreement, engineTimes);
    }

    /**
     * Null when {@code actual} has {@code expected}'s columns, row count and column sums
     * (relative 1e-6; the engines' rows may come in other orders); else what differs.
     */
    static String compare(DataFrame expected, DataFrame actual) {
        if (!actual.schema().equals(expected.schema())) {
            return "columns " + actual.schema() + " vs " + expected.schema();
        }
        if (actual.height() != expected.height()) {
            return "rows " + actual.height() + " vs " + expected.height();
        }
        for (Schema.Field field : expected.schema().fields()) {
            if (field.type().isNumeric()) {
                double want = sum(expected, field.name());
                double got = sum(actual, field.name());
                if (Math.abs(got - want) > 1e-6 * Math.max(1, Math.abs(want))) {
                    return "sum of " + field.name() + " " + got + " vs " + want;
                }
            }
        }
        return null;
    }

    /** The sum of a numeric column, NaN counted as 0 (as the comparison with DuckDB does). */
    private static double sum(DataFrame frame, String column) {
        double total = 0;
        for (double value : frame.column(column).toDoubleArray()) {
            total += Double.isNaN(value) ? 0 : value;
        }
        return total;
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
