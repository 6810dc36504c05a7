package dev.floe.frame;

import dev.floe.frame.io.Dataset;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import dev.floe.frame.io.PartitionedSource;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.io.csv.CsvSource;
import dev.floe.frame.plan.FileScan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where data comes in: reading files into frames ({@code readX}) and lazy scans of files
 * ({@code scanX}) whose queries read only what they need.
 *
 * <pre>{@code
 * DataFrame df = Floe.readCsv("G1_1e7_1e2_0_0.csv");
 * DataFrame some = Floe.readCsv("data/*.csv", CsvOptions.defaults().withType("id1", DataType.CATEGORICAL));
 * Floe.scanCsv("big.csv").groupBy("k").agg(col("x").sum()).collect();
 * }</pre>
 */
public final class Floe {
    private Floe() {}

    /** Reads a CSV file (or the files a glob such as {@code data/*.csv} matches, in name order). */
    public static DataFrame readCsv(String path) {
        return readCsv(path, CsvOptions.defaults());
    }

    public static DataFrame readCsv(String path, CsvOptions options) {
        return scanCsv(path, options).collect(configFor(options));
    }

    public static DataFrame readCsv(Path path) {
        return readCsv(path, CsvOptions.defaults());
    }

    public static DataFrame readCsv(Path path, CsvOptions options) {
        return new LazyFrame(new FileScan(new CsvSource(List.of(path), options))).collect(configFor(options));
    }

    /** Reads CSV from a stream (read whole first: a stream cannot be split); errors name it {@code input}. */
    public static DataFrame readCsv(InputStream in, CsvOptions options) {
        return new LazyFrame(new FileScan(CsvSource.of(Objects.requireNonNull(in, "in is null"), "input", options)))
                .collect(configFor(options));
    }

    /** The default session's configuration, on the threads the options ask for if they do. */
    private static dev.floe.frame.exec.ExecutionConfig configFor(CsvOptions options) {
        dev.floe.frame.exec.ExecutionConfig config = session().config();
        return options.threads() > 0 ? config.withThreads(options.threads()) : config;
    }

    /**
     * The process's default session: where {@code collect()} runs queries unless told otherwise.
     * Configured from the environment when first used ({@code FLOE_THREADS}, {@code FLOE_MORSEL_ROWS});
     * its settings can be changed ({@code Floe.session().threads(4)}) and apply to later queries.
     */
    public static Session session() {
        return DefaultSession.SESSION;
    }

    /** Holds the default session, made on first use. */
    private static final class DefaultSession {
        static final Session SESSION = Session.create();
    }

    /** A lazy scan of a CSV file or glob: the header and a sample are read now, the data when the query runs. */
    public static LazyFrame scanCsv(String path) {
        return scanCsv(path, CsvOptions.defaults());
    }

    public static LazyFrame scanCsv(String path, CsvOptions options) {
        return new LazyFrame(new FileScan(dataset(path, files -> new CsvSource(files, options))));
    }

    public static LazyFrame scanCsv(Path path, CsvOptions options) {
        return new LazyFrame(new FileScan(new CsvSource(List.of(path), options)));
    }

    /** Reads a Parquet file, or the files a glob matches (needs the {@code floe-parquet} module). */
    public static DataFrame readParquet(String path) {
        return scanParquet(path).collect();
    }

    /** A lazy scan of Parquet files: columns, row groups and rows are read only as the query needs. */
    public static LazyFrame scanParquet(String path) {
        FileFormat format = FileFormat.named("parquet", "floe-parquet");
        return new LazyFrame(new FileScan(dataset(path, format::scan)));
    }

    /** Reads an Arrow IPC (Feather v2) file, or the files a glob matches (needs the {@code floe-arrow} module). */
    public static DataFrame readArrow(String path) {
        return scanArrow(path).collect();
    }

    public static LazyFrame scanArrow(String path) {
        FileFormat format = FileFormat.named("arrow", "floe-arrow");
        return new LazyFrame(new FileScan(dataset(path, format::scan)));
    }

    /**
     * The files a path names as one source ({@link Dataset}: a file, a directory, a glob with
     * {@code **}), partitioned when they sit in {@code key=value} directories.
     */
    public static FileSource dataset(String path, java.util.function.Function<List<Path>, FileSource> open) {
        return PartitionedSource.of(Dataset.of(path), open);
    }

    /**
     * Runs SQL over files named as tables, as in DuckDB ({@code SELECT id1, sum(v1) FROM 'G1.csv'
     * GROUP BY id1}); needs the {@code floe-sql} module. To query frames by name, register them in
     * a {@code dev.floe.sql.SqlContext}.
     */
    public static DataFrame sql(String query) {
        return SqlEngine.find().sql(query);
    }

    /**
     * A lazy scan of a file or glob, its format told by its extension: {@code .csv} and
     * {@code .txt} (CSV), {@code .tsv} (tab-separated), {@code .parquet}, {@code .arrow} /
     * {@code .feather} / {@code .ipc} (Arrow IPC).
     *
     * @throws IllegalArgumentException if the extension is none of these
     */
    public static LazyFrame scan(String path) {
        String format = formatOf(path);
        if (format == null && !Dataset.hasGlob(path) && Files.isDirectory(Path.of(path))) {
            format = formatOfFiles(path, Dataset.of(path).files());
        }
        if (format == null) {
            throw new IllegalArgumentException("cannot tell the format of " + path + " from its extension; known "
                    + "extensions: .csv, .tsv, .txt, .parquet, .arrow, .feather, .ipc");
        }
        return switch (format) {
            case "tsv" -> scanCsv(path, CsvOptions.defaults().withDelimiter('\t'));
            case "parquet" -> scanParquet(path);
            case "arrow" -> scanArrow(path);
            default -> scanCsv(path);
        };
    }

    /** The format {@link #scan(String)} reads {@code path} as: {@code csv}, {@code tsv}, {@code parquet}, {@code arrow}; or null. */
    public static String formatOf(String path) {
        String name = Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT)) {
            case "csv", "txt" -> "csv";
            case "tsv" -> "tsv";
            case "parquet" -> "parquet";
            case "arrow", "feather", "ipc" -> "arrow";
            default -> null;
        };
    }

    /** The one format of a directory's files, told by their extensions; an error naming the mix otherwise. */
    private static String formatOfFiles(String path, List<Path> files) {
        java.util.Set<String> formats = new java.util.TreeSet<>();
        for (Path file : files) {
            String format = formatOf(file.toString());
            formats.add(format == null ? "unknown (" + file.getFileName() + ")" : format);
        }
        if (formats.size() != 1 || formats.iterator().next().startsWith("unknown")) {
            throw new IllegalArgumentException("cannot tell the format of directory " + path + ": its files are "
                    + String.join(", ", formats) + "; name the files with a glob such as " + path + "/**/*.parquet");
        }
        return formats.iterator().next();
    }

    /** A lazy scan over any {@link dev.floe.frame.io.FileSource}. */
    public static LazyFrame scan(dev.floe.frame.io.FileSource source) {
        return new LazyFrame(new FileScan(source));
    }

    /**
     * The files a path names: itself; every file under a directory; or the files a glob matches
     * ({@code * ? [ {} in any part, {@code **} for any depth), in path order. See {@link Dataset}.
     */
    public static List<Path> expand(String path) {
        return Dataset.of(path).files();
    }
}
