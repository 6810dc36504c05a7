package dev.floe.cli;

import dev.floe.frame.DataFrame;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.io.csv.CsvWriter;
import dev.floe.frame.io.json.JsonWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes results in one format to the command's output or to a file.
 *
 * @param format how
 * @param file where, or null for the command's standard output (text formats only)
 * @param maxRows the most rows a table shows (head and tail around a {@code …} row), or -1 for
 *     all; the other formats write every row
 * @param moreRowsHint what a table says to do to see every row
 * @param maxColumns the most columns a table shows (first and last around a {@code …} column), or
 *     -1 for as many as fit in {@code width}
 * @param width the characters a table's line may take (the terminal's width), or 0 for no limit
 */
record ResultWriter(OutputFormat format, Path file, int maxRows, String moreRowsHint, int maxColumns, int width) {
    static final int ALL_ROWS = -1;

    /** A table's columns when neither a width nor --max-columns says: Polars' 8. */
    static final int DEFAULT_COLUMNS = 8;

    ResultWriter(OutputFormat format, Path file, int maxRows, String moreRowsHint) {
        this(format, file, maxRows, moreRowsHint, DEFAULT_COLUMNS, 0);
    }

    ResultWriter {
        if (file == null && format.binary()) {
            throw new IllegalArgumentException(format.label() + " output is binary: give a file to write it to");
        }
    }

    ResultWriter withFormat(OutputFormat newFormat) {
        return new ResultWriter(newFormat, file, maxRows, moreRowsHint, maxColumns, width);
    }

    ResultWriter withMaxRows(int rows) {
        return new ResultWriter(format, file, rows, moreRowsHint, maxColumns, width);
    }

    ResultWriter withMaxColumns(int columns) {
        return new ResultWriter(format, file, maxRows, moreRowsHint, columns, width);
    }

    /** Writes {@code frame}: to the file if there is one, else to {@code out}. */
    void write(DataFrame frame, PrintWriter out) {
        if (file != null) {
            writeFile(frame);
            return;
        }
        try {
            switch (format) {
                case TABLE -> {
                    if (isPlan(frame)) {
                        // EXPLAIN's rows are the lines of a plan: printed as they are, not cut to a cell's width
                        frame.column("explain").toList().forEach(out::println);
                    } else {
                        out.println(table(frame));
                    }
                }
                case CSV, TSV, JSON, JSONL -> writeText(frame, new WriterOutputStream(out));
                case PARQUET, ARROW -> throw new IllegalStateException("binary formats go to files");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** What {@code EXPLAIN} gives: one text column, {@code explain}. */
    private static boolean isPlan(DataFrame frame) {
        return frame.columns().equals(java.util.List.of("explain"))
                && frame.schema().type("explain") == dev.floe.frame.DataType.UTF8;
    }

    /** Lists, maps and structs as their text (as DuckDB writes them to CSV), for the csv and tsv formats. */
    private static DataFrame csvReady(DataFrame frame) {
        return frame.schema().fields().stream().anyMatch(f -> f.type().isNested())
                ? dev.floe.sql.SqlContext.nestedAsText(frame.lazy()).collect(dev.floe.frame.physical.LocalEngine.INSTANCE)
                : frame; // the rows are here: cast on Floe's own engine, whatever engine the query ran on
    }

    private void writeFile(DataFrame frame) {
        if (format == OutputFormat.CSV || format == OutputFormat.TSV) {
            frame = csvReady(frame);
        }
        switch (format) {
            case CSV -> FileKind.CSV.write(frame, file);
            case TSV -> FileKind.TSV.write(frame, file);
            case PARQUET -> FileKind.PARQUET.write(frame, file);
            case ARROW -> FileKind.ARROW.write(frame, file);
            case JSON -> FileKind.JSON.write(frame, file);
            case JSONL -> FileKind.NDJSON.write(frame, file);
            case TABLE -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    out.write((table(frame) + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new CliException("cannot write " + file + ": no such directory "
                            + file.toAbsolutePath().getParent());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private void writeText(DataFrame frame, OutputStream out) throws IOException {
        if (format == OutputFormat.CSV || format == OutputFormat.TSV) {
            frame = csvReady(frame);
        }
        switch (format) {
            case CSV -> CsvWriter.write(frame, out, CsvOptions.defaults());
            case TSV -> CsvWriter.write(frame, out, FileKind.tsv());
            case JSON -> new JsonWriter(JsonWriter.Layout.ARRAY).write(frame, out);
            case JSONL -> new JsonWriter(JsonWriter.Layout.LINES).write(frame, out);
            default -> throw new IllegalStateException(format + " is not a text format");
        }
        out.flush();
    }

    /** The frame as a table of up to {@link #maxRows} rows, and a line saying how many were left out. */
    String table(DataFrame frame) {
        int height = frame.height();
        if (maxRows == ALL_ROWS || height <= maxRows) {
            return frame.toString(height, maxColumns, width);
        }
        return frame.toString(maxRows, maxColumns, width) + "\n" + String.format(Locale.ROOT, "%,d of %,d rows shown%s", maxRows, height,
                moreRowsHint == null || moreRowsHint.isEmpty() ? "" : "; " + moreRowsHint);
    }
}
