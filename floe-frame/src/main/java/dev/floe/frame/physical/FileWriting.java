package dev.floe.frame.physical;

import dev.floe.FloeException;
import dev.floe.frame.FileSink;
import dev.floe.frame.io.BatchWriter;
import dev.floe.frame.io.FileFormat;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a pipeline into a file: the rows written as they come ({@link WriterSink}) to a hidden
 * file next to the target, moved onto the target once complete. A failed or cancelled query
 * leaves neither a partial file nor the hidden one; a directory is never replaced, and an
 * existing file only when the sink allows it.
 */
final class FileWriting {
    private FileWriting() {}

    static long write(Pipeline pipeline, FileSink sink, ExecutionContext context) {
        Path target = sink.path().toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FloeException("cannot write " + sink.path() + ": it is a directory");
        }
        if (!sink.overwrite() && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FloeException("cannot write " + sink.path() + ": the file exists (allow overwriting to replace it)");
        }
        Path folder = target.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new FloeException("cannot write " + sink.path() + ": no such directory " + folder);
        }
        java.util.Map<String, String> options = sink.options();
        if (target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")
                && !options.containsKey("compression")) {
            // the name says gzip: the text formats write it so; the others compress inside the file
            if (!sink.format().equals("csv") && !sink.format().equals("json") && !sink.format().equals("ndjson")) {
                throw new FloeException("cannot write " + sink.path() + ": " + sink.format() + " files are compressed "
                        + "inside (see the format's compression option), not gzipped whole; drop the .gz");
            }
            options = new java.util.HashMap<>(options);
            options.put("compression", "gzip");
        }
        FileFormat format = FileFormat.named(sink.format());
        Path temporary = target.resolveSibling("." + target.getFileName() + ".floe-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        BatchWriter writer = format.writer(temporary, pipeline.schema(), options);
        long rows;
        try {
            rows = PipelineRunner.run(pipeline, new WriterSink(writer, pipeline.schema(), context), context);
            writer.finish();
        } catch (RuntimeException | Error e) {
            writer.abort();
            deleteQuietly(temporary);
            throw e;
        }
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new FloeException("cannot write " + sink.path() + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more can be done; the name starts with a dot and ends in .tmp
        }
    }
}
