package dev.floe.pool.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SharedMemoryTest {
    private final String name = "test-" + UUID.randomUUID();

    @AfterEach
    void removeLeftovers() {
        SharedRegion.unlink(name);
        SharedRegion.unlink(name + ".lock");
        SharedRegion.unlink(name + ".link");
    }

    /** Runs {@link SharedCounterChild} in {@code count} child JVMs at once and waits for them. */
    static void children(int count, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), SharedCounterChild.class.getName()));
            command.addAll(List.of(args));
            processes.add(new ProcessBuilder(command).inheritIO().start());
        }
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(process.exitValue()).as("child exit code").isZero();
        }
    }

    @Test
    void atomicIncrementsFromThreeProcessesAreAllCounted() throws Exception {
        try (SharedLong counter = SharedLong.create(name, 0); SharedLock lock = SharedLock.create(name + ".lock")) {
            children(3, "atomic", name, "10000");
            assertThat(counter.get()).isEqualTo(30_000);
        }
    }

    @Test
    void lockedIncrementsFromThreeProcessesAreAllCounted() throws Exception {
        try (SharedLong counter = SharedLong.create(name, 0); SharedLock lock = SharedLock.create(name + ".lock")) {
            children(3, "locked", name, "10000");
            assertThat(counter.get()).isEqualTo(30_000);
            assertThat(lock.isLocked()).isFalse();
        }
    }

    @Test
    void threadsShareTheAtomicsToo() throws Exception {
        try (SharedLong counter = SharedLong.create(name, 5)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        counter.incrementAndGet();
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(counter.get()).isEqualTo(40_005);
            assertThat(counter.compareAndSet(40_005, 1)).isTrue();
            assertThat(counter.compareAndSet(40_005, 2)).isFalse();
            assertThat(counter.addAndGet(9)).isEqualTo(10);
            assertThat(counter.getAndAdd(1)).isEqualTo(10);
        }
    }

    @Test
    void childrenFillASharedArrayWithoutCopying() throws Exception {
        try (SharedDoubleArray array = SharedDoubleArray.create(name, 1000)) {
            children(1, "fill", name, "0", "500");
            children(1, "fill", name, "500", "1000");
            double[] values = array.toArray();
            for (int i = 0; i < 1000; i++) {
                assertThat(values[i]).isEqualTo(i * 0.5);
            }
            assertThat(array.length()).isEqualTo(1000);
        }
    }

    @Test
    void longArraysSupportAtomicAdds() {
        try (SharedLongArray array = SharedLongArray.create(name, 3); SharedLongArray same = SharedLongArray.open(name)) {
            array.copyFrom(new long[] {1, 2, 3});
            assertThat(same.addAndGet(1, 40)).isEqualTo(42);
            assertThat(array.toArray()).containsExactly(1, 42, 3);
            assertThat(same.segment().byteSize()).isEqualTo(24);
        }
    }

    @Test
    void aLockWhoseOwnerDiedIsTakenOver() throws Exception {
        try (SharedLock lock = SharedLock.create(name)) {
            children(1, "hold", name);
            assertThat(lock.isLocked()).isTrue();
            assertThat(lock.tryLock(Duration.ofSeconds(10))).isTrue();
            lock.unlock();
            assertThat(lock.isLocked()).isFalse();
        }
    }

    @Test
    void theLockExcludesOtherThreadsAndOnlyItsHolderUnlocks() throws Exception {
        try (SharedLock lock = SharedLock.create(name)) {
            lock.lock();
            Thread other = Thread.ofPlatform().start(() -> {
                assertThat(lock.tryLock()).isFalse();
                assertThat(lock.tryLock(Duration.ofMillis(20))).isFalse();
                assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class)
                        .hasMessageContaining("does not hold it");
            });
            other.join();
            lock.unlock();
            assertThat(lock.tryLock()).isTrue();
            lock.unlock();
        }
    }

    @Test
    void theLastHandleClosedRemovesTheRegion() {
        SharedRegion first = SharedRegion.create(name, 16);
        SharedRegion second = SharedRegion.open(name);
        assertThat(first.handles()).isEqualTo(2);
        first.close();
        first.close(); // idempotent
        assertThat(SharedRegion.exists(name)).isTrue();
        assertThat(second.handles()).isEqualTo(1);
        second.close();
        assertThat(SharedRegion.exists(name)).isFalse();
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> SharedRegion.open(name)).isInstanceOf(FloeException.class)
                .hasMessageContaining("there is no shared region '" + name + "'");
        try (SharedRegion region = SharedRegion.create(name, 8)) {
            assertThatThrownBy(() -> SharedRegion.create(name, 8)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("exists already");
            try (SharedRegion again = SharedRegion.openOrCreate(name, 8)) {
                assertThat(again.byteSize()).isEqualTo(8);
            }
        }
        assertThatThrownBy(() -> SharedRegion.create("no/slashes", 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no/slashes'");
        assertThatThrownBy(() -> SharedLongArray.create(name, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length must be at least 0, got -1");
    }

    // ---- who may see and open a region ----------------------------------------------------

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aRegionIsReadableAndWritableByItsOwnerOnly() throws Exception {
        try (SharedRegion region = SharedRegion.create(name, 16)) {
            assertThat(permissions(SharedRegion.fileOf(name))).isEqualTo("rw-------");
        }
    }

    @Test
    void aRegionIsPrivateWhateverTheUmask() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to set the umask of a child");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("/bin/sh", "-c", "umask 000 && exec \"$@\"", "sh", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SharedCounterChild.class.getName(), "make", name).inheritIO().start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(child.exitValue()).as("child exit code").isZero();
        assertThat(permissions(SharedRegion.fileOf(name))).isEqualTo("rw-------");
    }

    @Test
    void aRegionOthersCanReadOrWriteIsRefused() throws Exception {
        try (SharedRegion region = SharedRegion.create(name, 16)) {
            Path file = SharedRegion.fileOf(name);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            assertThatThrownBy(() -> SharedRegion.open(name)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("shared region '" + name + "'").hasMessageContaining(file.toString())
                    .hasMessageContaining("rw-rw-rw-").hasMessageContaining("only its owner");
            assertThatThrownBy(() -> SharedRegion.openOrCreate(name, 16)).hasMessageContaining("rw-rw-rw-");
            assertThat(region.handles()).isEqualTo(1);
        }
    }

    @Test
    void aRegionOwnedByAnotherUserIsRefused() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        try (SharedRegion region = SharedRegion.create(name, 16)) {
            Path file = SharedRegion.fileOf(name);
            Files.setAttribute(file, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
            assertThatThrownBy(() -> SharedRegion.open(name)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("shared region '" + name + "'").hasMessageContaining("owned by user 65534");
        }
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws Exception {
        try (SharedRegion target = SharedRegion.create(name, 16)) {
            Path link = SharedRegion.fileOf(name + ".link");
            Files.createSymbolicLink(link, SharedRegion.fileOf(name));
            assertThatThrownBy(() -> SharedRegion.open(name + ".link")).isInstanceOf(FloeException.class)
                    .hasMessageContaining("shared region '" + name + ".link'").hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> SharedRegion.create(name + ".link", 16)).isInstanceOf(FloeException.class);
            assertThat(target.handles()).isEqualTo(1);
            Files.delete(link);
            Path nowhere = SharedRegion.fileOf(name + ".lock");
            Files.createSymbolicLink(link, nowhere);
            assertThatThrownBy(() -> SharedRegion.create(name + ".link", 16)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("exists already");
            assertThat(Files.exists(nowhere, LinkOption.NOFOLLOW_LINKS)).as("the link's target was not created").isFalse();
        }
    }

    @Test
    void aHeaderClaimingMoreThanTheFileHoldsIsRefused() throws Exception {
        try (SharedRegion region = SharedRegion.create(name, 16)) {
            Path file = SharedRegion.fileOf(name);
            try (FileChannel raw = FileChannel.open(file, StandardOpenOption.WRITE)) {
                raw.write(ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, 1 << 20), 8);
            }
            assertThatThrownBy(() -> SharedRegion.open(name)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("shared region '" + name + "'").hasMessageContaining("1048576 bytes")
                    .hasMessageContaining("holds 16");
            assertThat(Files.size(file)).isEqualTo(64 + 16);
        }
    }
}
