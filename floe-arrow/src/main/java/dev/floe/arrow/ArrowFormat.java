package dev.floe.arrow;

import dev.floe.frame.DataFrame;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import java.nio.file.Path;
import java.util.List;

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
    public void write(DataFrame frame, Path path) {
        Arrow.write(frame, path, ArrowOptions.defaults());
    }
}
