package dev.floe.frame;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a query's rows go when they are written instead of collected: a file, its format
 * ({@code csv}, {@code parquet}, {@code arrow}) and the format's options by name. A plain value,
 * so that any engine can carry it out.
 *
 * @param overwrite whether an existing file may be replaced (a directory never is)
 */
public record FileSink(Path path, String format, Map<String, String> options, boolean overwrite) {
    public FileSink {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(format, "format is null");
        options = Map.copyOf(options);
    }
}
