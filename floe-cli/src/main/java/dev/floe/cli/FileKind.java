package dev.floe.cli;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.io.csv.CsvOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The file formats the {@code floe} command reads and writes, told apart by the file's
 * extension: {@code .csv}, {@code .tsv} (tab-separated), {@code .txt} (CSV), {@code .parquet},
 * {@code .arrow} / {@code .feather} / {@code .ipc} (Arrow IPC, Feather v2).
 */
enum FileKind {
    CSV,
    TSV,
    PARQUET,
    ARROW;

    static final String KNOWN = ".csv, .tsv, .txt, .parquet, .arrow, .feather, .ipc";

    /** The kind a path's extension names, or null when it names none of them. */
    static FileKind fromExtension(String path) {
        String format = Floe.formatOf(path);
        return format == null ? null : valueOf(format.toUpperCase(Locale.ROOT));
    }

    /** The kind of {@code path}, or an error that names the path and the extensions known. */
    static FileKind of(String path) {
        FileKind kind = fromExtension(path);
        if (kind == null) {
            throw new CliException("cannot tell the format of " + path + " from its extension; known extensions: "
                    + KNOWN);
        }
        return kind;
    }

    /** A lazy scan of {@code path} (a file or a glob such as {@code data/*.csv}), its format from its extension. */
    static LazyFrame scan(String path) {
        of(path);
        requireReadable(path);
        return Floe.scan(path);
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
            case PARQUET -> frame.writeParquet(path);
            case ARROW -> frame.writeArrow(path);
        }
    }

    static CsvOptions tsv() {
        return CsvOptions.defaults().withDelimiter('\t');
    }

    /** A missing file or a glob that matches nothing fails here, naming the path. */
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
