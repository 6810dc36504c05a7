package dev.floe.frame;

import dev.floe.frame.io.csv.CsvOptions;
import java.nio.file.Path;

/** CSV scans of one file, several and hive partitions, read in ranges of a few bytes so every row boundary is guessed. */
class CsvFileScanTest extends FileScanContract {
    @Override
    protected String extension() {
        return ".csv";
    }

    @Override
    protected void write(DataFrame frame, Path file) {
        frame.writeCsv(file, CsvOptions.defaults().withNullValues("NA"));
    }

    @Override
    protected LazyFrame scan(String path, Schema schema) {
        return Floe.scanCsv(path, CsvOptions.defaults().withSchema(schema).withNullValues("NA").withChunkBytes(37));
    }
}
