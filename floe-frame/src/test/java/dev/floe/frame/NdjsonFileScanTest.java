package dev.floe.frame;

import dev.floe.frame.io.json.JsonOptions;
import java.nio.file.Path;


/** JSON lines scans of one file, several and hive partitions, read in ranges of a few bytes so every line is a part's first. */
class NdjsonFileScanTest extends FileScanContract {
    @Override
    protected String extension() {
        return ".ndjson";
    }

    @Override
    protected void write(DataFrame frame, Path file) {
        frame.writeNdjson(file);
    }

    @Override
    protected LazyFrame scan(String path, Schema schema) {
        return Floe.scanNdjson(path, JsonOptions.defaults().withSchema(schema).withChunkBytes(37));
    }

    /** JSON has no NaN: the writer writes NaN (which c holds) as null. */
    @Override
    protected DataFrame stored(DataFrame frame) {
        return JsonFileScanTest.nanAsNull(frame);
    }
}
