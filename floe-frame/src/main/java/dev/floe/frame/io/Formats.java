package dev.floe.frame.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The one rule by which every entry point ({@code Floe.scan}, SQL's {@code FROM 'file'}, the
 * {@code floe} commands) tells a file's format. First the name: {@code .csv} and {@code .txt}
 * (CSV), {@code .tsv}, {@code .json}, {@code .ndjson} / {@code .jsonl} (JSON lines),
 * {@code .parquet}, {@code .arrow} / {@code .feather} / {@code .ipc} (Arrow IPC); the text
 * formats gzipped too ({@code .csv.gz}). A name with another extension, or none, is told by its
 * content: Parquet's {@code PAR1}, Arrow's {@code ARROW1}, gzip's magic number (and then what the
 * decompressed bytes hold), JSON's opening {@code {} or {@code [}; text with no extension is CSV.
 * Anything else is refused, naming what it is: an empty file, a ZIP archive (Excel's
 * {@code .xlsx}), a binary file, a text file whose extension Floe does not know.
 */
public final class Formats {
    private Formats() {}

    /** The extensions the names tell, for messages. */
    public static final String KNOWN = ".csv, .tsv, .txt, .json, .ndjson, .jsonl, .parquet, .arrow, .feather, .ipc "
            + "(and .csv.gz, .tsv.gz, .json.gz, .ndjson.gz)";

    /** The formats by name, for messages and options. */
    public static final List<String> NAMES = List.of("csv", "tsv", "json", "ndjson", "parquet", "arrow");

    /**
     * The format a path's name tells: {@code csv}, {@code tsv}, {@code json}, {@code ndjson},
     * {@code parquet}, {@code arrow}; or null when the name tells none.
     */
    public static String byName(String path) {
        String name = fileName(path).toLowerCase(Locale.ROOT);
        boolean gzipped = name.endsWith(".gz");
        if (gzipped) {
            name = name.substring(0, name.length() - 3);
        }
        String format = switch (extension(name)) {
            case "csv", "txt" -> "csv";
            case "tsv" -> "tsv";
            case "json" -> "json";
            case "ndjson", "jsonl" -> "ndjson";
            case "parquet" -> "parquet";
            case "arrow", "feather", "ipc" -> "arrow";
            default -> null;
        };
        // Parquet and Arrow compress inside the file; a gzipped one is read by no one
        return gzipped && ("parquet".equals(format) || "arrow".equals(format)) ? null : format;
    }

    /**
     * The format of a file by the rule above: its name, else its content.
     *
     * @throws IllegalArgumentException naming the file and what it is, when Floe reads no such files
     * @throws UncheckedIOException when it cannot be read
     */
    public static String of(Path file) {
        String format = byName(file.toString());
        return format != null ? format : byContent(file);
    }

    /** The one format of the files, by {@link #of(Path)}; an error naming the mix when they differ. */
    public static String ofFiles(String path, List<Path> files) {
        Set<String> formats = new TreeSet<>();
        for (Path file : files) {
            formats.add(of(file));
        }
        if (formats.size() != 1) {
            throw new IllegalArgumentException("the files of " + path + " are of several formats (" + String.join(", ",
                    formats) + "); name the files of one with a glob such as " + path + "/**/*." + formats.iterator().next());
        }
        return formats.iterator().next();
    }

    /** The format a file's content shows (its name gave none); an error saying what it is otherwise. */
    static String byContent(Path file) {
        byte[] head = head(file, 4096);
        String name = file.toString();
        String extension = extension(fileName(name).toLowerCase(Locale.ROOT));
        String kind = binaryKind(head, head.length);
        if (kind == null && head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            byte[] inner = gunzippedHead(file, 4096);
            String innerKind = binaryKind(inner, inner.length);
            if (innerKind != null) {
                throw new IllegalArgumentException("cannot read " + name + ": it is gzip-compressed " + innerKind
                        + "; Floe reads gzipped CSV, TSV and JSON files");
            }
            String text = textKind(inner, inner.length);
            if (text != null) {
                return text;
            }
            throw new IllegalArgumentException("cannot tell the format of " + name + ": it is gzip-compressed text; "
                    + "name it for what it holds (x.csv.gz, x.ndjson.gz)");
        }
        if ("parquet".equals(kind)) {
            return "parquet";
        }
        if ("arrow".equals(kind)) {
            return "arrow";
        }
        if (head.length == 0) {
            throw new IllegalArgumentException("cannot read " + name + ": the file is empty (0 bytes)");
        }
        if (kind != null) {
            throw new IllegalArgumentException("cannot read " + name + ": it is " + kind + ", not a format Floe reads "
                    + "(CSV, TSV, JSON, JSON lines, Parquet, Arrow IPC)");
        }
        String text = textKind(head, head.length);
        if (text != null && (extension.isEmpty() || !text.equals("csv"))) {
            return text;
        }
        if (text == null) {
            throw new IllegalArgumentException("cannot tell the format of " + name + ": it holds only white space");
        }
        throw new IllegalArgumentException("cannot tell the format of " + name + ": ." + extension
                + " is not an extension Floe knows, and the file holds text; known extensions: " + KNOWN
                + ". To read it as CSV, use Floe.scanCsv (floe: --from csv)");
    }

    /**
     * What binary content the first bytes show: {@code parquet}, {@code arrow}, or words for what
     * Floe does not read (an empty file, a ZIP archive, a binary file); null for text and gzip.
     */
    public static String binaryKind(byte[] head, int length) {
        if (length == 0) {
            return "an empty file (0 bytes)";
        }
        if (startsWith(head, length, "PAR1")) {
            return "parquet";
        }
        if (startsWith(head, length, "ARROW1")) {
            return "arrow";
        }
        if (startsWith(head, length, "PK\u0003\u0004")) {
            return "a ZIP archive (an Excel .xlsx workbook, or other zipped files)";
        }
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return null;
        }
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return "a binary file (it holds zero bytes)";
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        return control * 20 > length ? "a binary file (it holds control characters)" : null;
    }

    /** {@code json} for text that opens with {@code {} or {@code [}, else {@code csv}. */
    private static String textKind(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0xEF || b == 0xBB || b == 0xBF) {
                continue;
            }
            return b == '{' || b == '[' ? "json" : "csv";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int length, String magic) {
        if (length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (head[i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Up to {@code count} first bytes of the file. */
    public static byte[] head(Path file, int count) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(count);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new UncheckedIOException(new IOException(file + " is a directory"));
            }
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] gunzippedHead(Path file, int count) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": its gzip data is damaged (" + e.getMessage()
                    + ")", e);
        }
    }

    private static String fileName(String path) {
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1);
    }
}
