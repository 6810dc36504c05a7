package dev.floe.pool;

import dev.floe.FloeException;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the worker JVMs of a pool call back, and the only way in: a Unix-domain socket in a
 * directory of its own that only this user can enter (mode {@code 0700}), so no other local
 * user can connect at all. A worker proves itself with its id and a random token of
 * {@value #TOKEN_BYTES} bytes made for it alone, which it receives on its stdin (a pipe only
 * the parent holds), never on its command line or in its environment.
 *
 * <p>A connection that has not sent a valid hello within {@link #HELLO_LIMIT} is closed; one with
 * a wrong id or token is closed at once; and at most {@link #MAX_PENDING} connections wait for
 * their hello at any time, further ones are closed when accepted. Thread-safe.
 */
final class WorkerChannel implements AutoCloseable {
    static final Duration HELLO_LIMIT = Duration.ofSeconds(1);
    static final int MAX_PENDING = 32;
    static final int TOKEN_BYTES = 32;
    private static final int HELLO_BYTES = Integer.BYTES + TOKEN_BYTES;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** What the channel expects from one worker: its token, and where its connection goes. */
    record Expected(byte[] token, CompletableFuture<SocketChannel> connection) {}

    private final Path directory;
    private final Path address;
    private final ServerSocketChannel server;
    private final ScheduledExecutorService alarms;
    private final Duration helloLimit;
    private final int maxPending;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, Expected> expected = new ConcurrentHashMap<>();
    private final Set<SocketChannel> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingCount = new AtomicInteger();

    /** Opens the channel of the pool {@code poolName}; {@code alarms} closes connections that stay silent. */
    WorkerChannel(String poolName, ScheduledExecutorService alarms) {
        this(poolName, alarms, HELLO_LIMIT, MAX_PENDING);
    }

    WorkerChannel(String poolName, ScheduledExecutorService alarms, Duration helloLimit, int maxPending) {
        this.alarms = alarms;
        this.helloLimit = helloLimit;
        this.maxPending = maxPending;
        this.directory = privateDirectory();
        this.address = directory.resolve("workers.sock");
        try {
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(address));
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly();
            throw new FloeException("cannot open the socket " + address + " for the worker processes: " + e
                    + (address.toString().length() > 100 ? "; the path is too long for a socket, so set a shorter "
                            + "java.io.tmpdir" : ""), e);
        }
        Thread.ofPlatform().daemon().name(poolName + "-acceptor").start(this::acceptConnections);
    }

    /** A fresh directory in the temporary directory that only this user may enter, list or write. */
    private static Path privateDirectory() {
        boolean unix = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
        try {
            if (!unix) {
                return Files.createTempDirectory("floe-pool-"); // per-user on Windows
            }
            Path directory = Files.createTempDirectory("floe-pool-", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            // the umask can only have taken bits away: set exactly rwx------
            Files.getFileAttributeView(directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(OWNER_ONLY);
            return directory;
        } catch (IOException e) {
            throw new FloeException("cannot make a private directory for the worker processes' socket in "
                    + System.getProperty("java.io.tmpdir") + ": " + e, e);
        }
    }

    /** The socket's path: the one argument a worker needs to find its pool (it is no secret). */
    Path address() {
        return address;
    }

    /** The directory the socket lives in. */
    Path directory() {
        return directory;
    }

    /** Makes a token for worker {@code workerId} and waits for it; the worker must be told the token. */
    Expected expect(int workerId) {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        Expected waiting = new Expected(token, new CompletableFuture<>());
        expected.put(workerId, waiting);
        return waiting;
    }

    /** Stops waiting for worker {@code workerId}: it connected, or its start failed. */
    void forget(int workerId) {
        expected.remove(workerId);
    }

    /** Connections accepted that have not yet said a valid hello, nor been closed. */
    int pendingHellos() {
        return pendingCount.get();
    }

    /** The worker's side: connects to the pool at {@code address} and says its hello. */
    static SocketChannel connect(Path address, int workerId, byte[] token) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(address));
        try {
            ByteBuffer hello = ByteBuffer.allocate(HELLO_BYTES).putInt(workerId).put(token).flip();
            while (hello.hasRemaining()) {
                channel.write(hello);
            }
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private void acceptConnections() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                pause(); // such as too many open files: do not spin
                continue;
            }
            if (pendingCount.incrementAndGet() > maxPending) {
                pendingCount.decrementAndGet();
                closeQuietly(channel);
                continue;
            }
            pending.add(channel);
            // the hello is read on a thread of its own, so a silent caller cannot hold up the others
            Thread.ofVirtual().name("floe-worker-hello").start(() -> hello(channel));
        }
    }

    private void hello(SocketChannel channel) {
        SocketChannel accepted = null;
        Expected waiting = null;
        ScheduledFuture<?> limit = null;
        try {
            limit = alarms.schedule(() -> closeQuietly(channel), helloLimit.toNanos(), TimeUnit.NANOSECONDS);
            ByteBuffer hello = ByteBuffer.allocate(HELLO_BYTES);
            while (hello.hasRemaining()) {
                if (channel.read(hello) < 0) {
                    throw new EOFException();
                }
            }
            if (!limit.cancel(false)) {
                return; // the limit went off as the hello came: the channel is closed
            }
            hello.flip();
            int workerId = hello.getInt();
            byte[] token = new byte[TOKEN_BYTES];
            hello.get(token);
            Expected candidate = expected.get(workerId);
            if (candidate != null && MessageDigest.isEqual(candidate.token(), token)
                    && expected.remove(workerId, candidate)) {
                accepted = channel;
                waiting = candidate;
            }
        } catch (IOException | RuntimeException e) {
            // silent, closed, or refused by the alarms after close: dropped below
        } finally {
            if (limit != null) {
                limit.cancel(false);
            }
            pending.remove(channel);
            pendingCount.decrementAndGet();
            if (accepted == null) {
                closeQuietly(channel);
            }
        }
        if (waiting != null && !waiting.connection().complete(accepted)) {
            closeQuietly(accepted); // its start gave up meanwhile
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }

    /** Closes the socket and the connections still waiting for their hello, and removes the directory. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (SocketChannel channel : pending) {
            closeQuietly(channel);
        }
        deleteQuietly();
    }

    private void deleteQuietly() {
        removeDirectory(address);
    }

    /** Removes the socket at {@code address} and its directory, if they are still there. */
    static void removeDirectory(Path address) {
        try {
            Files.deleteIfExists(address);
            Files.deleteIfExists(address.getParent());
        } catch (IOException e) {
            // a leftover directory in the temporary directory does no harm
        }
    }
}
