package dev.floe.cli;

import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.io.Formats;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.io.csv.CsvParseException;
import dev.floe.frame.io.json.JsonOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Option;

/**
 * The options of commands that read a file: its format ({@code --from}) and the reader's
 * options, those of {@code read_csv} in SQL: {@code --delimiter}, {@code --no-header},
 * {@code --skip}, {@code --null}, {@code --type NAME=TYPE} (CSV and JSON), {@code --on-bad-row},
 * {@code --ignore-errors}.
 */
final class ReadOptions {
    /** No options given: every default. */
    static final ReadOptions NONE = new ReadOptions();

    @Option(names = "--from", paramLabel = "FORMAT", description = "The input's format: csv, tsv, json, ndjson, "
            + "parquet or arrow (default: from the extension, else the content).")
    String from;

    @Option(names = {"--delimiter", "--sep"}, paramLabel = "C", description = "CSV: the field separator (default ',';"
            + " '\\t' for a tab).")
    String delimiter;

    @Option(names = "--no-header", description = "CSV: the first line is data; the columns are column_1, column_2, ...")
    boolean noHeader;

    @Option(names = "--skip", paramLabel = "N", description = "CSV: lines to skip before the header.")
    Integer skip;

    @Option(names = "--null", paramLabel = "TEXT", description = "CSV: a text that means null (repeatable; default: "
            + "the empty field and NA).")
    List<String> nulls;

    @Option(names = "--type", paramLabel = "NAME=TYPE", description = "CSV and JSON: read column NAME as TYPE "
            + "(i64, f64, str, bool, date, datetime, cat, i32, ...) instead of the inferred type (repeatable).")
    List<String> types;

    @Option(names = "--on-bad-row", paramLabel = "POLICY", description = "CSV: what a row that does not read does: "
            + "fail (the default), skip, or null (its bad values become null).")
    String onBadRow;

    @Option(names = "--ignore-errors", description = "CSV: skip rows that do not read (--on-bad-row skip).")
    boolean ignoreErrors;

    /** The rows skipped by the last scan, and the first reason; reported once the command is done. */
    final AtomicLong skipped = new AtomicLong();

    final AtomicReference<CsvParseException> firstSkipped = new AtomicReference<>();

    /** A lazy scan of {@code path} in {@code format} with these options; a usage error when they do not fit it. */
    LazyFrame scan(String path, String format) {
        String chosen = from != null ? format(from) : format;
        boolean csv = chosen.equals("csv") || chosen.equals("tsv");
        if (!csv && (delimiter != null || noHeader || skip != null || nulls != null || onBadRow != null
                || ignoreErrors)) {
            throw new CliException("--delimiter, --no-header, --skip, --null, --on-bad-row and --ignore-errors are "
                    + "CSV options, and " + path + " is read as " + chosen);
        }
        if (csv) {
            return Floe.scanCsv(path, csvOptions(chosen.equals("tsv")));
        }
        if (chosen.equals("json") || chosen.equals("ndjson")) {
            JsonOptions options = JsonOptions.defaults();
            for (String[] type : types()) {
                options = options.withType(type[0], type(type[1]));
            }
            return chosen.equals("json") ? Floe.scanJson(path, options) : Floe.scanNdjson(path, options);
        }
        if (types != null) {
            throw new CliException("--type is for CSV and JSON files, whose types are inferred; " + path + " is read as "
                    + chosen + ", whose file holds its types");
        }
        return Floe.scan(path, chosen);
    }

    /** The CSV reader's options these give (tab-separated for TSV). */
    CsvOptions csvOptions(boolean tabs) {
        CsvOptions options = tabs ? CsvOptions.defaults().withDelimiter('\t') : CsvOptions.defaults();
        if (delimiter != null) {
            String text = delimiter.equals("\\t") ? "\t" : delimiter;
            if (text.length() != 1) {
                throw new CliException("--delimiter takes one character, not '" + delimiter + "'");
            }
            options = options.withDelimiter(text.charAt(0));
        }
        if (noHeader) {
            options = options.withHeader(false);
        }
        if (skip != null) {
            if (skip < 0) {
                throw new CliException("--skip takes 0 or more lines, not " + skip);
            }
            options = options.withSkipRows(skip);
        }
        if (nulls != null) {
            options = options.withNullValues(nulls.toArray(String[]::new));
        }
        for (String[] type : types()) {
            options = options.withType(type[0], type(type[1]));
        }
        CsvOptions.OnBadRow policy = ignoreErrors ? CsvOptions.OnBadRow.SKIP : CsvOptions.OnBadRow.FAIL;
        if (onBadRow != null) {
            try {
                policy = CsvOptions.OnBadRow.valueOf(onBadRow.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CliException("--on-bad-row is fail, skip or null, not '" + onBadRow + "'");
            }
        }
        options = options.withOnBadRow(policy);
        if (policy != CsvOptions.OnBadRow.FAIL) {
            options = options.withRejects(error -> {
                skipped.incrementAndGet();
                firstSkipped.compareAndSet(null, error);
            });
        }
        return options;
    }

    private List<String[]> types() {
        List<String[]> out = new ArrayList<>();
        for (String type : types == null ? List.<String>of() : types) {
            int equals = type.lastIndexOf('=');
            if (equals <= 0 || equals == type.length() - 1) {
                throw new CliException("--type takes NAME=TYPE, as in --type id=str, not '" + type + "'");
            }
            out.add(new String[] {type.substring(0, equals), type.substring(equals + 1)});
        }
        return out;
    }

    private static String format(String name) {
        String format = name.strip().toLowerCase(Locale.ROOT);
        if (format.equals("jsonl")) {
            return "ndjson";
        }
        if (!Formats.NAMES.contains(format)) {
            throw new CliException("--from takes " + String.join(", ", Formats.NAMES) + ", not '" + name + "'");
        }
        return format;
    }

    /** A type by its printed name ({@code i64}, {@code str}, {@code datetime}) or its Java name ({@code INT64}). */
    static DataType type(String name) {
        String wanted = name.strip();
        for (DataType type : DataType.values()) {
            String shown = type.displayName();
            if (shown.equalsIgnoreCase(wanted) || type.name().equalsIgnoreCase(wanted)
                    || shown.startsWith(wanted.toLowerCase(Locale.ROOT) + "[")) {
                return type;
            }
        }
        switch (wanted.toLowerCase(Locale.ROOT)) {
            case "int", "integer", "bigint", "long" -> {
                return DataType.INT64;
            }
            case "float", "double" -> {
                return DataType.FLOAT64;
            }
            case "string", "text", "varchar" -> {
                return DataType.UTF8;
            }
            case "boolean" -> {
                return DataType.BOOLEAN;
            }
            default -> throw new CliException("unknown type '" + name + "'; types are bool, i8, i16, i32, i64, f32, "
                    + "f64, str, cat, date, datetime, duration");
        }
    }

    /** One line on {@code err} when bad rows were skipped: how many, and the first one's reason. */
    void reportSkipped(java.io.PrintWriter err) {
        CsvParseException first = firstSkipped.get();
        if (first != null) {
            long count = skipped.get();
            boolean nulled = onBadRow != null && onBadRow.strip().equalsIgnoreCase("null");
            err.println("floe: " + (nulled ? Plural.of(count, "row") + (count == 1 ? " did" : " did")
                    + " not read, its bad values read as null" : "skipped " + Plural.of(count, "row")
                    + " that did not read") + "; the first: " + first.getMessage());
            err.flush();
        }
    }
}
