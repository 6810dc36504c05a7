package dev.floe.frame.io.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.frame.ColumnNotFoundException;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.io.FileSource;
import dev.floe.frame.io.ScanColumns;
import dev.floe.frame.io.ScanDescriptor;
import dev.floe.frame.physical.BatchReader;
import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.physical.Source;
import dev.floe.frame.physical.Split;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON files as a lazy scan's source. Two layouts, told apart by the content: an array of
 * objects ({@code [{"a": 1}, {"a": 2}]}), or objects one after another, one per line (JSON lines,
 * NDJSON). Each object is a row, each key a column (nested objects flattened to
 * {@code outer.inner}, arrays of values as list columns; see {@link JsonInference}).
 *
 * <p>JSON lines files ({@code .ndjson}, {@code .jsonl}, or any file when the source is told they
 * are lines) are cut into byte ranges at line breaks and parsed in parallel; an array file, or a
 * gzipped one, is parsed from its start in one stream, batch by batch. The columns are inferred
 * from the first objects when the source is made (the files' in order, up to the options'
 * inference length), unless a schema is given; a key those objects lack then fails, naming its
 * file and line, rather than being dropped (keys outside a given schema are skipped).
 */
public final class JsonSource implements FileSource {
    private final List<Path> files;
    private final JsonOptions options;
    private final boolean lines;
    private final Schema schema;
    /** How the columns were inferred; null where they were given. */
    private final Inferred inferred;

    /** The files sampled for the columns, at most this many (DuckDB's {@code maximum_sample_files}). */
    static final int SAMPLED_FILES = 32;

    /**
     * How inferred columns were found: the first {@code objects} of each of the first {@code files}
     * files, and the keys leading to each column (by its name), so that a column {@code a.b} reads
     * key {@code b} inside key {@code a}, or the key {@code "a.b"}, as the sampled objects had it.
     */
    record Inferred(int objects, int files, Map<String, List<String>> paths) {
        Inferred {
            paths = Map.copyOf(paths);
        }

        /** For the error of a key the sample lacks: where the columns came from. */
        String sample() {
            return "the first " + String.format("%,d", objects) + " objects of " + (files == 1 ? "the file"
                    : "each of the first " + files + " files");
        }

        private static final String KEYS = "\u001e";
        private static final String COLUMNS = "\u001f";

        String encoded() {
            StringBuilder out = new StringBuilder().append(objects).append(COLUMNS).append(files);
            for (Map.Entry<String, List<String>> path : new java.util.TreeMap<>(paths).entrySet()) {
                out.append(COLUMNS).append(path.getKey()).append(KEYS).append(String.join(KEYS, path.getValue()));
            }
            return out.toString();
        }

        static Inferred decoded(String text) {
            String[] parts = text.split(COLUMNS, -1);
            Map<String, List<String>> paths = new java.util.HashMap<>();
            for (int i = 2; i < parts.length; i++) {
                String[] keys = parts[i].split(KEYS, -1);
                paths.put(keys[0], List.of(keys).subList(1, keys.length));
            }
            return new Inferred(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), paths);
        }
    }

    /**
     * @param lines whether every file holds one object per line, whatever its name (else only
     *     {@code .ndjson} and {@code .jsonl} files are read as lines, and other files by their content)
     */
    public JsonSource(List<Path> files, JsonOptions options, boolean lines) {
        this(files, options, lines, null);
    }

    /**
     * @param inferred where {@code options} gives the columns, how they were inferred before (a key
     *     outside them fails); null where the user gave them (keys outside are skipped)
     */
    JsonSource(List<Path> files, JsonOptions options, boolean lines, Inferred inferred) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no JSON files to read");
        }
        this.files = List.copyOf(files);
        this.options = Objects.requireNonNull(options, "options is null");
        this.lines = lines;
        if (options.schema() != null) {
            this.schema = options.schema();
            this.inferred = inferred;
        } else {
            // as DuckDB samples: the first objects of each of the first files
            JsonInference inference = new JsonInference();
            int sampled = Math.min(this.files.size(), SAMPLED_FILES);
            for (int f = 0; f < sampled; f++) {
                Path file = this.files.get(f);
                try (InputStream in = JsonFiles.open(file);
                        JsonParser parser = JsonFiles.FACTORY.createParser(in)) {
                    inference.read(parser, options.inferSchemaLength(), file.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
            Schema found = inference.schema();
            if (found.size() == 0) {
                throw new JsonReadException(files.get(0).toString(), 1, 0, null, (files.size() == 1 ? "the file holds"
                        : "the files hold") + " no objects with keys to tell the columns from; give the columns with "
                        + "JsonOptions.withSchema", null);
            }
            this.schema = withTypes(found, options.types());
            this.inferred = new Inferred(options.inferSchemaLength(), sampled, inference.paths());
        }
    }

    private Schema withTypes(Schema inferred, Map<String, DataType> types) {
        if (types.isEmpty()) {
            return inferred;
        }
        for (String name : types.keySet()) {
            boolean flattened = (types.get(name).isMap() || types.get(name).isStruct())
                    && inferred.names().stream().anyMatch(column -> column.startsWith(name + "."));
            if (!inferred.contains(name) && !flattened) {
                throw new ColumnNotFoundException(name, inferred.names());
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (Schema.Field field : inferred) {
            // an object whose keys were taken for columns (m.a, m.b) is one column where a map or struct type is given
            String map = types.keySet().stream().filter(name -> (types.get(name).isMap() || types.get(name).isStruct())
                    && (field.name().equals(name) || field.name().startsWith(name + "."))).findFirst().orElse(null);
            if (map != null) {
                if (placed.add(map)) {
                    fields.add(new Schema.Field(map, types.get(map)));
                }
                continue;
            }
            fields.add(new Schema.Field(field.name(), types.getOrDefault(field.name(), field.type())));
        }
        return Schema.of(fields);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    private Map<String, String> readOptions() {
        Map<String, String> out = new java.util.LinkedHashMap<>(options.toReadOptions(schema));
        if (inferred != null) {
            out.put(INFERRED_FROM, inferred.encoded());
        }
        return out;
    }

    /**
     * A decoder of the scan's columns; where they are every inferred column, a key the sample
     * lacks fails (it would be lost), as DuckDB's unknown-key error (a scan of some columns loses
     * nothing by passing it over).
     */
    private JsonDecoder decoder(ScanColumns scan, Path file, java.util.function.LongSupplier firstLine) {
        boolean every = inferred != null && scan.decoded().names().containsAll(schema.names());
        return new JsonDecoder(scan.decoded(), inferred == null ? null : inferred.paths(),
                every ? inferred.sample() : null, file.toString(), firstLine);
    }

    /** The read option that says how the columns were inferred. */
    static final String INFERRED_FROM = "inferred_from";

    @Override
    public String describe() {
        return "JSON " + (files.size() == 1 ? files.get(0).toString() : files.size() + " files (" + files.get(0)
                + ", ...)");
    }

    @Override
    public ScanDescriptor descriptor() {
        return new ScanDescriptor(lines ? "ndjson" : "json", files.stream().map(Path::toString).toList(),
                readOptions(), schema);
    }

    /** Whether file {@code f} is read in ranges of lines. */
    private boolean splitByLines(Path file) {
        return (lines || JsonFiles.linesByName(file)) && !JsonFiles.gzipped(file);
    }

    /** A byte range of a JSON lines file: the lines that start in it. */
    record Range(int file, long start, long end) implements Split {
        @Override
        public long rows() {
            return -1;
        }

        @Override
        public long bytes() {
            return end - start;
        }
    }

    /** A whole file read from its start. */
    record Whole(int file, long bytes) implements Split {
        @Override
        public long rows() {
            return -1;
        }
    }

    @Override
    public Source scan(List<String> projection, Expr predicate, long limit) {
        ScanColumns scan = ScanColumns.of(projection, predicate, schema);
        JsonSource source = this;
        return new Source() {
            @Override
            public Schema schema() {
                return scan.output();
            }

            @Override
            public List<Split> splits(ExecutionContext context) {
                List<Split> splits = new ArrayList<>();
                for (int f = 0; f < files.size(); f++) {
                    Path file = files.get(f);
                    long size = size(file);
                    if (!splitByLines(file)) {
                        splits.add(new Whole(f, size));
                        continue;
                    }
                    for (long start = 0; start < size; start += options.chunkBytes()) {
                        splits.add(new Range(f, start, Math.min(size, start + options.chunkBytes())));
                    }
                }
                return splits;
            }

            @Override
            public BatchReader open(Split split, ExecutionContext context) {
                if (split instanceof Range range) {
                    return readRange(range, scan);
                }
                Whole whole = (Whole) split;
                int batchRows = Math.max(1, limit >= 0 && predicate == null
                        ? (int) Math.min(limit, context.morselRows()) : context.morselRows());
                return new StreamReader(files.get(whole.file()), decoder(scan, files.get(whole.file()), () -> 1), scan, batchRows,
                        predicate == null ? limit : -1);
            }

            @Override
            public String describe() {
                return source.describe() + " " + scan.projection() + (predicate != null ? "; filter " + predicate : "")
                        + (limit >= 0 ? "; first " + limit + " rows" : "");
            }
        };
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lines starting in the range, parsed at once into one batch. */
    private BatchReader readRange(Range range, ScanColumns scan) {
        Path file = files.get(range.file());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = lineStartAtOrAfter(channel, range.start(), size);
            long to = range.end() >= size ? size : lineStartAtOrAfter(channel, range.end(), size);
            if (from >= to) {
                return BatchReader.of(List.of());
            }
            byte[] bytes = new byte[Math.toIntExact(to - from)];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
                // read on
            }
            JsonDecoder decoder = decoder(scan, file, () -> linesBefore(file, from) + 1);
            try (JsonParser parser = JsonFiles.FACTORY.createParser(bytes, 0, buffer.position())) {
                decoder.read(parser, false, Integer.MAX_VALUE);
            }
            int rows = decoder.rows();
            return BatchReader.of(List.of(scan.output(decoder.finish(), rows, 0)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first position at or after {@code position} where a line starts (the size when none does). */
    private static long lineStartAtOrAfter(FileChannel channel, long position, long size) throws IOException {
        if (position == 0) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long at = position - 1;
        while (at < size) {
            buffer.clear();
            int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            byte[] block = buffer.array();
            for (int i = 0; i < n; i++) {
                if (block[i] == '\n') {
                    return at + i + 1;
                }
            }
            at += n;
        }
        return size;
    }

    /** How many line breaks come before {@code position}: for the line numbers of errors. */
    private static long linesBefore(Path file, long position) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long lines = 0;
            for (long at = 0; at < position; ) {
                buffer.clear();
                buffer.limit((int) Math.min(buffer.capacity(), position - at));
                int n = channel.read(buffer, at);
                if (n <= 0) {
                    break;
                }
                byte[] block = buffer.array();
                for (int i = 0; i < n; i++) {
                    if (block[i] == '\n') {
                        lines++;
                    }
                }
                at += n;
            }
            return lines;
        } catch (IOException e) {
            return 0;
        }
    }

    /** A file parsed from its start, a batch of at most {@code batchRows} rows at a time. */
    private static final class StreamReader implements BatchReader {
        private final InputStream in;
        private final JsonParser parser;
        private final JsonDecoder decoder;
        private final ScanColumns scan;
        private final int batchRows;
        private final long limit;
        private boolean inArray;
        private boolean ended;
        private long rowsGiven;

        StreamReader(Path file, JsonDecoder decoder, ScanColumns scan, int batchRows, long limit) {
            this.scan = scan;
            this.batchRows = batchRows;
            this.limit = limit;
            this.decoder = decoder;
            this.in = JsonFiles.open(file);
            try {
                boolean array = startsWithArray(in); // before the parser reads ahead
                this.parser = JsonFiles.FACTORY.createParser(in);
                if (array) {
                    parser.nextToken();
                    inArray = true;
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Whether the first character past white space (and a byte-order mark) is {@code [}; the stream is left where it was. */
        private static boolean startsWithArray(InputStream in) throws IOException {
            in.mark(1 << 16);
            try {
                for (int i = 0; i < 1 << 16; i++) {
                    int b = in.read();
                    if (b < 0) {
                        return false;
                    }
                    if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0xEF || b == 0xBB || b == 0xBF) {
                        continue;
                    }
                    return b == '[';
                }
                return false;
            } finally {
                in.reset();
            }
        }

        @Override
        public Batch next() {
            while (!ended && (limit < 0 || rowsGiven < limit)) {
                long start = rowsGiven;
                ended = decoder.read(parser, inArray, batchRows);
                int rows = decoder.rows();
                List<dev.floe.frame.column.Vector> columns = decoder.finish();
                if (rows > 0) {
                    rowsGiven += rows;
                    return scan.output(columns, rows, start);
                }
            }
            return null;
        }

        @Override
        public void close() {
            try {
                if (parser != null) {
                    parser.close();
                }
                in.close();
            } catch (IOException e) {
                // nothing more to read from it
            }
        }
    }
}
