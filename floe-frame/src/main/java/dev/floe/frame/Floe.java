package dev.floe.frame;

import dev.floe.frame.io.Dataset;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import dev.floe.frame.io.Formats;
import dev.floe.frame.io.json.JsonOptions;
import dev.floe.frame.io.json.JsonSource;
import dev.floe.frame.io.PartitionedSource;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.io.csv.CsvSource;
import dev.floe.frame.plan.FileScan;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

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
        Session session = defaultSession;
        if (session == null) {
            synchronized (Floe.class) {
                session = defaultSession;
                if (session == null) {
                    // a bad FLOE_THREADS or FLOE_MEMORY_LIMIT fails each call with its message, not once for good
                    session = Session.create();
                    defaultSession = session;
                }
            }
        }
        return session;
    }

    /** The default session, made on first use. */
    private static volatile Session defaultSession;

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
     * A lazy scan of a file, a directory or a glob, its format told by one rule ({@link Formats}):
     * the extension ({@code .csv}, {@code .txt}, {@code .tsv}, {@code .json}, {@code .ndjson},
     * {@code .jsonl}, {@code .parquet}, {@code .arrow} / {@code .feather} / {@code .ipc}; the text
     * formats gzipped too, {@code .csv.gz}), else the content (Parquet's {@code PAR1}, Arrow's
     * {@code ARROW1}, gzip's magic number, JSON's opening brace; text without an extension is CSV).
     *
     * @throws IllegalArgumentException naming the file and what it is, when Floe reads no such files
     */
    public static LazyFrame scan(String path) {
        return scan(path, formatOfPath(path));
    }

    /**
     * A lazy scan of a file, a directory or a glob in the named format: {@code csv}, {@code tsv},
     * {@code json}, {@code ndjson}, {@code parquet}, {@code arrow}.
     */
    public static LazyFrame scan(String path, String format) {
        return switch (Objects.requireNonNull(format, "format is null")) {
            case "csv" -> scanCsv(path);
            case "tsv" -> scanCsv(path, CsvOptions.defaults().withDelimiter('\t'));
            case "json" -> scanJson(path);
            case "ndjson" -> scanNdjson(path);
            case "parquet" -> scanParquet(path);
            case "arrow" -> scanArrow(path);
            default -> throw new IllegalArgumentException("Floe reads no format named '" + format + "'; the formats are "
                    + String.join(", ", Formats.NAMES));
        };
    }

    /**
     * The format {@link #scan(String)} reads {@code path} as, told by its name alone: {@code csv},
     * {@code tsv}, {@code json}, {@code ndjson}, {@code parquet}, {@code arrow}; or null when the
     * name tells none (the content then decides).
     */
    public static String formatOf(String path) {
        return Formats.byName(path);
    }

    /**
     * The format {@link #scan(String)} reads {@code path} as: by name, else by content (every
     * file of a directory or glob must agree).
     *
     * @throws IllegalArgumentException naming the file and what it is, when Floe reads no such files
     */
    public static String formatOfPath(String path) {
        String format = formatOf(path);
        if (format != null) {
            return format;
        }
        Dataset files = Dataset.of(path);
        if (!Dataset.hasGlob(path) && Files.isRegularFile(Path.of(path))) {
            return Formats.of(Path.of(path));
        }
        return Formats.ofFiles(path, files.files());
    }

    // ---- JSON ----------------------------------------------------------------------------

    /**
     * Reads a JSON file (an array of objects, or one object per line), or the files a glob
     * matches: a row per object, a column per key (nested objects flattened to {@code outer.inner},
     * arrays of values as list columns), types inferred from the first objects.
     */
    public static DataFrame readJson(String path) {
        return scanJson(path).collect();
    }

    public static DataFrame readJson(String path, JsonOptions options) {
        return scanJson(path, options).collect();
    }

    /** A lazy scan of JSON files; the first objects are read now to tell the columns. */
    public static LazyFrame scanJson(String path) {
        return scanJson(path, JsonOptions.defaults());
    }

    public static LazyFrame scanJson(String path, JsonOptions options) {
        return new LazyFrame(new FileScan(dataset(path, files -> new JsonSource(files, options, false))));
    }

    /** Reads JSON lines (NDJSON): one object per line, the file read in parallel parts. */
    public static DataFrame readNdjson(String path) {
        return scanNdjson(path).collect();
    }

    public static DataFrame readNdjson(String path, JsonOptions options) {
        return scanNdjson(path, options).collect();
    }

    /** A lazy scan of JSON lines files, cut at line breaks into parts read in parallel. */
    public static LazyFrame scanNdjson(String path) {
        return scanNdjson(path, JsonOptions.defaults());
    }

    public static LazyFrame scanNdjson(String path, JsonOptions options) {
        return new LazyFrame(new FileScan(dataset(path, files -> new JsonSource(files, options, true))));
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
