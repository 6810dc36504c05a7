package dev.floe.pool.shared;

import dev.floe.FloeException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A named block of memory that several processes map at once: a memory-mapped file under
 * {@code /dev/shm} (RAM, on Linux) or the temporary directory, opened through the FFM API.
 * Writes by one process are seen by the others; the atomic operations of {@link SharedLong} and
 * friends are atomic across processes, because they are the processor's own atomic
 * instructions on the same physical memory.
 *
 * <p>The region counts the handles open on it, in every process; the last {@link #close()}
 * deletes it. A process killed while it holds a handle leaves the count raised and the file in
 * place: {@link #unlink(String)} removes it.
 *
 * <p>A region belongs to the user that created it: its file is made with mode {@code 0600}
 * whatever the umask, and {@link #open} refuses a file that another user owns, that group or
 * others may read or write, or that is a symbolic link (never followed), so another local user
 * can neither read a region nor plant one for Floe to map.
 *
 * <p>Thread-safe. The segment is valid until {@link #close()}.
 */
public final class SharedRegion implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final long MAGIC = 0x464c4f455348_4d31L; // "FLOESHM1"
    private static final long HEADER_BYTES = 64;
    private static final long MAGIC_OFFSET = 0;
    private static final long SIZE_OFFSET = 8;
    private static final long HANDLES_OFFSET = 16;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long OPEN_WAIT_NANOS = 5_000_000_000L;
    /** Whether the file system has owners and modes to check (every Unix; not Windows). */
    private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String name;
    private final Path file;
    private final Arena arena;
    private final MemorySegment whole;
    private final MemorySegment data;
    private boolean closed;

    private SharedRegion(String name, Path file, Arena arena, MemorySegment whole) {
        this.name = name;
        this.file = file;
        this.arena = arena;
        this.whole = whole;
        this.data = whole.asSlice(HEADER_BYTES);
    }

    /**
     * Creates the region {@code name} with {@code bytes} bytes of zeros.
     *
     * @throws FloeException if a region of that name exists already, or the name is not made of
     *     letters, digits, {@code . _ -}
     */
    public static SharedRegion create(String name, long bytes) {
        return create(name, bytes, data -> { });
    }

    /**
     * Creates the region {@code name}, letting {@code initialize} write its first contents before
     * any other process can open it.
     */
    static SharedRegion create(String name, long bytes, Consumer<MemorySegment> initialize) {
        Path file = fileOf(name);
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be at least 0, got " + bytes);
        }
        Arena arena = Arena.ofShared();
        FileChannel channel;
        try {
            // O_CREAT | O_EXCL | O_NOFOLLOW: never a file or link someone else put there first
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            channel = UNIX ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : FileChannel.open(file, options, new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException e) {
            arena.close();
            throw new FloeException("shared region '" + name + "' exists already (" + file
                    + "); open it with SharedRegion.open, or remove a stale one with SharedRegion.unlink");
        } catch (IOException e) {
            arena.close();
            throw new FloeException("cannot create shared region '" + name + "' at " + file + ": " + e, e);
        }
        try (channel) {
            if (UNIX) {
                // the umask can only have taken bits away; give the owner back exactly read and write
                Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(OWNER_ONLY);
            }
            MemorySegment whole = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES + bytes, arena);
            LONG.setVolatile(whole, SIZE_OFFSET, bytes);
            LONG.setVolatile(whole, HANDLES_OFFSET, 1L);
            initialize.accept(whole.asSlice(HEADER_BYTES));
            LONG.setRelease(whole, MAGIC_OFFSET, MAGIC); // last: openers wait for it
            return new SharedRegion(name, file, arena, whole);
        } catch (IOException | RuntimeException e) {
            arena.close();
            try {
                Files.deleteIfExists(file); // no half-made region left behind
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            throw new FloeException("cannot create shared region '" + name + "' at " + file + ": " + e, e);
        }
    }

    /**
     * Opens the existing region {@code name}.
     *
     * @throws FloeException if there is none, or if its file is not one this user made for Floe:
     *     a symbolic link, owned by another user, open to group or others, or with a damaged header
     */
    public static SharedRegion open(String name) {
        Path file = fileOf(name);
        Object before = checkPrivate(name, file);
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (!Objects.equals(before, checkPrivate(name, file))) {
                throw new FloeException("shared region '" + name + "' at " + file + " was replaced while it was being "
                        + "opened; try again");
            }
            long deadline = System.nanoTime() + OPEN_WAIT_NANOS;
            while (channel.size() < HEADER_BYTES) { // its creator is still writing the header
                waitForCreator(name, deadline);
            }
            MemorySegment header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES, arena);
            while ((long) LONG.getAcquire(header, MAGIC_OFFSET) != MAGIC) {
                waitForCreator(name, deadline);
            }
            long bytes = (long) LONG.getVolatile(header, SIZE_OFFSET);
            long holds = channel.size() - HEADER_BYTES;
            if (bytes < 0 || bytes > holds) { // mapping it would grow the file
                throw new FloeException("shared region '" + name + "' at " + file + " claims " + bytes
                        + " bytes but its file holds " + holds + ": it is damaged, or not a Floe region");
            }
            MemorySegment whole = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES + bytes, arena);
            long handles;
            do {
                handles = (long) LONG.getVolatile(whole, HANDLES_OFFSET);
                if (handles <= 0) {
                    throw new RegionClosingException(name);
                }
            } while (!LONG.compareAndSet(whole, HANDLES_OFFSET, handles, handles + 1));
            return new SharedRegion(name, file, arena, whole);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new FloeException("there is no shared region '" + name + "' (no file " + file
                    + "); create it first with create(...)");
        } catch (IOException e) {
            arena.close();
            throw new FloeException("cannot open shared region '" + name + "' at " + file + ": " + e, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Refuses a region file that another user could have made or can read: a symbolic link, not a
     * regular file, owned by another user, or with any permission for group or others. Returns the
     * file's identity (device and inode), to tell whether the name still means the same file.
     */
    private static Object checkPrivate(String name, Path file) {
        if (!UNIX) {
            return null;
        }
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(file, "unix:uid,permissions,isRegularFile,isSymbolicLink,fileKey",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new FloeException("there is no shared region '" + name + "' (no file " + file
                    + "); create it first with create(...)");
        } catch (IOException e) {
            throw new FloeException("cannot open shared region '" + name + "' at " + file + ": " + e, e);
        }
        String where = "shared region '" + name + "' at " + file;
        if ((Boolean) attributes.get("isSymbolicLink")) {
            throw new FloeException(where + " is a symbolic link; Floe never follows links to shared regions "
                    + "(another user may have planted it): remove it with SharedRegion.unlink");
        }
        if (!(Boolean) attributes.get("isRegularFile")) {
            throw new FloeException(where + " is not a regular file");
        }
        int owner = (Integer) attributes.get("uid");
        if (owner != CurrentUser.UID) {
            throw new FloeException(where + " is owned by user " + owner + ", not by this process's user "
                    + CurrentUser.UID + "; Floe opens only regions its own user made");
        }
        @SuppressWarnings("unchecked")
        Set<PosixFilePermission> permissions = (Set<PosixFilePermission>) attributes.get("permissions");
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new FloeException(where + " has permissions " + PosixFilePermissions.toString(permissions)
                    + ": only its owner may read or write a shared region (Floe makes them rw-------); "
                    + "remove it with SharedRegion.unlink if it is stale");
        }
        return attributes.get("fileKey");
    }

    /** The user id of this process, read once, when a region is first opened. */
    private static final class CurrentUser {
        static final long UID = new com.sun.security.auth.module.UnixSystem().getUid();
    }

    /** The last handle of a region is being closed: the region is about to disappear. */
    private static final class RegionClosingException extends FloeException {
        RegionClosingException(String name) {
            super("shared region '" + name + "' is being removed by its last user");
        }
    }

    /** Opens the region {@code name}, creating it with {@code bytes} bytes of zeros if there is none. */
    public static SharedRegion openOrCreate(String name, long bytes) {
        return openOrCreate(name, bytes, data -> { });
    }

    static SharedRegion openOrCreate(String name, long bytes, Consumer<MemorySegment> initialize) {
        long deadline = System.nanoTime() + OPEN_WAIT_NANOS;
        while (true) {
            try {
                return create(name, bytes, initialize);
            } catch (FloeException exists) {
                if (!exists(name)) {
                    throw exists;
                }
            }
            try {
                return open(name);
            } catch (RegionClosingException closing) {
                if (System.nanoTime() > deadline) {
                    throw closing;
                }
                Thread.onSpinWait(); // its last user is deleting it: create it anew
            } catch (FloeException gone) {
                if (exists(name)) {
                    throw gone;
                }
                // removed between the two calls: try creating again
            }
        }
    }

    /** Removes the region's file whatever its handle count: for regions left by killed processes. */
    public static boolean unlink(String name) {
        try {
            return Files.deleteIfExists(fileOf(name));
        } catch (IOException e) {
            throw new FloeException("cannot remove shared region '" + name + "': " + e, e);
        }
    }

    /** Whether a region named {@code name} exists (or something else under its file's name). */
    public static boolean exists(String name) {
        return Files.exists(fileOf(name), LinkOption.NOFOLLOW_LINKS);
    }

    private static void waitForCreator(String name, long deadline) {
        if (System.nanoTime() > deadline) {
            throw new FloeException("shared region '" + name + "' was never finished by its creator");
        }
        Thread.onSpinWait();
        Thread.yield();
    }

    /**
     * The file region {@code name} lives in, whether or not it exists: {@code /dev/shm/floe-shm-NAME}
     * when {@code /dev/shm} is a writable directory, else the same name in {@code java.io.tmpdir}.
     *
     * @throws IllegalArgumentException if the name is not 1 to 100 letters, digits, {@code . _ -}
     */
    public static Path fileOf(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a shared region's name is 1 to 100 letters, digits, '.', '_' or '-', got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        Path shm = Path.of("/dev/shm");
        Path directory = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return directory.resolve("floe-shm-" + name);
    }

    public String name() {
        return name;
    }

    /** The region's bytes, without the header: valid until {@link #close()}. */
    public MemorySegment segment() {
        return data;
    }

    public long byteSize() {
        return data.byteSize();
    }

    /** How many handles are open on the region, in every process. */
    public long handles() {
        return (long) LONG.getVolatile(whole, HANDLES_OFFSET);
    }

    /** Unmaps the region; the last handle closed in any process deletes it. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long left = (long) LONG.getAndAdd(whole, HANDLES_OFFSET, -1L) - 1;
        arena.close();
        if (left == 0) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new FloeException("cannot remove shared region '" + name + "' at " + file + ": " + e, e);
            }
        }
    }

    @Override
    public String toString() {
        return "SharedRegion[" + name + ", " + byteSize() + " bytes]";
    }
}
