package dev.floe.frame.io.csv;

import dev.floe.frame.Schema;
import dev.floe.frame.io.FileSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * CSV files as a lazy scan's source. The header and the type-inference sample are read when the
 * source is made, so that the scan's schema is known; the data is read by the {@link CsvScan}s it
 * makes, each time a query runs.
 */
public final class CsvSource implements FileSource {
    private final List<Path> files;
    /** The bytes, for a source read from a stream; null for files. */
    private final CsvInput.MemoryInput bytes;
    private final CsvOptions options;
    private final CsvReader.Resolved resolved;

    public CsvSource(List<Path> files, CsvOptions options) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no CSV files to read");
        }
        this.files = List.copyOf(files);
        this.bytes = null;
        Objects.requireNonNull(options, "options is null");
        try (CsvInput first = CsvInput.open(files.get(0))) {
            checkContent(first);
            this.options = CsvReader.detectHeader(first, CsvReader.detectDelimiter(first, options));
            this.resolved = new CsvReader(this.options).resolve(first);
        }
    }

    /**
     * Refuses an input that is not CSV text, naming what it is: Parquet, Arrow, gzip without a
     * {@code .gz} name, a ZIP archive, binary data. An empty input is an empty frame.
     */
    static void checkContent(CsvInput input) {
        byte[] head = new byte[4096];
        int length = input.read(0, head, 0, head.length);
        if (length == 0) {
            return;
        }
        String kind = dev.floe.frame.io.Formats.binaryKind(head, length);
        if (kind == null && length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            kind = "gzip-compressed data";
        }
        if (kind != null) {
            String what = switch (kind) {
                case "parquet" -> "a Parquet file (it starts with PAR1); read it with Floe.readParquet";
                case "arrow" -> "an Arrow IPC file (it starts with ARROW1); read it with Floe.readArrow";
                case "gzip-compressed data" -> "gzip-compressed data; name the file .csv.gz to read it decompressed";
                default -> kind;
            };
            throw new dev.floe.FloeException("cannot read " + input.name() + " as CSV: it is " + what);
        }
    }

    private CsvSource(CsvInput.MemoryInput bytes, CsvOptions options) {
        this.files = List.of();
        this.bytes = bytes;
        Objects.requireNonNull(options, "options is null");
        checkContent(bytes);
        this.options = CsvReader.detectHeader(bytes, CsvReader.detectDelimiter(bytes, options));
        this.resolved = new CsvReader(this.options).resolve(bytes);
    }

    /** CSV from a stream, read to its end now (a stream cannot be split); errors name it {@code name}. */
    public static CsvSource of(java.io.InputStream in, String name, CsvOptions options) {
        return new CsvSource((CsvInput.MemoryInput) CsvInput.of(in, name), options);
    }

    /**
     * The rows estimated from the files' sizes and the bytes per row of the sample read for the
     * types (no column statistics: those would need the whole file); unknown for compressed
     * files, whose size on disk says little about their rows.
     */
    @Override
    public dev.floe.frame.io.TableStatistics statistics() {
        double perRow = resolved.bytesPerRow();
        if (!(perRow > 0)) {
            return dev.floe.frame.io.TableStatistics.UNKNOWN;
        }
        long total = 0;
        if (bytes != null) {
            total = bytes.size();
        } else {
            for (Path file : files) {
                String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (name.endsWith(".gz") || name.endsWith(".zst") || name.endsWith(".bz2") || name.endsWith(".xz")) {
                    return dev.floe.frame.io.TableStatistics.UNKNOWN;
                }
                try {
                    total += java.nio.file.Files.size(file);
                } catch (java.io.IOException e) {
                    return dev.floe.frame.io.TableStatistics.UNKNOWN;
                }
            }
        }
        return new dev.floe.frame.io.TableStatistics(Math.max(0, Math.round(total / perRow)), java.util.Map.of());
    }

    @Override
    public Schema schema() {
        Schema all = resolved.schema();
        if (options.columns() == null) {
            return all;
        }
        return Schema.of(all.fields().stream().filter(field -> options.columns().contains(field.name())).toList());
    }

    @Override
    public dev.floe.frame.physical.Source scan(List<String> projection, dev.floe.frame.expr.Expr predicate,
            long limit) {
        return new CsvScan(this, projection, predicate, limit);
    }

    @Override
    public dev.floe.frame.io.ScanDescriptor descriptor() {
        if (bytes != null) {
            throw new UnsupportedOperationException("CSV read from a stream has no files another engine could read; "
                    + "write it to a file first");
        }
        return new dev.floe.frame.io.ScanDescriptor("csv", files.stream().map(Path::toString).toList(),
                options.toReadOptions(resolved.schema()), schema());
    }

    /** How many inputs the source reads. */
    int inputs() {
        return bytes != null ? 1 : files.size();
    }

    /** Input {@code i}: a file opened now (the caller closes it), or the bytes of a stream. */
    CsvInput open(int i) {
        return bytes != null ? bytes : CsvInput.open(files.get(i));
    }

    /** The name of input {@code i}, for messages. */
    String name(int i) {
        return bytes != null ? bytes.name() : files.get(i).toString();
    }

    CsvOptions options() {
        return options;
    }

    CsvReader.Resolved resolved() {
        return resolved;
    }

    @Override
    public String describe() {
        return "CSV " + (bytes != null ? bytes.name() : files.size() == 1 ? files.get(0).toString()
                : files.size() + " files (" + files.get(0) + ", ...)");
    }
}
