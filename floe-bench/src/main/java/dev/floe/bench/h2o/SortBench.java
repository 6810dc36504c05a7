package dev.floe.bench.h2o;

import dev.floe.frame.DataType;
import dev.floe.frame.FileSink;
import dev.floe.frame.Floe;
import dev.floe.frame.Session;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.physical.MemoryPool;
import dev.floe.frame.plan.SortKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench sort}: every row of the h2o group-by data ordered by {@code id3, v3} and
 * written to a Parquet file under a memory limit, Floe's external sort against DuckDB's
 * {@code COPY (SELECT * FROM x ORDER BY id3, v3) TO ...} with the same limit. Both read the
 * Parquet copy of the CSV; DuckDB runs in a process of its own, first. Each engine sorts twice;
 * then DuckDB, in another process, reads Floe's file back and counts the rows out of order, and
 * the two files' fingerprints (rows, sums of the numeric columns) are compared.
 */
@Command(name = "sort", mixinStandardHelpOptions = true,
        description = "ORDER BY id3, v3 of all the h2o group-by rows into a Parquet file under a memory limit, Floe "
                + "against DuckDB's COPY with the same limit; Floe's file checked by DuckDB.")
public final class SortBench implements Callable<Integer> {
    @Option(names = "--rows", description = "Rows of the data, such as 1e8 (default: ${DEFAULT-VALUE}).")
    String rows = "1e7";

    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "The memory limit of both engines, such as 2g (default: ${DEFAULT-VALUE}); the floe launcher "
                    + "sizes the JVM's heap to fit it.")
    String memoryLimit = "2g";

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What one comparison measured. */
    public record Result(double[] floe, double[] duckdb, long rows, long outOfOrder, String disagreement) {}

    @Override
    public Integer call() throws Exception {
        int n = GenerateCommand.rows(rows);
        long limit;
        try {
            limit = MemoryPool.parse(memoryLimit, "--memory-limit");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        Path csv = dir.resolve(GroupByData.name(n, 100, 0, false) + ".csv");
        if (!Files.exists(csv)) {
            out.println("generating " + csv + " ...");
            out.flush();
            GroupByData.write(dir, n, 100, 0, false, 42);
        }
        CsvOptions options = CsvOptions.defaults().withType("id1", DataType.CATEGORICAL)
                .withType("id2", DataType.CATEGORICAL).withType("id3", DataType.CATEGORICAL).withThreads(threads);
        Path parquet = H2oBench.parquetCopy(csv, options, out);
        Result result = measure(parquet, limit, threads, out);
        out.printf(Locale.ROOT, "ORDER BY id3, v3 of %s (%,d rows) into Parquet, memory limit %s, %d threads%n",
                parquet, result.rows(), MemoryPool.format(limit), threads);
        out.printf(Locale.ROOT, "  %-26s %9.3f s %9.3f s%n", "Floe (first, second)", result.floe()[0], result.floe()[1]);
        out.printf(Locale.ROOT, "  %-26s %9.3f s %9.3f s%n", "DuckDB COPY (first, second)", result.duckdb()[0],
                result.duckdb()[1]);
        out.printf(Locale.ROOT, "  Floe / DuckDB: %.2fx (the faster run of each; below 1: Floe is faster)%n",
                Math.min(result.floe()[0], result.floe()[1]) / Math.min(result.duckdb()[0], result.duckdb()[1]));
        out.printf(Locale.ROOT, "  Floe's file: %,d rows out of order (checked by DuckDB); %s%n", result.outOfOrder(),
                result.disagreement() == null ? "rows and column sums agree with DuckDB's" : "DIFFERS: "
                        + result.disagreement());
        return result.outOfOrder() == 0 && result.disagreement() == null ? 0 : 1;
    }

    /** DuckDB's two sorts (its own process), then Floe's two under {@code limit}, then the check of Floe's file. */
    public static Result measure(Path parquet, long limit, int threads, PrintWriter log) throws IOException {
        Path folder = Files.createTempDirectory("floe-bench-sort");
        Path answer = folder.resolve("sorted.parquet");
        try {
            Map<String, String> duck = fields(DuckDbPeer.inProcess(Peer.class, List.of("sort",
                    parquet.toAbsolutePath().toString(), Integer.toString(threads), Long.toString(limit),
                    folder.resolve("duckdb.parquet").toString())));
            double[] duckTimes = {Double.parseDouble(duck.get("first")), Double.parseDouble(duck.get("second"))};
            log(log, "DuckDB: %.3f s, %.3f s", duckTimes[0], duckTimes[1]);
            Session session = Floe.session();
            long previous = session.memoryLimitBytes();
            double[] floeTimes = new double[2];
            try {
                session.memoryLimit(limit);
                ExecutionConfig config = ExecutionConfig.fromEnvironment().withThreads(threads);
                for (int run = 0; run < 2; run++) {
                    Files.deleteIfExists(answer); // not timed, as DuckDB's old file is removed untimed
                    System.gc();
                    long start = System.nanoTime();
                    Floe.scanParquet(parquet.toString()).sort(SortKey.asc("id3"), SortKey.asc("v3"))
                            .sink(new FileSink(answer, "parquet", Map.of(), true), config);
                    floeTimes[run] = (System.nanoTime() - start) / 1e9;
                    log(log, "Floe: run %d %.3f s", run + 1, floeTimes[run]);
                }
            } finally {
                session.memoryLimit(previous);
            }
            long outOfOrder = outOfOrder(answer, threads, limit);
            DuckDbPeer.Fingerprint floe = DuckDbPeer.Fingerprint.of(Floe.scanParquet(answer.toString()));
            String disagreement = null;
            for (Map.Entry<String, Double> sum : floe.sums().entrySet()) {
                double theirs = Double.parseDouble(duck.get("sum:" + sum.getKey()));
                if (Math.abs(sum.getValue() - theirs) > 1e-6 * Math.max(1, Math.abs(theirs))) {
                    disagreement = "sum of " + sum.getKey() + " " + sum.getValue() + " vs " + theirs;
                }
            }
            if (floe.rows() != Long.parseLong(duck.get("rows"))) {
                disagreement = "rows " + floe.rows() + " vs " + duck.get("rows");
            }
            return new Result(floeTimes, duckTimes, floe.rows(), outOfOrder, disagreement);
        } finally {
            DuckDbPeer.deleteTree(folder);
        }
    }

    /** The rows of a Parquet file (in file order) whose {@code (id3, v3)} is below the row before's, counted by DuckDB in a process of its own. */
    static long outOfOrder(Path file, int threads, long limit) throws IOException {
        return Long.parseLong(fields(DuckDbPeer.inProcess(Peer.class, List.of("check", file.toAbsolutePath().toString(),
                Integer.toString(threads), Long.toString(limit)))).get("unordered"));
    }

    private static void log(PrintWriter log, String format, Object... args) {
        if (log != null) {
            log.printf(Locale.ROOT, format + "%n", args);
            log.flush();
        }
    }

    /** The {@code key<TAB>value} lines a peer wrote. */
    private static Map<String, String> fields(List<String> lines) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                fields.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return fields;
    }

    /**
     * DuckDB's side, in a process of its own: {@code sort <parquet> <threads> <limit> <out>} sorts
     * twice into {@code out} and writes {@code first}, {@code second}, {@code rows} and
     * {@code sum:<column>} lines; {@code check <parquet> <threads> <limit>} writes {@code unordered},
     * the rows of the file (in file order) whose {@code (id3, v3)} is below the row before's.
     */
    public static final class Peer {
        private Peer() {}

        public static void main(String[] args) throws SQLException, IOException {
            PrintStream out = System.out;
            System.setOut(System.err);
            Path file = Path.of(args[1]);
            Path spill = Files.createTempDirectory("floe-bench-duckdb");
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement()) {
                statement.execute("SET threads = " + Integer.parseInt(args[2]));
                statement.execute("SET memory_limit = '" + Long.parseLong(args[3]) + "B'");
                statement.execute("SET temp_directory = '" + DuckDbPeer.sqlText(spill) + "'");
                String source = "read_parquet('" + DuckDbPeer.sqlText(file) + "')";
                if (args[0].equals("check")) {
                    try (ResultSet result = statement.executeQuery("SELECT count(*) FROM (SELECT id3, v3, "
                            + "lag(id3) OVER w AS id3_before, lag(v3) OVER w AS v3_before FROM read_parquet('"
                            + DuckDbPeer.sqlText(file) + "', file_row_number = true) WINDOW w AS (ORDER BY "
                            + "file_row_number)) WHERE id3_before > id3 OR id3_before = id3 AND v3_before > v3")) {
                        result.next();
                        out.println("unordered\t" + result.getLong(1));
                    }
                    return;
                }
                Path sorted = Path.of(args[4]);
                String[] names = {"first", "second"};
                for (String name : names) {
                    Files.deleteIfExists(sorted);
                    long start = System.nanoTime();
                    statement.execute("COPY (SELECT * FROM " + source + " ORDER BY id3, v3) TO '"
                            + DuckDbPeer.sqlText(sorted) + "' (FORMAT parquet)");
                    out.printf(Locale.ROOT, "%s\t%.6f%n", name, (System.nanoTime() - start) / 1e9);
                    out.flush();
                }
                try (ResultSet result = statement.executeQuery("SELECT count(*), sum(id4), sum(id5), sum(id6), "
                        + "sum(v1), sum(v2), sum(v3) FROM read_parquet('" + DuckDbPeer.sqlText(sorted) + "')")) {
                    result.next();
                    out.println("rows\t" + result.getLong(1));
                    String[] columns = {"id4", "id5", "id6", "v1", "v2", "v3"};
                    for (int c = 0; c < columns.length; c++) {
                        out.println("sum:" + columns[c] + "\t" + result.getDouble(c + 2));
                    }
                }
            } finally {
                DuckDbPeer.deleteTree(spill);
            }
        }
    }
}
