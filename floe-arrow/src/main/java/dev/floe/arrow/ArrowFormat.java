package dev.floe.arrow;

import dev.floe.frame.Schema;
import dev.floe.frame.io.BatchWriter;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Registers Arrow IPC with {@code Floe.readArrow}, {@code Floe.scanArrow} and {@code df.writeArrow}. */
public final class ArrowFormat implements FileFormat {
    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public FileSource scan(List<Path> files) {
        return new ArrowSource(files);
    }

    @Override
    public FileSource openFiles(dev.floe.frame.io.ScanDescriptor descriptor, List<Path> files) {
        dev.floe.frame.io.FileFormat.checkOptions("Arrow", descriptor.options(), List.of());
        return new ArrowSource(files);
    }

    @Override
    public BatchWriter writer(Path path, Schema schema, Map<String, String> options) {
        return new ArrowFrameWriter(path, schema, ArrowOptions.fromWriteOptions(options));
    }
}
