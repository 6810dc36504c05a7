package dev.floe.parquet;

import dev.floe.frame.Schema;
import dev.floe.frame.io.BatchWriter;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Registers Parquet with {@code Floe.readParquet}, {@code Floe.scanParquet} and {@code df.writeParquet}. */
public final class ParquetFormat implements FileFormat {
    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public FileSource scan(List<Path> files) {
        return new ParquetSource(files, ParquetOptions.defaults());
    }

    @Override
    public FileSource openFiles(dev.floe.frame.io.ScanDescriptor descriptor, List<Path> files) {
        dev.floe.frame.io.FileFormat.checkOptions("Parquet", descriptor.options(), List.of("columns"));
        String columns = descriptor.options().get("columns");
        ParquetOptions options = columns == null ? ParquetOptions.defaults()
                : ParquetOptions.defaults().withColumns(columns.split(","));
        return new ParquetSource(files, options);
    }

    @Override
    public BatchWriter writer(Path path, Schema schema, Map<String, String> options) {
        return new ParquetFrameWriter(path, schema, ParquetOptions.fromWriteOptions(options));
    }
}
