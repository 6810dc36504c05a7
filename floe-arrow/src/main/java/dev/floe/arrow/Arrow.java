package dev.floe.arrow;

import dev.floe.frame.DataFrame;
import java.nio.file.Path;

/**
 * Arrow IPC files (Feather v2) with options: {@code Floe.readArrow} and {@code df.writeArrow}
 * use the defaults. Apache Arrow's Java library does the format; it needs the JVM options
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} and {@code --sun-misc-unsafe-memory-access=allow}
 * (the {@code floe} launcher passes them).
 */
public final class Arrow {
    private Arrow() {}

    public static void write(DataFrame frame, Path path, ArrowOptions options) {
        frame.lazy().sink(new dev.floe.frame.FileSink(path, "arrow", options.toWriteOptions(), true));
    }
}
