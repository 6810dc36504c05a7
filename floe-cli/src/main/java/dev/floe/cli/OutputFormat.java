package dev.floe.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

/** How a command writes a result: an aligned table for people, or a file format for programs. */
enum OutputFormat {
    /** The frame printer's table: shape, names and types over the values. */
    TABLE(false),
    CSV(false),
    /** CSV separated by tabs. */
    TSV(false),
    /** One JSON array of row objects, a row per line. */
    JSON(false),
    /** JSON lines: one row object per line. */
    JSONL(false),
    PARQUET(true),
    ARROW(true);

    static final String NAMES = "table, csv, tsv, json, jsonl, parquet, arrow";

    private final boolean binary;

    OutputFormat(boolean binary) {
        this.binary = binary;
    }

    /** Whether the format is binary: it goes to a file, never to the terminal. */
    boolean binary() {
        return binary;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a file name's extension names, or null. */
    static OutputFormat fromExtension(String path) {
        FileKind kind = FileKind.fromExtension(path);
        return kind == null ? null : kind == FileKind.NDJSON ? JSONL : valueOf(kind.name());
    }

    /** The format named {@code text} in any case, or null. */
    static OutputFormat named(String text) {
        for (OutputFormat format : values()) {
            if (format.label().equalsIgnoreCase(text.strip())) {
                return format;
            }
        }
        return null;
    }

    /** Reads {@code --format csv} in any case; an unknown name lists the known ones. */
    static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            OutputFormat format = named(value);
            if (format == null) {
                throw new CommandLine.TypeConversionException("unknown format '" + value + "'; formats: " + NAMES);
            }
            return format;
        }
    }

    /** The names picocli lists for completion and in ${COMPLETION-CANDIDATES}. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(OutputFormat::label).iterator();
        }
    }
}
