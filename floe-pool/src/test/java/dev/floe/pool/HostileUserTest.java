package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.pool.shared.ProcessQueue;
import dev.floe.pool.shared.SharedRegion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another local user against Floe: a {@link HostileUser} process run as user {@code nobody}
 * (uid 65534, through {@code setpriv}, else {@code su}) tries to read a worker's token, to join a
 * process pool in place of its next worker, and to read or plant shared-memory regions. It needs
 * Linux, root (to become another user) and one of those tools; elsewhere it is skipped, saying
 * why. The probe runs from a copy of its class file in a directory everyone can read.
 */
class HostileUserTest {
    private static final int NOBODY = 65534;

    private final String name = "hostile-" + UUID.randomUUID();
    private final List<Pool> pools = new ArrayList<>();
    private Path probeDirectory;

    @BeforeEach
    void needAnotherUser() throws IOException {
        assume(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        assume(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(line -> line.matches("Uid:\\s+0\\s.*")), "needs root, to run a process as another user");
        assume(setpriv() != null || Files.isExecutable(Path.of("/bin/su")),
                "needs setpriv or su, to run a process as another user");
        probeDirectory = Files.createTempDirectory("floe-hostile-");
        Path classFile = probeDirectory.resolve("dev/floe/pool/HostileUser.class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = HostileUser.class.getResourceAsStream("HostileUser.class")) {
            Files.write(classFile, in.readAllBytes());
        }
        for (Path path = classFile; path.startsWith(probeDirectory); path = path.getParent()) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    private static void assume(boolean condition, String reason) {
        if (!condition) {
            System.err.println("HostileUserTest skipped: " + reason);
        }
        Assumptions.assumeTrue(condition, reason);
    }

    private static Path setpriv() {
        return Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElse(null);
    }

    @AfterEach
    void cleanUp() throws IOException {
        pools.forEach(Pool::terminate);
        for (String region : List.of(name, name + ".planted", name + ".link")) {
            SharedRegion.unlink(region);
        }
        if (probeDirectory != null) {
            try (Stream<Path> files = Files.walk(probeDirectory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The probe's run as user nobody: its output lines, collected as they come. */
    private final class Probe {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Probe(String... arguments) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> probe = new ArrayList<>(List.of(java, "-XX:-UsePerfData", "-cp", probeDirectory.toString(),
                    HostileUser.class.getName()));
            probe.addAll(List.of(arguments));
            List<String> command = new ArrayList<>();
            if (setpriv() != null) {
                command.addAll(List.of(setpriv().toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                        "--clear-groups", "--"));
                command.addAll(probe);
            } else {
                command.addAll(List.of("/bin/su", "-s", "/bin/sh", "nobody", "-c",
                        String.join(" ", probe.stream().map(a -> "'" + a + "'").toList())));
            }
            process = new ProcessBuilder(command).directory(probeDirectory.toFile()).redirectErrorStream(true).start();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(output lost: " + e + ")");
                }
            });
        }

        /** Waits until a line starts with {@code prefix} or the probe ends. */
        void awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(l -> l.startsWith(prefix)) && process.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        List<String> finish() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Thread.sleep(100); // the last lines
            return List.copyOf(lines);
        }

        String line(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no " + prefix + " line)");
        }
    }

    @Test
    void anotherUserCannotReadAWorkersTokenNorJoinItsPool() throws Exception {
        ExecutorPool pool = (ExecutorPool) ProcessPool.builder().workers(1).maxTasksPerChild(1).build();
        pools.add(pool);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pool.workerPids().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long worker = pool.workerPids().getFirst();

        Probe probe = new Probe("join", Long.toString(worker), "15");
        probe.awaitLine("looping");
        // each task retires its worker, so the pool keeps waiting for a next one the probe may impersonate
        AsyncResult<List<Integer>> work = pool.mapAsync(i -> i * 2, List.of(0, 1, 2), 1);
        List<String> lines = probe.finish();
        String report = String.join("\n", lines);

        String arguments = probe.line("arguments: ");
        assertThat(arguments.substring("arguments: ".length()).split(" "))
                .as("a worker's arguments are its socket, id and parent pid; no token:\n%s", report).hasSize(3);
        assertThat(probe.line("environ: ")).as(report).startsWith("environ: denied");
        assertThat(probe.line("stdin: ")).as(report).startsWith("stdin: denied");
        assertThat(probe.line("memory: ")).as(report).startsWith("memory: denied");
        assertThat(probe.line("connect: ")).as(report).startsWith("connect: refused")
                .containsIgnoringCase("permission denied");
        assertThat(lines).as(report).noneMatch(l -> l.startsWith("received"));
        assertThat(work.get(java.time.Duration.ofSeconds(60))).containsExactly(0, 2, 4);
    }

    @Test
    void anotherUserCannotReadARegion() throws Exception {
        try (SharedRegion region = SharedRegion.create(name, 64)) {
            region.segment().setString(0, "secret", StandardCharsets.UTF_8);
            Probe probe = new Probe("read", regionFile(name).toString());
            List<String> lines = probe.finish();
            assertThat(probe.line("read: ")).as(String.join("\n", lines)).startsWith("read: denied")
                    .contains("AccessDeniedException");
        }
    }

    @Test
    void aRegionPlantedByAnotherUserIsRefused() throws Exception {
        String planted = name + ".planted";
        Probe probe = new Probe("plant", regionFile(planted).toString());
        List<String> lines = probe.finish();
        assertThat(lines).as("the probe planted its region").contains("planted");
        assertThatThrownBy(() -> SharedRegion.open(planted)).isInstanceOf(FloeException.class)
                .hasMessageContaining("owned by user " + NOBODY);
        assertThatThrownBy(() -> SharedRegion.openOrCreate(planted, 16)).isInstanceOf(FloeException.class)
                .hasMessageContaining("owned by user " + NOBODY);
        assertThatThrownBy(() -> ProcessQueue.open(planted)).isInstanceOf(FloeException.class)
                .hasMessageContaining("owned by user " + NOBODY);
    }

    @Test
    void aLinkPlantedByAnotherUserIsNeitherFollowedNorWrittenThrough() throws Exception {
        String link = name + ".link";
        try (SharedRegion victim = SharedRegion.create(name, 16)) {
            victim.segment().set(ValueLayout.JAVA_LONG, 0, 42);
            Probe probe = new Probe("link", regionFile(link).toString(), regionFile(name).toString());
            assertThat(probe.finish()).as("the probe planted its link").contains("linked");
            assertThatThrownBy(() -> SharedRegion.open(link)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> SharedRegion.create(link, 16)).isInstanceOf(FloeException.class)
                    .hasMessageContaining("exists already");
            assertThat(victim.handles()).isEqualTo(1);
            assertThat(victim.segment().get(ValueLayout.JAVA_LONG, 0)).isEqualTo(42);
        }
    }

    private static Path regionFile(String name) {
        return SharedRegion.fileOf(name);
    }
}
