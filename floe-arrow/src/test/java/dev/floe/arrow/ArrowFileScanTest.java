package dev.floe.arrow;

import dev.floe.frame.DataFrame;
import dev.floe.frame.FileScanContract;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import java.nio.file.Path;

/** Arrow IPC scans of one file, several and hive partitions, in record batches of a few rows. */
class ArrowFileScanTest extends FileScanContract {
    @Override
    protected String extension() {
        return ".arrow";
    }

    @Override
    protected void write(DataFrame frame, Path file) {
        Arrow.write(frame, file, ArrowOptions.defaults().withBatchRows(11));
    }

    @Override
    protected LazyFrame scan(String path, Schema schema) {
        return Floe.scanArrow(path);
    }
}
