package dev.floe.frame.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** What the JSON reader and writer share: the parser factory, and opening a file (gzip or not). */
final class JsonFiles {
    private JsonFiles() {}

    /**
     * Jackson's streaming parser; NaN and Infinity read as numbers (Python's {@code json} module
     * writes them so), everything else as standard JSON requires.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Whether a file's name says JSON lines: {@code .ndjson}, {@code .jsonl} (gzipped too). */
    static boolean linesByName(Path file) {
        String name = plainName(file);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    static boolean gzipped(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** The file's name in lower case, without a {@code .gz}. */
    private static String plainName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /** The file's bytes as a buffered stream (marks work), decompressed when its name ends in {@code .gz}. */
    static InputStream open(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            return new BufferedInputStream(gzipped(file) ? new GZIPInputStream(in, 1 << 16) : in, 1 << 16);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
