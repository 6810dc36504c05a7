package dev.floe.parquet;

import dev.floe.frame.DataFrame;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import java.nio.file.Path;
import java.util.List;

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
    public void write(DataFrame frame, Path path) {
        Parquet.write(frame, path, ParquetOptions.defaults());
    }
}
