package dev.floe.frame.physical;

import dev.floe.FloeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where one query spills: a directory of its own, {@code floe-spill-<pid>-<n>}, made under the
 * temporary directory ({@code FLOE_TEMP_DIR}, else the JVM's) when the first file is asked for,
 * readable by its owner only, and deleted with everything in it when the query ends, whether it
 * succeeded, failed or was cancelled. Directories of processes that no longer run (a crash, a
 * kill) are deleted when a later query first spills. Thread-safe.
 *
 * <p>The query's {@link SpillFile}s are not files of their own: they share one file in the
 * directory, {@code pages}, cut into pages of {@link #PAGE} bytes. A spill file takes pages as it
 * fills them and gives them back when it is deleted, and the next ones written reuse them, so a
 * query that spills makes one file however many partitions, runs and levels of repartitioning
 * it writes (creating and removing a file costs the file system far more than writing a page,
 * and a spilled aggregation or join may write thousands of small runs), and the file grows to
 * what the query holds on disk at once, not to all it ever wrote.
 */
public final class SpillSpace implements AutoCloseable {
    private static final String PREFIX = "floe-spill-";
    /** The bytes of a page: what a spill file writes and reads at a time. */
    static final int PAGE = 1 << 16;

    private final Path root;
    private final QueryProgress progress;
    private volatile Path directory;
    private volatile boolean closed;
    /** The file of pages, opened with the directory; reopened when an interrupted thread's I/O closed it. */
    private volatile FileChannel channel;
    /** Guarded by {@code this}: pages made so far, and those given back (a stack of {@code freeCount}). */
    private int pages;
    private int[] free = new int[0];
    private int freeCount;

    public SpillSpace(Path root) {
        this(root, QueryProgress.NONE);
    }

    /** A query's space, telling {@code progress} what it spills. */
    public SpillSpace(Path root, QueryProgress progress) {
        this.root = root;
        this.progress = progress;
    }

    /** The temporary directory queries spill under: {@code FLOE_TEMP_DIR}, else {@code java.io.tmpdir}. */
    public static Path defaultRoot() {
        String configured = System.getenv("FLOE_TEMP_DIR");
        return Path.of(configured != null && !configured.isBlank() ? configured : System.getProperty("java.io.tmpdir"));
    }

    /** A new, empty spill file of this query; {@code what} names it in errors. */
    public SpillFile newFile(String what) {
        directory();
        return new SpillFile(this, what, progress);
    }

    /** The file the query's spill files keep their pages in; null before anything spilled. */
    public Path pagesFile() {
        Path made = directory;
        return made == null ? null : made.resolve("pages");
    }

    /** A page to write: one given back before, else a new one at the end of the file. */
    synchronized int takePage() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (pages == Integer.MAX_VALUE) {
            throw new FloeException("the query spilled more than " + (long) Integer.MAX_VALUE * PAGE + " bytes at once");
        }
        return pages++;
    }

    /**
     * Gives back the first {@code count} of {@code taken} (by {@link #takePage}) to be written
     * again, the next files taking them in the same order (pages written in turn lie in turn).
     */
    synchronized void givePages(int[] taken, int count) {
        if (freeCount + count > free.length) {
            free = Arrays.copyOf(free, Math.max(freeCount + count, 2 * free.length));
        }
        for (int i = count - 1; i >= 0; i--) {
            free[freeCount++] = taken[i];
        }
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset} at the start of {@code page}. */
    void writePage(int page, byte[] bytes, int offset, int length, String what) {
        transfer(page, bytes, offset, length, FileChannel::write, e -> "cannot write the temporary file of " + what
                + " in " + directory + " (spilling: " + e.getMessage() + "); set FLOE_TEMP_DIR to a directory with room");
    }

    /**
     * Reads {@code length} bytes from the start of {@code page} into {@code bytes} at {@code offset}:
     * of that page, or of it and the pages that follow it in the file.
     */
    void readPages(int page, byte[] bytes, int offset, int length, String what) {
        transfer(page, bytes, offset, length, FileChannel::read, e -> "cannot read the temporary file of " + what
                + " in " + directory + ": " + e.getMessage());
    }

    /** A positional read or write of a buffer on the file's channel: the bytes moved, -1 at the file's end. */
    private interface Transfer {
        int apply(FileChannel channel, ByteBuffer buffer, long position) throws IOException;
    }

    /** Moves {@code bytes[offset, offset + length)} from or to the file at {@code page}'s start, in as many calls as it takes. */
    private void transfer(int page, byte[] bytes, int offset, int length, Transfer transfer,
            java.util.function.Function<IOException, String> message) {
        long position = (long) page * PAGE;
        for (int attempt = 0; ; attempt++) {
            FileChannel open = channel();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    if (transfer.apply(open, buffer, position + (buffer.position() - offset)) < 0) {
                        throw new IOException("the file ends before page " + page + " does");
                    }
                }
                return;
            } catch (IOException e) {
                reopenOrFail(open, e, attempt, message.apply(e));
            }
        }
    }

    /**
     * After {@code failure} of I/O on {@code open}: returns to try again when another thread's
     * interruption closed the shared channel (reopened here), else throws. A channel closes for
     * every thread when one thread is interrupted in its I/O; that thread fails, the others go on.
     */
    private void reopenOrFail(FileChannel open, IOException failure, int attempt, String message) {
        if (failure instanceof ClosedByInterruptException) {
            throw new QueryCancelledException("interrupted while spilling");
        }
        if (!(failure instanceof ClosedChannelException) || closed || attempt >= 3) {
            if (closed) {
                throw new IllegalStateException("the query has ended", failure);
            }
            throw new FloeException(message, failure);
        }
        synchronized (this) {
            if (channel == open && !closed) {
                channel = openPages(directory);
            }
        }
    }

    private FileChannel channel() {
        FileChannel open = channel;
        if (open == null) {
            directory();
            open = channel;
        }
        return open;
    }

    /** The query's directory and its file of pages, made (and stale ones of dead processes removed) on first use. */
    private Path directory() {
        Path made = directory;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the query has ended");
            }
            if (directory == null) {
                removeStale(root);
                Path created;
                try {
                    Files.createDirectories(root);
                    created = Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (IOException | UnsupportedOperationException e) {
                    throw new FloeException("cannot make a directory for temporary files in " + root + " (spilling: "
                            + e.getMessage() + "); set FLOE_TEMP_DIR to a directory with room", e);
                }
                channel = openPages(created);
                directory = created;
            }
            return directory;
        }
    }

    private static FileChannel openPages(Path directory) {
        Path file = directory.resolve("pages");
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new FloeException("cannot write the temporary file " + file + " (spilling: " + e.getMessage()
                    + "); set FLOE_TEMP_DIR to a directory with room", e);
        }
    }

    /** Whether anything was spilled. */
    public boolean used() {
        return directory != null;
    }

    /** Deletes the query's directory and its files. */
    @Override
    public void close() {
        Path made;
        FileChannel open;
        synchronized (this) {
            closed = true;
            made = directory;
            open = channel;
        }
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // deleted next
            }
        }
        if (made != null) {
            deleteTree(made);
        }
    }

    /** Deletes the spill directories of processes that no longer run. */
    static void removeStale(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String[] parts = name.substring(PREFIX.length()).split("-", 2);
                long pid;
                try {
                    pid = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            // another user's files, or none: nothing to clean
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a later run removes what is left
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
