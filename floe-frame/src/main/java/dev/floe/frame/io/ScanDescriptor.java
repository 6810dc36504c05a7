package dev.floe.frame.io;

import dev.floe.frame.Schema;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A file scan described as plain values: the format, the files, the format's reading options by
 * name and the columns the scan gives. What a plan's leaf hands to an engine that reads the
 * files itself (Apache Spark, a GPU engine, another process): serializable, and enough to open
 * the same source again ({@link FileFormat#open(ScanDescriptor)}).
 *
 * @param format {@code csv}, {@code parquet}, {@code arrow}
 * @param files the files, in the order they are read
 * @param options the reading options by name, as the format's {@code FileSource} records them;
 *     {@code hive_root} when the files are hive partitions under that directory
 * @param schema the columns the scan gives (partition keys last)
 */
public record ScanDescriptor(String format, List<String> files, Map<String, String> options, Schema schema)
        implements Serializable {
    public ScanDescriptor {
        Objects.requireNonNull(format, "format is null");
        files = List.copyOf(files);
        options = Map.copyOf(options);
        Objects.requireNonNull(schema, "schema is null");
    }

    /** This scan over other files (one partition's), the rest as it is. */
    public ScanDescriptor withFiles(List<String> files, Schema schema) {
        Map<String, String> inner = new java.util.HashMap<>(options);
        inner.remove(PartitionedSource.ROOT_OPTION);
        return new ScanDescriptor(format, files, inner, schema);
    }
}
