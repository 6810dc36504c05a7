package dev.floe.parquet;

import dev.floe.frame.DataFrame;
import dev.floe.frame.FileScanContract;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import java.nio.file.Path;

/** Parquet scans of one file, several and hive partitions, in row groups of a few rows so filters prune some. */
class ParquetFileScanTest extends FileScanContract {
    @Override
    protected String extension() {
        return ".parquet";
    }

    @Override
    protected void write(DataFrame frame, Path file) {
        Parquet.write(frame, file, ParquetOptions.defaults().withRowGroupRows(9));
    }

    @Override
    protected LazyFrame scan(String path, Schema schema) {
        return Parquet.scan(path, ParquetOptions.defaults());
    }
}
