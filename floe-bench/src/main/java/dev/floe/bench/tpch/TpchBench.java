package dev.floe.bench.tpch;

import dev.floe.bench.h2o.DuckDbPeer;
import dev.floe.bench.h2o.H2oBench;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.sql.SqlContext;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench tpch}: the 22 TPC-H queries as the specification writes them, Floe's SQL
 * against DuckDB in the same JVM and run, on the same data (generated once as Parquet files,
 * then loaded into memory by each; loading is not timed) and thread count. Each query runs
 * twice on each; Floe's last answer is checked against DuckDB's in full.
 */
@Command(name = "tpch", mixinStandardHelpOptions = true,
        description = "The 22 TPC-H queries as written, Floe's SQL against DuckDB, same data, same run.")
public final class TpchBench implements Callable<Integer> {
    @Option(names = "--sf", description = "Scale factor: 1 is about 6 million lineitem rows (default: ${DEFAULT-VALUE}).")
    double scale = 1;

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @Option(names = "--only", split = ",", description = "Only these queries, such as q1,q17.")
    List<String> only;

    @Option(names = "--decimal", description = "Money, quantities and rates as the specification's DECIMAL(15, 2), "
            + "exact (as DuckDB's dbgen makes them), in a folder of their own; else DOUBLE.")
    boolean decimal;

    @Option(names = "--scan", description = "Instead of the 22 queries, the Parquet scan of lineitem: a sum over "
            + "every row and one over a selective range of ship dates, read from the file by each engine.")
    boolean scan;

    @Option(names = "--memory-limit", description = "Both engines under this limit (such as 4g), each querying "
            + "the Parquet files where they lie instead of loading them: DuckDB with SET memory_limit, Floe with its "
            + "session's limit in a heap the launcher sizes to it; what does not fit spills to disk.")
    String memoryLimit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The scan questions: lineitem read straight from its file ({@code %s}), all rows, then a month of them. */
    static final List<String[]> SCANS = List.of(
            new String[] {"scan", "sum and count of every row",
                    "SELECT sum(l_extendedprice) AS price, sum(l_quantity) AS quantity, count(*) AS n FROM %s"},
            new String[] {"scan-filtered", "the same, one month of ship dates",
                    "SELECT sum(l_extendedprice) AS price, sum(l_quantity) AS quantity, count(*) AS n FROM %s "
                            + "WHERE l_shipdate >= DATE '1995-03-01' AND l_shipdate < DATE '1995-04-01'"});

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long limit = 0;
        if (memoryLimit != null) {
            if (scan) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--memory-limit is for the 22 queries; "
                        + "--scan reads the file in both engines, with no limit");
            }
            try {
                limit = dev.floe.frame.physical.MemoryPool.parse(memoryLimit, "--memory-limit");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        List<String> questions = dev.floe.bench.Questions.selected(only, TpchQueries.COUNT, spec.commandLine());
        Path folder = dir.resolve("tpch-sf" + format(scale) + (decimal ? "-decimal" : ""));
        Map<String, Path> files = files(folder, scale, decimal, out);
        if (scan) {
            Path lineitem = files.get("lineitem");
            List<H2oBench.Timing> timings = scan(lineitem, threads);
            long rows = Floe.scanParquet(lineitem.toString()).plan() instanceof dev.floe.frame.plan.FileScan file
                    ? (long) file.source().statistics().rows() : -1;
            String title = String.format(Locale.ROOT, "Parquet scan of %s (%,d rows), %d threads", lineitem, rows,
                    threads);
            boolean agree = H2oBench.report(out, title, timings);
            for (H2oBench.Timing timing : timings) {
                out.printf(Locale.ROOT, "  %-14s second runs: Floe %,.0f rows/s, DuckDB %,.0f rows/s%n",
                        timing.question(), rows / timing.floe()[1], rows / timing.duckdb()[1]);
            }
            out.flush();
            return agree ? 0 : 1;
        }
        List<H2oBench.Timing> timings = run(files, threads, questions, out, limit);
        String title = String.format(Locale.ROOT, "TPC-H at scale factor %s (%s), %d threads%s", format(scale), folder,
                threads, limit > 0 ? ", both under " + dev.floe.frame.physical.MemoryPool.format(limit)
                        + " reading the Parquet files" : "");
        return H2oBench.report(out, title, timings) ? 0 : 1;
    }

    private static String format(double scale) {
        return scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale);
    }

    /** The tables' Parquet files in {@code folder}, generated first if any is missing. */
    static Map<String, Path> files(Path folder, double scale, PrintWriter out) {
        return files(folder, scale, false, out);
    }

    /** {@link #files(Path, double, PrintWriter)}, with money as DECIMAL(15, 2) where {@code decimals}. */
    static Map<String, Path> files(Path folder, double scale, boolean decimals, PrintWriter out) {
        Map<String, Path> files = new java.util.LinkedHashMap<>();
        boolean complete = true;
        for (String table : TpchData.TABLES) {
            Path file = folder.resolve(table + ".parquet");
            files.put(table, file);
            complete &= Files.exists(file);
        }
        if (!complete) {
            out.println("generating TPC-H at scale factor " + format(scale) + " into " + folder + " ...");
            out.flush();
            for (String table : TpchData.TABLES) {
                // a row group at a time, so that memory holds one whatever the scale
                if (!Files.exists(files.get(table))) {
                    TpchData.writeParquet(io.trino.tpch.TpchTable.getTable(table), scale, decimals, files.get(table));
                }
            }
        }
        return files;
    }

    /** Loads the files into Floe and DuckDB, then times each query twice on each. */
    static List<H2oBench.Timing> run(Map<String, Path> files, int threads, List<String> only, PrintWriter log)
            throws SQLException, java.io.IOException {
        return run(files, threads, only, log, 0);
    }

    /**
     * Times each query twice on each engine: over the tables loaded into memory, or with a
     * {@code memoryLimit} (bytes; 0 for none) over the Parquet files where they lie (views in
     * DuckDB, scans in Floe), each engine under the limit and spilling to a temporary folder of
     * its own, deleted afterwards. A query one engine fails is reported as such and the others
     * still run.
     */
    static List<H2oBench.Timing> run(Map<String, Path> files, int threads, List<String> only, PrintWriter log,
            long memoryLimit) throws SQLException, java.io.IOException {
        ExecutionConfig config = ExecutionConfig.fromEnvironment().withThreads(threads);
        SqlContext floe = new SqlContext().withConfig(config);
        for (Map.Entry<String, Path> file : files.entrySet()) {
            String path = file.getValue().toString();
            if (memoryLimit > 0) {
                floe.register(file.getKey(), Floe.scanParquet(path));
            } else {
                floe.register(file.getKey(), Floe.readParquet(path));
            }
        }
        dev.floe.frame.Session session = Floe.session();
        long previous = session.memoryLimitBytes();
        Path spill = memoryLimit > 0 ? Files.createTempDirectory("floe-bench-duckdb") : null;
        List<H2oBench.Timing> timings = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement duckdb = connection.createStatement()) {
            duckdb.execute("SET threads = " + threads);
            if (memoryLimit > 0) {
                duckdb.execute("SET temp_directory = '" + DuckDbPeer.sqlText(spill.resolve("spill")) + "'");
                duckdb.execute("SET memory_limit = '" + memoryLimit + "B'");
                session.memoryLimit(memoryLimit);
                if (log != null) {
                    log.printf(Locale.ROOT, "memory limit %s for both: each reads the Parquet files where they lie%n",
                            dev.floe.frame.physical.MemoryPool.format(memoryLimit));
                }
            }
            for (Map.Entry<String, Path> file : files.entrySet()) {
                duckdb.execute((memoryLimit > 0 ? "CREATE VIEW " : "CREATE TABLE ") + file.getKey()
                        + " AS SELECT * FROM read_parquet('" + DuckDbPeer.sqlText(file.getValue()) + "')");
            }
            for (int q = 1; q <= TpchQueries.COUNT; q++) {
                if (only != null && !only.contains("q" + q)) {
                    continue;
                }
                H2oBench.Timing timing = timeTwice(q, floe, duckdb);
                timings.add(timing);
                if (log != null) {
                    log.printf(Locale.ROOT, "q%d done%s%n", q, timing.agree() ? "" : ": " + timing.disagreement());
                    log.flush();
                }
            }
        } finally {
            session.memoryLimit(previous);
            if (spill != null) {
                DuckDbPeer.deleteTree(spill);
            }
        }
        return timings;
    }


    /** The scan questions over {@code lineitem}'s file, twice in each engine, each reading the file itself. */
    static List<H2oBench.Timing> scan(Path lineitem, int threads) throws SQLException {
        SqlContext floe = new SqlContext().withConfig(ExecutionConfig.fromEnvironment().withThreads(threads));
        String path = lineitem.toAbsolutePath().toString().replace("'", "''");
        List<H2oBench.Timing> timings = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement duckdb = connection.createStatement()) {
            duckdb.execute("SET threads = " + threads);
            for (String[] question : SCANS) {
                double[] floeTimes = new double[2];
                double[] duckTimes = new double[2];
                DataFrame answer = null;
                List<List<Object>> expected = null;
                for (int run = 0; run < 2; run++) {
                    System.gc();
                    long start = System.nanoTime();
                    answer = floe.sql(String.format(Locale.ROOT, question[2], "'" + path + "'"));
                    floeTimes[run] = (System.nanoTime() - start) / 1e9;
                    dev.floe.bench.JitSettle.await();
                    start = System.nanoTime();
                    expected = TpchCheck.rows(duckdb, String.format(Locale.ROOT, question[2],
                            "read_parquet('" + path + "')"));
                    duckTimes[run] = (System.nanoTime() - start) / 1e9;
                }
                String disagreement = TpchCheck.compare(answer, expected);
                timings.add(new H2oBench.Timing(question[0], question[1], floeTimes, duckTimes, disagreement == null,
                        disagreement));
            }
        }
        return timings;
    }

    /**
     * Query {@code q} twice in Floe and twice in DuckDB, each after a collection; Floe's last answer
     * checked. A run that fails ends that engine's runs (their times are NaN), after the query's
     * remaining statements (its clean-up: q15 drops its view) are run with failures ignored.
     */
    static H2oBench.Timing timeTwice(int q, SqlContext floe, Statement duckdb) {
        List<String> statements = TpchQueries.statements(q);
        int answering = TpchQueries.answering(statements);
        double[] floeTimes = {Double.NaN, Double.NaN};
        double[] duckTimes = {Double.NaN, Double.NaN};
        DataFrame answer = null;
        List<List<Object>> expected = null;
        String floeFailed = null;
        String duckdbFailed = null;
        for (int run = 0; run < 2; run++) {
            if (floeFailed == null) {
                answer = null;
                System.gc();
                long start = System.nanoTime();
                int i = 0;
                try {
                    for (; i < statements.size(); i++) {
                        DataFrame result = floe.sql(statements.get(i));
                        if (i == answering) {
                            answer = result;
                        }
                    }
                    floeTimes[run] = (System.nanoTime() - start) / 1e9;
                } catch (RuntimeException | StackOverflowError e) {
                    floeFailed = "Floe failed: " + (e.getMessage() != null ? e.getMessage() : e.toString());
                    floeTimes[0] = Double.NaN;
                    for (int rest = i + 1; rest < statements.size(); rest++) {
                        try {
                            floe.sql(statements.get(rest));
                        } catch (RuntimeException ignored) {
                            // the failure above is the one reported
                        }
                    }
                }
                dev.floe.bench.JitSettle.await(); // DuckDB timed on a machine the JIT has left idle
            }
            if (duckdbFailed == null) {
                long start = System.nanoTime();
                int i = 0;
                try {
                    for (; i < statements.size(); i++) {
                        if (i == answering) {
                            expected = TpchCheck.rows(duckdb, statements.get(i));
                        } else {
                            duckdb.execute(statements.get(i));
                        }
                    }
                    duckTimes[run] = (System.nanoTime() - start) / 1e9;
                } catch (SQLException | RuntimeException e) {
                    duckdbFailed = "DuckDB failed: " + e.getMessage();
                    duckTimes[0] = Double.NaN;
                    for (int rest = i + 1; rest < statements.size(); rest++) {
                        try {
                            duckdb.execute(statements.get(rest));
                        } catch (SQLException ignored) {
                            // the failure above is the one reported
                        }
                    }
                }
            }
        }
        String disagreement = floeFailed != null ? floeFailed
                : duckdbFailed != null ? duckdbFailed : TpchCheck.compare(answer, expected);
        return new H2oBench.Timing("q" + q, TpchQueries.NAMES.get(q - 1), floeTimes, duckTimes, disagreement == null,
                disagreement);
    }
}
