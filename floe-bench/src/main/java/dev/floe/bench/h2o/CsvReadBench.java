package dev.floe.bench.h2o;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.io.csv.CsvOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench csv}: reading the h2o group-by CSV file with Floe and with DuckDB's
 * {@code read_csv} (into an in-memory table), the same thread count, medians of the runs. Below
 * 5e7 rows both read in this JVM, alternating; from 5e7 rows (or with {@code --duckdb process})
 * DuckDB reads in a process of its own first, so that its table and Floe's heap are never in
 * memory at once (at 1e8 rows they would not fit in 24 GB beside each other).
 */
@Command(name = "csv", mixinStandardHelpOptions = true,
        description = "Read the h2o group-by CSV (generated if missing) with Floe and with DuckDB, side by side.")
public final class CsvReadBench implements Callable<Integer> {
    @Option(names = "--rows", description = "Rows of the file, such as 1e7 (default: ${DEFAULT-VALUE}).")
    String rows = "1e7";

    @Option(names = "--runs", description = "Runs of each reader (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--threads", description = "Threads for both (default: every processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dir", description = "Folder of the data (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("data");

    @Option(names = "--duckdb", paramLabel = "auto|same|process",
            description = "Where DuckDB reads: same (this JVM, alternating with Floe), process (a process of its own, "
                    + "all its runs before Floe's), auto (process from 5e7 rows, same below; the default).")
    BenchOptions.Place duckdb = BenchOptions.Place.auto;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The medians and the memory of one comparison. */
    public record Result(double floe, double duckdb, long floeRows, long duckdbRows, long floePeakHeap,
            long floeFrameBytes, long duckdbBytes) {}

    @Override
    public Integer call() throws Exception {
        int n = GenerateCommand.rows(rows);
        Path file = GroupByData.ensure(dir, n, 100, 0, false, spec.commandLine().getOut());
        boolean separate = duckdb == BenchOptions.Place.process || duckdb == BenchOptions.Place.auto && n >= 50_000_000;
        Result result = separate ? measureApart(file, threads, runs) : measure(file, threads, runs);
        var out = spec.commandLine().getOut();
        out.printf("CSV read of %s (%,d bytes, %,d rows), %d threads, medians of %d runs%n", file, Files.size(file),
                result.floeRows(), threads, runs);
        out.printf(Locale.ROOT, "  %-34s %9.3f s%n", "Floe.readCsv", result.floe());
        out.printf(Locale.ROOT, "  %-34s %9.3f s%n", "DuckDB read_csv into a table" + (separate ? " (own process)" : ""),
                result.duckdb());
        out.printf(Locale.ROOT, "  Floe / DuckDB: %.2fx (below 1: Floe is faster)%n", result.floe() / result.duckdb());
        out.printf(Locale.ROOT, "  memory: Floe's frame %s, Floe's peak heap while reading %s; DuckDB's table %s%n",
                bytes(result.floeFrameBytes()), bytes(result.floePeakHeap()), bytes(result.duckdbBytes()));
        if (result.floeRows() != result.duckdbRows()) {
            out.printf("  ROW COUNTS DIFFER: Floe %,d, DuckDB %,d%n", result.floeRows(), result.duckdbRows());
            return 1;
        }
        return 0;
    }

    public static Result measure(Path file, int threads, int runs) throws SQLException {
        double[] floe = new double[runs];
        double[] duck = new double[runs];
        long floeRows = 0;
        long duckRows = 0;
        long peak = 0;
        long frameBytes = 0;
        long duckBytes = 0;
        CsvOptions options = CsvOptions.defaults().withThreads(threads);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            for (int run = 0; run < runs; run++) {
                FloeRead read = readOnce(file, options);
                floe[run] = read.seconds();
                peak = Math.max(peak, read.peakHeap());
                floeRows = read.rows();
                frameBytes = read.frameBytes();

                dev.floe.bench.JitSettle.await();
                long start = System.nanoTime();
                statement.execute("CREATE OR REPLACE TABLE g AS SELECT * FROM " + H2oBench.readCsv(file));
                duck[run] = (System.nanoTime() - start) / 1e9;
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM g")) {
                    count.next();
                    duckRows = count.getLong(1);
                }
                duckBytes = H2oBench.duckdbMemory(statement);
                // let go of DuckDB's table before Floe reads again, as Floe's frame is let go
                // before DuckDB reads: at 1e8 rows the two copies are a good part of the memory
                statement.execute("DROP TABLE g");
            }
        }
        return new Result(median(floe), median(duck), floeRows, duckRows, peak, frameBytes, duckBytes);
    }

    /**
     * DuckDB's runs in a process of its own ({@link DuckDbReads}), then Floe's in this one, each
     * after a full collection, Floe's frame let go before the next.
     */
    static Result measureApart(Path file, int threads, int runs) throws java.io.IOException {
        List<String> lines = DuckDbPeer.inProcess(DuckDbReads.class, List.of(file.toAbsolutePath().toString(),
                Integer.toString(threads), Integer.toString(runs)));
        double[] duck = new double[runs];
        long duckRows = 0;
        long duckBytes = 0;
        int run = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f[0].equals("read") && run < runs) {
                duck[run++] = Double.parseDouble(f[1]);
                duckRows = Long.parseLong(f[2]);
                duckBytes = Long.parseLong(f[3]);
            }
        }
        if (run != runs) {
            throw new java.io.IOException("DuckDB's process reported " + run + " reads of " + runs);
        }
        double[] floe = new double[runs];
        long floeRows = 0;
        long peak = 0;
        long frameBytes = 0;
        CsvOptions options = CsvOptions.defaults().withThreads(threads);
        for (int r = 0; r < runs; r++) {
            FloeRead read = readOnce(file, options);
            floe[r] = read.seconds();
            peak = Math.max(peak, read.peakHeap());
            floeRows = read.rows();
            frameBytes = read.frameBytes();
            System.err.printf(Locale.ROOT, "Floe read %d: %.3f s%n", r + 1, floe[r]);
        }
        return new Result(median(floe), median(duck), floeRows, duckRows, peak, frameBytes, duckBytes);
    }

    /**
     * DuckDB's side of {@link #measureApart}: {@code <file> <threads> <runs>}; for each run it
     * reads the file into a table and writes {@code read <seconds> <rows> <bytes>} (tabs between)
     * to standard output, then drops the table.
     */
    public static final class DuckDbReads {
        private DuckDbReads() {}

        public static void main(String[] args) throws SQLException {
            Path file = Path.of(args[0]);
            int threads = Integer.parseInt(args[1]);
            int runs = Integer.parseInt(args[2]);
            java.io.PrintStream out = System.out;
            System.setOut(System.err);
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement()) {
                statement.execute("SET threads = " + threads);
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    statement.execute("CREATE OR REPLACE TABLE g AS SELECT * FROM " + H2oBench.readCsv(file));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long rows;
                    try (ResultSet count = statement.executeQuery("SELECT count(*) FROM g")) {
                        count.next();
                        rows = count.getLong(1);
                    }
                    long bytes = H2oBench.duckdbMemory(statement);
                    statement.execute("DROP TABLE g");
                    out.printf(Locale.ROOT, "read\t%.6f\t%d\t%d%n", seconds, rows, bytes);
                    out.flush();
                    System.err.printf(Locale.ROOT, "DuckDB read %d: %.3f s%n", run + 1, seconds);
                }
            }
        }
    }

    /** One read by Floe: its time, rows, the heap it took at its peak and the frame's size. */
    private record FloeRead(double seconds, long rows, long peakHeap, long frameBytes) {}

    /** Reads the file once, after a full collection, the heap's peak reset before; the frame is let go. */
    private static FloeRead readOnce(Path file, CsvOptions options) {
        System.gc();
        long before = resetPeaks();
        long start = System.nanoTime();
        DataFrame frame = Floe.readCsv(file, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FloeRead(seconds, frame.height(), peakHeap() - before, frame.estimatedSize());
    }

    /** Resets the heap pools' peaks; the heap in use now. */
    private static long resetPeaks() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String bytes(long n) {
        return n >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", n / (double) (1L << 20));
    }
}
