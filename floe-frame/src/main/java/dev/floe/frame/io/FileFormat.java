package dev.floe.frame.io;

import dev.floe.frame.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A file format: CSV here, Parquet from {@code floe-parquet}, Arrow IPC from {@code floe-arrow},
 * found with {@link ServiceLoader}: {@code Floe.readParquet} and {@code df.writeParquet} work
 * once the module is on the class path. Implementations are thread-safe.
 */
public interface FileFormat {
    /** The format's name: {@code csv}, {@code parquet}, {@code arrow}. */
    String name();

    /** A source over the files, with the format's default options. */
    FileSource scan(List<Path> files);

    /** The source a descriptor describes: its files, read with its options (hive partitions too). */
    default FileSource open(ScanDescriptor descriptor) {
        String root = descriptor.options().get(PartitionedSource.ROOT_OPTION);
        List<Path> files = descriptor.files().stream().map(Path::of).toList();
        if (root != null) {
            return PartitionedSource.of(new Dataset(files, Path.of(root)),
                    some -> openFiles(descriptor.withFiles(some.stream().map(Path::toString).toList(),
                            descriptor.schema()), some));
        }
        return openFiles(descriptor, files);
    }

    /** A source over {@code files} with the descriptor's options (not partitioned). */
    FileSource openFiles(ScanDescriptor descriptor, List<Path> files);

    /**
     * A writer of one file with these columns.
     *
     * @param options the format's options by name (for example {@code compression}); those not given
     *     take their defaults, and an unknown one is refused
     */
    BatchWriter writer(Path path, Schema schema, Map<String, String> options);

    /** The format named {@code name}, or an error saying which module to add. */
    static FileFormat named(String name, String module) {
        for (FileFormat format : ServiceLoader.load(FileFormat.class)) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        throw new IllegalStateException(name + " files need the " + module + " module on the class path "
                + "(Maven: dev.floe:" + module + ")");
    }

    /** The format named {@code name} ({@code csv}, {@code json}, {@code ndjson}, {@code parquet}, {@code arrow}), naming the module it needs. */
    static FileFormat named(String name) {
        return switch (name) {
            case "parquet" -> named(name, "floe-parquet");
            case "arrow" -> named(name, "floe-arrow");
            case "csv", "json", "ndjson" -> named(name, "floe-frame");
            default -> {
                for (FileFormat format : ServiceLoader.load(FileFormat.class)) {
                    if (format.name().equals(name)) {
                        yield format;
                    }
                }
                throw new IllegalArgumentException("there is no file format named '" + name + "'; the formats are "
                        + String.join(", ", Formats.NAMES));
            }
        };
    }

    /** Whether a text format's {@code compression} option (null, {@code none} or {@code gzip}) asks for gzip. */
    static boolean gzipOption(String value, String format) {
        if (value == null || value.equalsIgnoreCase("none") || value.equalsIgnoreCase("uncompressed")) {
            return false;
        }
        if (value.equalsIgnoreCase("gzip")) {
            return true;
        }
        throw new IllegalArgumentException(format + " files are written plain (compression none) or gzipped "
                + "(compression gzip), not '" + value + "'");
    }

    /** A buffered stream writing {@code path}, gzipped when asked. */
    static java.io.OutputStream output(Path path, boolean gzip) throws java.io.IOException {
        java.io.OutputStream file = java.nio.file.Files.newOutputStream(path);
        return gzip ? new java.util.zip.GZIPOutputStream(new java.io.BufferedOutputStream(file, 1 << 16), 1 << 16)
                : new java.io.BufferedOutputStream(file, 1 << 16);
    }

    /** Refuses options a format does not know, naming the ones it does. */
    static void checkOptions(String format, Map<String, String> options, List<String> known) {
        for (String option : options.keySet()) {
            if (!known.contains(option)) {
                throw new IllegalArgumentException(format + " files have no option '" + option + "'; the options are "
                        + String.join(", ", known));
            }
        }
    }
}
