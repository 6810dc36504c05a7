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
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
        long memoryLimit = options.memoryLimit(spec);
        Path dir = options.dir;
        PrintWriter out = spec.commandLine().getOut();
        List<String> questions = dev.floe.bench.Questions.selected(options.only, 10, spec.commandLine());
        Path file = GroupByData.ensure(dir, n, k, options.na, options.sorted, out);
        try (Engine engine = options.startEngine(spec)) {
            List<Timing> timings = run(file, options.threads, questions, out, engine, options.separate(n),
                    memoryLimit);
            String title = String.format("h2o group-by, %s (%,d rows), %d threads", file.getFileName(), n,
                    options.threads);
            return report(out, title, timings, engine == null ? null : engine.name(), n) ? 0 : 1;
        }
    }

    /** Prints the table of timings and ratios with totals; whether every answer agreed. */
    public static boolean report(PrintWriter out, String title, List<Timing> timings) {
        return report(out, title, timings, null, 0);
    }

    /**
     * Prints the table of timings and ratios with totals, with the other engine's times where
     * {@code engine} names it, and each question's time per row of a table of {@code rows} rows
     * (where it is above 0); whether every answer agreed.
     */
    public static boolean report(PrintWriter out, String title, List<Timing> timings, String engine, long rows) {
        boolean other = engine != null && timings.stream().allMatch(t -> t.engine() != null);
        String name = other ? Character.toUpperCase(engine.charAt(0)) + engine.substring(1) : "";
        out.printf("%s; two runs each, seconds%n", title);
        out.printf("  %-5s %-30s %8s %8s %8s %8s %8s", "", "question", "Floe 1", "Floe 2", "DuckDB 1", "DuckDB 2",
                "ratio");
        if (rows > 0) {
            out.printf(" %8s %8s", "Floe ns", "DuckDB ns");
        }
        if (other) {
            out.printf(" %8s %8s %8s", name + " 1", name + " 2", "vs Floe");
        }
        out.println();
        double floeTotal = 0;
        double duckTotal = 0;
        double engineTotal = 0;
        boolean allAgree = true;
        boolean anyPlain = false;
        int unanswered = 0;
        for (Timing t : timings) {
            double f = t.floe()[0] + t.floe()[1];
            double d = t.duckdb()[0] + t.duckdb()[1];
            if (Double.isNaN(f) || Double.isNaN(d)) {
                unanswered++; // a question one engine failed: the totals are over those both answered
            } else {
                floeTotal += f;
                duckTotal += d;
            }
            allAgree &= t.agree();
            anyPlain |= t.description().endsWith(PLAIN_MARK);
            out.printf(Locale.ROOT, "  %-5s %-30s %8.3f %8.3f %8.3f %8.3f %7.2fx", t.question(), t.description(),
                    t.floe()[0], t.floe()[1], t.duckdb()[0], t.duckdb()[1], f / d);
            if (rows > 0) {
                out.printf(Locale.ROOT, " %8.2f %9.2f", perRow(t.floe(), rows), perRow(t.duckdb(), rows));
            }
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
        if (unanswered > 0) {
            out.printf(Locale.ROOT, "  totals: over the %d questions both engines answered (%d failed in one, "
                    + "NaN above)%n", timings.size() - unanswered, unanswered);
        }
        if (rows > 0) {
            out.printf(Locale.ROOT, "  ns: nanoseconds per row of the %,d-row table, the faster of the two runs "
                    + "(equal across sizes when time grows linearly with the data)%n", rows);
        }
        if (other) {
            out.println("  vs Floe: " + name + "'s time over Floe's; " + name + "'s answers checked against Floe's");
            if (anyPlain) {
                out.println("  " + PLAIN_MARK.strip() + " " + name + " refuses an operation of the question as asked "
                        + "(top_k, explode): it answers the same question in plain terms (ranks)");
            }
        }
        out.flush();
        return allAgree;
    }

    /** Nanoseconds a row: the faster of two runs over a table of {@code rows} rows. */
    static double perRow(double[] seconds, long rows) {
        return Math.min(seconds[0], seconds[1]) * 1e9 / rows;
    }

    /** The mark after a question asked of the other engine in plain terms. */
    static final String PLAIN_MARK = " *";

    /** Loads the file into Floe and DuckDB, then times every question twice on each. */
    public static List<Timing> run(Path file, int threads, List<String> only) throws SQLException, IOException {
        return run(file, threads, only, null, null, false, 0);
    }

    /**
     * {@link #run(Path, int, List)}, telling {@code log} (if not null) what the data take in
     * memory, and timing every question twice on {@code engine} too (if not null). With
     * {@code separate}, DuckDB runs in a process of its own ({@link DuckDbPeer}), every question
     * before Floe loads the data, so the two engines never hold it at once; else in this JVM,
     * each question asked of Floe then DuckDB. With a {@code memoryLimit} (bytes; 0 for none),
     * each question is timed by {@link #timeTwiceLimited}.
     */
    public static List<Timing> run(Path file, int threads, List<String> only, PrintWriter log, Engine engine,
            boolean separate, long memoryLimit) throws SQLException, IOException {
        CsvOptions options = CsvOptions.defaults().withType("id1", DataType.CATEGORICAL)
                .withType("id2", DataType.CATEGORICAL).withType("id3", DataType.CATEGORICAL).withThreads(threads);
        if (memoryLimit > 0) {
            Path parquet = parquetCopy(file, options, log);
            logLimited(log, memoryLimit);
            DuckDbPeer.Report peer = DuckDbPeer.run(DuckDbPeer.Kind.H2O, List.of(parquet), threads, only, memoryLimit);
            List<Timing> timings = new ArrayList<>();
            LazyFrame x = Floe.scanParquet(parquet.toString());
            for (GroupByQuestions.Question question : GroupByQuestions.ALL) {
                if (only == null || only.contains(question.name())) {
                    timings.add(timeTwiceLimited(question.name(), question.description(), question.plan().apply(x),
                            peer.answers().get(question.name()), memoryLimit, threads, log));
                }
            }
            return timings;
        }
        DuckDbPeer.Report peer = separate ? DuckDbPeer.run(DuckDbPeer.Kind.H2O, List.of(file), threads, only) : null;
        logPeer(log, peer);
        long heapBefore = heapAfterGc();
        long loadStart = System.nanoTime();
        DataFrame x = Floe.readCsv(file, options);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long heapData = heapAfterGc() - heapBefore;
        dev.floe.frame.exec.ExecutionConfig config = dev.floe.frame.exec.ExecutionConfig.fromEnvironment()
                .withThreads(threads);
        List<Timing> timings = new ArrayList<>();
        try (Connection connection = peer != null ? null : DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection == null ? null : connection.createStatement()) {
            if (statement != null) {
                statement.execute("SET threads = " + threads);
                statement.execute("CREATE TABLE x AS SELECT * FROM " + readCsv(file));
            }
            if (log != null) {
                log.printf(Locale.ROOT, "data in memory: Floe %.0f MB (heap taken by the loaded frame, read in %.1f s)"
                        + "%s%n", heapData / 1e6, loadSeconds, statement == null ? ""
                        : String.format(Locale.ROOT, "; DuckDB %.0f MB (duckdb_memory())", duckdbMemory(statement) / 1e6));
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
                Peer duckdb = peer != null ? separate(peer.answers().get(question.name()))
                        : inProcess(statement, question.sql());
                timings.add(timeTwice(question.name(), question.description(),
                        () -> question.floe().apply(table, config), duckdb, engine, query));
            }
        }
        return timings;
    }

    /**
     * The Parquet copy of a CSV file next to it ({@code <name>.parquet}), written by Floe from a
     * streaming scan of the CSV (no more of it in memory than the scan's morsels) when missing or
     * older than the CSV; the time it took told to {@code log}. Under a memory limit both engines
     * read their data from it, as the data may be larger than the limit.
     */
    static Path parquetCopy(Path csv, CsvOptions options, PrintWriter log) throws IOException {
        String name = csv.getFileName().toString();
        Path parquet = csv.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".parquet");
        if (Files.exists(parquet) && Files.getLastModifiedTime(parquet).compareTo(Files.getLastModifiedTime(csv)) > 0) {
            return parquet;
        }
        Path partial = csv.resolveSibling(parquet.getFileName() + ".partial");
        long start = System.nanoTime();
        Floe.scanCsv(csv, options).sinkParquet(partial);
        Files.move(partial, parquet, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (log != null) {
            log.printf(Locale.ROOT, "wrote %s from the CSV in %.1f s (once; not timed)%n", parquet,
                    (System.nanoTime() - start) / 1e9);
            log.flush();
        }
        return parquet;
    }

    /** Tells {@code log} (if it and {@code peer} are not null) how DuckDB's own process went. */
    static void logPeer(PrintWriter log, DuckDbPeer.Report peer) {
        if (peer != null && log != null) {
            log.printf(Locale.ROOT, "DuckDB in its own process: loaded in %.1f s, %.0f MB (duckdb_memory()), every "
                    + "question run before Floe loads the data%n", peer.loadSeconds(), peer.bytes() / 1e6);
            log.flush();
        }
    }

    /** Tells {@code log} (if not null) how a run under a memory limit is set up. */
    static void logLimited(PrintWriter log, long memoryLimit) {
        if (log != null) {
            log.printf(Locale.ROOT, "memory limit %s for both: DuckDB first, in its own process (SET memory_limit), "
                    + "then Floe (its session's limit; this JVM's heap at most %s); both read the Parquet copy and "
                    + "write each answer to a Parquet file%n", dev.floe.frame.physical.MemoryPool.format(memoryLimit),
                    dev.floe.frame.physical.MemoryPool.format(Runtime.getRuntime().maxMemory()));
            log.flush();
        }
    }

    /**
     * A question under a memory limit: Floe's query over scans of the Parquet copies, its answer
     * written to a Parquet file (as DuckDB's is: an answer may be larger than the limit), run
     * twice in this JVM with the session's memory limit set to {@code memoryLimit}; the answer's
     * fingerprint, read back from the file, checked against DuckDB's (run before, in its own
     * process, under the same limit). Each question's times are told to {@code log} (if not null)
     * as soon as they are known; a question Floe fails is reported as such (no times) and the
     * others still run.
     */
    static Timing timeTwiceLimited(String name, String description, LazyFrame query, DuckDbPeer.Answer peer,
            long memoryLimit, int threads, PrintWriter log) throws IOException {
        dev.floe.frame.Session session = Floe.session();
        long previous = session.memoryLimitBytes();
        Path folder = Files.createTempDirectory("floe-bench-answer");
        Path answer = folder.resolve("answer.parquet");
        double[] floeTimes = new double[2];
        try {
            session.memoryLimit(memoryLimit);
            dev.floe.frame.exec.ExecutionConfig config = dev.floe.frame.exec.ExecutionConfig.fromEnvironment()
                    .withThreads(threads);
            try {
                for (int run = 0; run < 2; run++) {
                    Files.deleteIfExists(answer); // not timed, as DuckDB's old answer is dropped
                    System.gc();
                    long start = System.nanoTime();
                    query.sink(new dev.floe.frame.FileSink(answer, "parquet", java.util.Map.of(), true), config);
                    floeTimes[run] = (System.nanoTime() - start) / 1e9;
                }
            } catch (RuntimeException failed) {
                String why = "Floe failed: " + failed.getMessage();
                if (log != null) {
                    log.printf(Locale.ROOT, "%s: %s; DuckDB %.3f / %.3f s%n", name, why, peer.times()[0], peer.times()[1]);
                    log.flush();
                }
                return new Timing(name, description, new double[] {Double.NaN, Double.NaN}, peer.times(), false, why);
            }
            String disagreement = DuckDbPeer.compare(DuckDbPeer.Fingerprint.of(Floe.scanParquet(answer.toString())),
                    peer);
            if (log != null) {
                log.printf(Locale.ROOT, "%s: Floe %.3f / %.3f s, DuckDB %.3f / %.3f s, %s%n", name, floeTimes[0],
                        floeTimes[1], peer.times()[0], peer.times()[1],
                        disagreement == null ? "answers agree" : "answers differ: " + disagreement);
                log.flush();
            }
            return new Timing(name, description, floeTimes, peer.times(), disagreement == null, disagreement);
        } finally {
            session.memoryLimit(previous);
            Files.deleteIfExists(answer);
            Files.deleteIfExists(folder);
        }
    }

    /**
     * Hands the tables to the other engine before the timed questions, as DuckDB's are loaded
     * ({@link Engine#persist}: Spark ships an in-memory frame once and holds it), then checks a
     * count of each table's rows there; the time it took told to {@code log}.
     */
    static void load(Engine engine, PrintWriter log, DataFrame... tables) {
        long start = System.nanoTime();
        for (DataFrame table : tables) {
            engine.persist(table);
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
     * DuckDB's side of a question: the time of its run {@code run} (0 or 1), and what differs
     * between its answer and Floe's (null when they agree).
     */
    interface Peer {
        double time(int run) throws SQLException;

        String check(DataFrame answer) throws SQLException;
    }

    /**
     * DuckDB in this JVM: each run makes the answer a table, as Floe's is a frame (the previous
     * answer dropped untimed), checked against the table's fingerprint ({@link DuckDbPeer#answer}).
     */
    static Peer inProcess(Statement statement, String sql) {
        return new Peer() {
            @Override
            public double time(int run) throws SQLException {
                statement.execute("DROP TABLE IF EXISTS ans"); // not timed, as Floe's old answer is let go
                dev.floe.bench.JitSettle.await(); // timed on a machine the JIT has left idle
                long start = System.nanoTime();
                statement.execute("CREATE TABLE ans AS " + sql);
                return (System.nanoTime() - start) / 1e9;
            }

            @Override
            public String check(DataFrame answer) throws SQLException {
                return DuckDbPeer.compare(answer, DuckDbPeer.answer(sql, new double[2], statement));
            }
        };
    }

    /** DuckDB's answer from its own process ({@link DuckDbPeer}), run before Floe's. */
    static Peer separate(DuckDbPeer.Answer peer) {
        return new Peer() {
            @Override
            public double time(int run) {
                return peer.times()[run];
            }

            @Override
            public String check(DataFrame answer) {
                return DuckDbPeer.compare(answer, peer);
            }
        };
    }

    /**
     * Runs a question twice in Floe, twice on DuckDB ({@code duckdb}) and twice on {@code engine}
     * (if not null) with {@code query}; checks Floe's last answer against DuckDB's and the
     * engine's last answer against Floe's.
     */
    static Timing timeTwice(String name, String description, Supplier<DataFrame> floe, Peer duckdb, Engine engine,
            EngineQuery query) throws SQLException {
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
            duckTimes[run] = duckdb.time(run);
            if (engine != null) {
                System.gc();
                start = System.nanoTime();
                engineAnswer = query.query().collect(engine);
                engineTimes[run] = (System.nanoTime() - start) / 1e9;
            }
        }
        // as the questions go, so that a run cut short still shows what it measured
        System.err.printf(java.util.Locale.ROOT, "Floe %s: %.3f s, %.3f s%n", name, floeTimes[0], floeTimes[1]);
        String disagreement = duckdb.check(answer);
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
}
