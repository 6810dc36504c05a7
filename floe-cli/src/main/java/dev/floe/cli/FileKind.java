package dev.floe.cli;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.io.Formats;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.io.csv.CsvParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The file formats the {@code floe} command reads and writes. Every command tells a file's
 * format by the one rule of {@link Formats} (the extension, else the content), as
 * {@code Floe.scan} and SQL's {@code FROM 'file'} do; {@code --from} names it instead.
 */
enum FileKind {
    CSV,
    TSV,
    JSON,
    NDJSON,
    PARQUET,
    ARROW;

    /** The kind a path's name tells, or null when it tells none. */
    static FileKind fromExtension(String path) {
        String format = Formats.byName(path);
        return format == null ? null : valueOf(format.toUpperCase(Locale.ROOT));
    }

    /** A lazy scan of {@code path} (a file, a directory or a glob such as {@code data/*.csv}), its format by the rule. */
    static LazyFrame scan(String path) {
        return scan(path, null, ReadOptions.NONE);
    }

    /**
     * A lazy scan of {@code path} in format {@code format} (null: by the rule), read with the
     * command's reading options.
     */
    static LazyFrame scan(String path, String format, ReadOptions options) {
        requireReadable(path);
        String chosen;
        try {
            chosen = format != null ? format : Floe.formatOfPath(path);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage()
                    + (e.getMessage().contains("Floe.scanCsv") ? "" : "; --from names the format"));
        }
        return options.scan(path, chosen);
    }

    /**
     * Runs {@code work}, which reads {@code path}; an error whose message does not name the file
     * (a reader's own, such as Parquet's "not a Parquet file") is given the file's name.
     */
    static <T> T reading(String path, Supplier<T> work) {
        try {
            return work.get();
        } catch (CliException e) {
            throw e;
        } catch (CsvParseException e) {
            // the reader's hint names Java methods; here the command's options do the same
            throw e.withHint(e.column() != null
                    ? "the column's type was inferred from the first rows; read it as text with --type '" + e.column()
                            + "=str', or pass over bad rows with --ignore-errors (or --on-bad-row null)"
                    : (e.hint() == null ? "" : e.hint() + "; ") + "pass over such rows with --ignore-errors");
        } catch (RuntimeException e) {
            String message = Errors.message(e);
            String name = Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
            if (message.contains(name)) {
                throw e;
            }
            throw new CliException("cannot read " + path + ": " + (e.getMessage() == null ? message : e.getMessage()), e);
        }
    }

    /** Writes {@code frame} to {@code path} in this format. */
    void write(DataFrame frame, Path path) {
        switch (this) {
            case CSV -> frame.writeCsv(path);
            case TSV -> frame.writeCsv(path, tsv());
            case JSON -> frame.writeJson(path);
            case NDJSON -> frame.writeNdjson(path);
            case PARQUET -> frame.writeParquet(path);
            case ARROW -> frame.writeArrow(path);
        }
    }

    static CsvOptions tsv() {
        return CsvOptions.defaults().withDelimiter('\t');
    }

    /**
     * A missing file, a glob that matches nothing, an empty directory, an unreadable or empty
     * file fail here, naming the path.
     */
    private static void requireReadable(String path) {
        try {
            Floe.expand(path);
        } catch (UncheckedIOException e) {
            throw new CliException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
        Path file = Path.of(path);
        if (Files.isRegularFile(file) && !Files.isReadable(file)) {
            throw new CliException("cannot read " + path + ": permission denied");
        }
        try {
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                throw new CliException("cannot read " + path + ": the file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A file's size in a readable unit, for messages. */
    static String size(Path file) {
        try {
            long bytes = Files.size(file);
            if (bytes < 10_000) {
                return bytes + " B";
            }
            return bytes < 10_000_000 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1e3)
                    : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
