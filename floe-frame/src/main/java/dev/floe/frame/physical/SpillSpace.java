package dev.floe.frame.physical;

import dev.floe.FloeException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where one query spills: a directory of its own, {@code floe-spill-<pid>-<n>}, made under the
 * temporary directory ({@code FLOE_TEMP_DIR}, else the JVM's) when the first file is asked for,
 * readable by its owner only, and deleted with everything in it when the query ends, whether it
 * succeeded, failed or was cancelled. Directories of processes that no longer run (a crash, a
 * kill) are deleted when a later query first spills. Thread-safe.
 */
public final class SpillSpace implements AutoCloseable {
    private static final String PREFIX = "floe-spill-";

    private final Path root;
    private final QueryProgress progress;
    private final AtomicInteger files = new AtomicInteger();
    private volatile Path directory;
    private volatile boolean closed;

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

    /** A new, empty spill file of this query. */
    public SpillFile newFile(String what) {
        return new SpillFile(directory().resolve(what + "-" + files.incrementAndGet() + ".spill"), progress);
    }

    /** The query's directory, made (and stale ones of dead processes removed) on first use. */
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
                try {
                    Files.createDirectories(root);
                    directory = Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (IOException | UnsupportedOperationException e) {
                    throw new FloeException("cannot make a directory for temporary files in " + root + " (spilling: "
                            + e.getMessage() + "); set FLOE_TEMP_DIR to a directory with room", e);
                }
            }
            return directory;
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
        synchronized (this) {
            closed = true;
            made = directory;
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
