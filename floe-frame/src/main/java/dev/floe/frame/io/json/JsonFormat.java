package dev.floe.frame.io.json;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.io.BatchWriter;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import dev.floe.frame.io.ScanDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * JSON as a {@link FileFormat}, {@code json}: sources over JSON files (an array of objects, or
 * objects one after another, told by the content), and writers whose parts are blocks of row
 * objects encoded on the workers and appended in order. Its sibling {@link Lines},
 * {@code ndjson}, reads every file as JSON lines (split at line breaks and read in parallel)
 * and writes one object per line. Writer options: {@code layout}, {@code array} or {@code lines},
 * by default the format's own; {@code compression}, {@code gzip} or {@code none}. Values are written as {@link JsonWriter} says.
 */
public class JsonFormat implements FileFormat {
    private final boolean lines;

    public JsonFormat() {
        this(false);
    }

    private JsonFormat(boolean lines) {
        this.lines = lines;
    }

    /** JSON lines (NDJSON), {@code ndjson}: one object per line. */
    public static final class Lines extends JsonFormat {
        public Lines() {
            super(true);
        }
    }

    @Override
    public final String name() {
        return lines ? "ndjson" : "json";
    }

    @Override
    public final FileSource scan(List<Path> files) {
        return new JsonSource(files, JsonOptions.defaults(), lines);
    }

    @Override
    public final FileSource openFiles(ScanDescriptor descriptor, List<Path> files) {
        Map<String, String> options = new java.util.LinkedHashMap<>(descriptor.options());
        String inferred = options.remove(JsonSource.INFERRED_FROM);
        return new JsonSource(files, JsonOptions.fromReadOptions(options), lines,
                inferred == null ? null : JsonSource.Inferred.decoded(inferred));
    }

    @Override
    public final BatchWriter writer(Path path, Schema schema, Map<String, String> options) {
        FileFormat.checkOptions("JSON", options, List.of("layout", "compression"));
        boolean gzip = FileFormat.gzipOption(options.get("compression"), "JSON");
        String layoutName = options.getOrDefault("layout", lines ? "lines" : "array");
        JsonWriter.Layout layout = switch (layoutName) {
            case "array" -> JsonWriter.Layout.ARRAY;
            case "lines" -> JsonWriter.Layout.LINES;
            default -> throw new IllegalArgumentException("the JSON option layout is array or lines, not '"
                    + layoutName + "'");
        };
        JsonWriter writer = new JsonWriter(layout);
        OutputStream out;
        try {
            out = FileFormat.output(path, gzip);
            if (layout == JsonWriter.Layout.ARRAY) {
                out.write('[');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        return new BatchWriter() {
            private boolean anyRows;

            @Override
            public int partRows() {
                return 16_384;
            }

            @Override
            public Object encode(DataFrame part) {
                return writer.rows(part);
            }

            @Override
            public void append(Object encoded) {
                byte[] rows = (byte[]) encoded;
                if (rows.length == 0) {
                    return;
                }
                try {
                    if (layout == JsonWriter.Layout.ARRAY) {
                        out.write((anyRows ? ",\n" : "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                    out.write(rows);
                    anyRows = true;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void finish() {
                try {
                    if (layout == JsonWriter.Layout.ARRAY) {
                        out.write((anyRows ? "\n]\n" : "]\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void abort() {
                try {
                    out.close();
                } catch (IOException e) {
                    // the file is deleted next
                }
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // nothing more can be done
                }
            }
        };
    }
}
