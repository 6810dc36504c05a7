package dev.floe.bench.h2o;

import dev.floe.frame.DataFrame;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.physical.BatchReader;
import dev.floe.frame.physical.MemoryPool;
import dev.floe.frame.physical.SpillFile;
import dev.floe.frame.physical.SpillSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code floe bench spill}: how fast Floe writes and reads its spill files (batches encoded,
 * LZ4-compressed, written and read in pages of 64 KiB) next to {@code dd}'s sequential write and read of a
 * file as large, in the same folder. Writes are timed to the end of an fsync, as {@code dd
 * conv=fdatasync} is; reads start from a cold page cache where the process may drop it (root),
 * else from whatever the cache holds, which the report says.
 */
@Command(name = "spill", mixinStandardHelpOptions = true,
        description = "Spill files' write and read speed next to dd's on the same disk (h2o group-by rows).")
public final class SpillBench implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "SIZE",
            description = "Bytes of batches to spill before compression, such as 4g (default: ${DEFAULT-VALUE}).")
    String size = "4g";

    @Option(names = "--dir", description = "Folder to spill in (default: FLOE_TEMP_DIR, else the system's).")
    Path dir = SpillSpace.defaultRoot();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Seconds and bytes of each step; {@code coldReads}: whether the page cache was dropped before reading. */
    public record Result(long rawBytes, long fileBytes, long rows, double write, double read, double ddWrite,
            double ddRead, boolean coldReads) {}

    @Override
    public Integer call() throws Exception {
        long bytes;
        try {
            bytes = MemoryPool.parse(size, "--size");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Result r = measure(dir, bytes, true);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "spilling %s of h2o group-by batches (%,d rows) in %s: %s on disk (LZ4 where it shrinks them by a quarter)%n",
                MemoryPool.format(r.rawBytes()), r.rows(), dir, MemoryPool.format(r.fileBytes()));
        out.printf(Locale.ROOT, "  %-30s %8.1f s %9.0f MB/s on disk %9.0f MB/s of batches%n", "Floe write (to fsync)",
                r.write(), r.fileBytes() / r.write() / 1e6, r.rawBytes() / r.write() / 1e6);
        out.printf(Locale.ROOT, "  %-30s %8.1f s %9.0f MB/s on disk %9.0f MB/s of batches%n", "Floe read (decoded)",
                r.read(), r.fileBytes() / r.read() / 1e6, r.rawBytes() / r.read() / 1e6);
        out.printf(Locale.ROOT, "  %-30s %8.1f s %9.0f MB/s%n", "dd write (conv=fdatasync)", r.ddWrite(),
                r.fileBytes() / r.ddWrite() / 1e6);
        out.printf(Locale.ROOT, "  %-30s %8.1f s %9.0f MB/s%n", "dd read", r.ddRead(), r.fileBytes() / r.ddRead() / 1e6);
        out.printf("  reads from %s%n", r.coldReads() ? "a dropped page cache" : "the page cache as it was (not root: "
                + "it could not be dropped)");
        return 0;
    }

    /**
     * Spills at least {@code bytes} of batches to a file in {@code dir}, reads them back, then
     * times dd on a file as large; with {@code cold}, the page cache is dropped (where it may be)
     * before each read.
     */
    public static Result measure(Path dir, long bytes, boolean cold) throws IOException, InterruptedException {
        DataFrame data = GroupByData.generate(1 << 16, 100, 0, false, 11);
        List<Vector> columns = new ArrayList<>();
        for (String name : data.columns()) {
            List<Vector> chunks = data.column(name).column().chunks();
            if (chunks.size() != 1) {
                throw new IllegalStateException("the generated batch has " + chunks.size() + " chunks in " + name);
            }
            columns.add(chunks.get(0));
        }
        Files.createDirectories(dir);
        long fileBytes;
        long rows = 0;
        long rawBytes;
        double write;
        double readSeconds;
        boolean dropped;
        // the space closed (its file deleted) before dd runs, as the earlier files were
        try (SpillSpace space = new SpillSpace(dir)) {
            SpillFile file = space.newFile("bench");
            long start = System.nanoTime();
            while (file.rawBytes() < bytes) {
                file.write(new Batch(columns, data.height(), rows));
                rows += data.height();
            }
            file.finishWriting();
            try (FileChannel channel = FileChannel.open(space.pagesFile(), StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            write = (System.nanoTime() - start) / 1e9;
            dropped = cold && dropPageCache();
            start = System.nanoTime();
            long read = 0;
            try (BatchReader reader = file.read()) {
                Batch batch;
                while ((batch = reader.next()) != null) {
                    read += batch.rows();
                }
            }
            readSeconds = (System.nanoTime() - start) / 1e9;
            if (read != rows) {
                throw new IllegalStateException("read back " + read + " rows of " + rows);
            }
            fileBytes = Files.size(space.pagesFile());
            rawBytes = file.rawBytes();
            file.delete();
        }
        Path ddFile = Files.createTempFile(dir, "floe-bench-dd", ".bin");
        try {
            long megabytes = Math.max(1, (fileBytes + (1 << 20) - 1) >> 20);
            long start = System.nanoTime();
            run("dd", "if=/dev/zero", "of=" + ddFile, "bs=1M", "count=" + megabytes, "conv=fdatasync");
            double ddWrite = (System.nanoTime() - start) / 1e9;
            if (dropped) {
                dropPageCache();
            }
            start = System.nanoTime();
            run("dd", "if=" + ddFile, "of=/dev/null", "bs=1M");
            double ddRead = (System.nanoTime() - start) / 1e9;
            return new Result(rawBytes, fileBytes, rows, write, readSeconds, ddWrite, ddRead, dropped);
        } finally {
            Files.deleteIfExists(ddFile);
        }
    }

    /** Asks the kernel to drop clean cached pages (root only); whether it could. */
    private static boolean dropPageCache() throws IOException, InterruptedException {
        run("sync");
        Path control = Path.of("/proc/sys/vm/drop_caches");
        if (!Files.isWritable(control)) {
            return false;
        }
        try {
            Files.writeString(control, "3\n");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
