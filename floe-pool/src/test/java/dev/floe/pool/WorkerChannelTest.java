package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call a pool's workers' channel back. Where a test waits for the pool to drop a
 * connection it allows 5 s, five times the one-second hello limit, so that a loaded machine
 * does not fail it; what it checks is that the drop happens at all.
 */
class WorkerChannelTest {
    private static final Duration DROP_BOUND = Duration.ofSeconds(5);

    private final ScheduledExecutorService alarms = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        alarms.shutdownNow();
    }

    private WorkerChannel channel(Duration helloLimit, int maxPending) {
        WorkerChannel channel = new WorkerChannel("test-pool", alarms, helloLimit, maxPending);
        open.add(channel);
        return channel;
    }

    private SocketChannel connect(WorkerChannel channel) throws IOException {
        SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(channel.address()));
        open.add(client);
        return client;
    }

    /** Whether the other side closed {@code client} within {@code bound} (its next read ends the stream). */
    private static boolean closedWithin(SocketChannel client, Duration bound) throws Exception {
        CompletableFuture<Integer> read = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                read.complete(client.read(ByteBuffer.allocate(1)));
            } catch (IOException e) {
                read.complete(-1);
            }
        });
        try {
            return read.get(bound.toMillis(), TimeUnit.MILLISECONDS) < 0;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Test
    void theSocketLivesInADirectoryOnlyItsOwnerCanEnter() throws IOException {
        WorkerChannel channel = channel(WorkerChannel.HELLO_LIMIT, WorkerChannel.MAX_PENDING);
        Path directory = channel.directory();
        assertThat(channel.address().getParent()).isEqualTo(directory);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
        assertThat(Files.getOwner(directory).getName()).isEqualTo(System.getProperty("user.name"));
        channel.close();
        assertThat(Files.exists(directory, LinkOption.NOFOLLOW_LINKS)).as("directory removed on close").isFalse();
    }

    @Test
    void aWorkerWithItsIdAndTokenIsAcceptedAndOthersAreDroppedAtOnce() throws Exception {
        WorkerChannel channel = channel(Duration.ofMinutes(1), WorkerChannel.MAX_PENDING);
        WorkerChannel.Expected expected = channel.expect(7);

        byte[] wrong = expected.token().clone();
        wrong[0] ^= 1;
        SocketChannel impostor = WorkerChannel.connect(channel.address(), 7, wrong);
        open.add(impostor);
        assertThat(closedWithin(impostor, DROP_BOUND)).as("a wrong token is dropped").isTrue();
        SocketChannel otherId = WorkerChannel.connect(channel.address(), 8, expected.token());
        open.add(otherId);
        assertThat(closedWithin(otherId, DROP_BOUND)).as("a token for another worker is dropped").isTrue();
        assertThat(expected.connection()).isNotDone();

        SocketChannel worker = WorkerChannel.connect(channel.address(), 7, expected.token());
        open.add(worker);
        SocketChannel accepted = expected.connection().get(10, TimeUnit.SECONDS);
        open.add(accepted);
        worker.write(ByteBuffer.wrap(new byte[] {42}));
        ByteBuffer received = ByteBuffer.allocate(1);
        accepted.read(received);
        assertThat(received.get(0)).isEqualTo((byte) 42);

        SocketChannel again = WorkerChannel.connect(channel.address(), 7, expected.token());
        open.add(again);
        assertThat(closedWithin(again, DROP_BOUND)).as("a token serves once").isTrue();
    }

    @Test
    void aSilentConnectionIsDroppedWithinTheHelloLimit() throws Exception {
        WorkerChannel channel = channel(WorkerChannel.HELLO_LIMIT, WorkerChannel.MAX_PENDING);
        SocketChannel silent = connect(channel);
        assertThat(closedWithin(silent, DROP_BOUND)).isTrue();
        // the count goes down just after the close the client saw
        long deadline = System.nanoTime() + DROP_BOUND.toNanos();
        while (channel.pendingHellos() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(channel.pendingHellos()).isZero();
    }

    @Test
    void connectionsBeyondTheCapAreDroppedWhenAccepted() throws Exception {
        WorkerChannel channel = channel(Duration.ofMinutes(10), 4);
        List<SocketChannel> silent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            silent.add(connect(channel));
        }
        // accepted in the order they connected: the first four wait for their hello, the rest are dropped
        for (SocketChannel client : silent.subList(4, 10)) {
            assertThat(closedWithin(client, DROP_BOUND)).as("a connection beyond the cap is dropped").isTrue();
        }
        for (SocketChannel client : silent.subList(0, 4)) {
            assertThat(closedWithin(client, Duration.ofMillis(100))).as("a connection within the cap waits").isFalse();
        }
        assertThat(channel.pendingHellos()).isEqualTo(4);
        channel.close();
        for (SocketChannel client : silent) {
            assertThat(closedWithin(client, DROP_BOUND)).as("closing the channel closes those waiting").isTrue();
        }
    }

    @Test
    void aWorkersCommandLineHoldsNoToken() throws Exception {
        Path cmdline = Path.of("/proc/self/cmdline");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(cmdline), "needs /proc to read a command line");
        try (Pool pool = Pool.processes(1)) {
            long pid = pool.apply(() -> ProcessHandle.current().pid());
            List<String> arguments = List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
            List<String> after = arguments.subList(arguments.indexOf(WorkerMain.class.getName()) + 1, arguments.size());
            assertThat(after).hasSize(3);
            assertThat(after.get(0)).isEqualTo(((ExecutorPool) pool).workerChannel().address().toString());
            assertThat(after.get(2)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }
}
