package dev.floe.frame.io;

import dev.floe.frame.DataFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A file format that a module adds (Parquet in {@code floe-parquet}, Arrow IPC in {@code
 * floe-arrow}), found with {@link ServiceLoader}: {@code Floe.readParquet} and {@code
 * df.writeParquet} work once the module is on the class path. Implementations are thread-safe.
 */
public interface FileFormat {
    /** The format's name: {@code parquet}, {@code arrow}. */
    String name();

    /** A source over the files, with the format's default options. */
    FileSource scan(List<Path> files);

    /** Writes the frame, with the format's default options. */
    void write(DataFrame frame, Path path);

    /** The format named {@code name}, or an error saying which module to add. */
    static FileFormat named(String name, String module) {
        for (FileFormat format : ServiceLoader.load(FileFormat.class)) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        throw new IllegalStateException(name + " files need the " + module + " module on the class path "
                + "(Maven: dev.floe:" + module + ")");
    }
}
