package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.pool.shared.ProcessQueue;
import dev.floe.pool.shared.SharedLongArray;
import dev.floe.pool.shared.SharedRegion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FloeProcessTest {
    private final String name = "test-" + UUID.randomUUID();

    @AfterEach
    void removeRegions() {
        SharedRegion.unlink(name);
    }

    @Test
    void exitCodesSayHowTheBodyEnded() {
        FloeProcess fine = FloeProcess.start(() -> { });
        FloeProcess exiting = FloeProcess.start(() -> System.exit(3));
        FloeProcess throwing;
        try (ProvokedOutput err = ProvokedOutput.take()) {
            throwing = FloeProcess.start(() -> {
                throw new IllegalStateException("body failed");
            });
            throwing.join();
            // the child's stack trace is forwarded, each line prefixed with the process's name
            assertThat(err.await("body failed")).contains("[process-", "IllegalStateException: body failed");
        }
        fine.join();
        exiting.join();
        assertThat(fine.exitCode()).hasValue(0);
        assertThat(throwing.exitCode()).hasValue(1);
        assertThat(exiting.exitCode()).hasValue(3);
        assertThat(fine.isAlive()).isFalse();
    }

    @Test
    void aRunningProcessCanBeWaitedForAndKilled() {
        FloeProcess sleeper = FloeProcess.start(() -> Thread.sleep(60_000));
        assertThat(sleeper.join(Duration.ofMillis(200))).isFalse();
        assertThat(sleeper.isAlive()).isTrue();
        assertThat(sleeper.exitCode()).isEmpty();
        sleeper.kill();
        assertThat(sleeper.join(Duration.ofSeconds(30))).isTrue();
        assertThat(sleeper.exitCode()).hasValue(137);
        assertThat(sleeper.toString()).contains("exit code 137");
    }

    @Test
    void processesRunAtTheSameTime() {
        try (SharedLongArray times = SharedLongArray.create(name, 6)) {
            List<FloeProcess> sleepers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int slot = i;
                String region = name;
                sleepers.add(FloeProcess.start(() -> {
                    try (SharedLongArray shared = SharedLongArray.open(region)) {
                        shared.set(2 * slot, System.nanoTime());
                        Thread.sleep(1500);
                        shared.set(2 * slot + 1, System.nanoTime());
                    }
                }));
            }
            sleepers.forEach(FloeProcess::join);
            long[] t = times.toArray();
            long lastStart = Math.max(t[0], Math.max(t[2], t[4]));
            long firstEnd = Math.min(t[1], Math.min(t[3], t[5]));
            assertThat(lastStart).as("every process was sleeping at one moment").isLessThan(firstEnd);
            assertThat(sleepers).allSatisfy(p -> assertThat(p.exitCode()).hasValue(0));
        }
    }

    @Test
    void outputIsForwardedWithThePrefix() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        FloeProcess process;
        try {
            process = FloeProcess.start(() -> System.out.println("hello from a child"));
            process.join();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("[" + process.name() + "] hello from a child");
    }

    @Test
    void aChildJvmThatCannotStartReportsOnItsErrorStream() {
        assertBrokenChildReportsOnItsErrorStream();
    }

    /** Starts a child JVM with an option no JVM has: it exits with 1, its complaint forwarded to this stderr. */
    private static void assertBrokenChildReportsOnItsErrorStream() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        FloeProcess broken;
        try {
            broken = FloeProcess.start(() -> { }, List.of("-XX:+NoSuchFloeOption"));
            assertThat(broken.join(Duration.ofSeconds(30))).isTrue();
        } finally {
            System.setErr(original);
        }
        assertThat(broken.exitCode()).hasValue(1);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("NoSuchFloeOption");
    }

    @Test
    void outputIsForwardedWhileCpuBoundVirtualThreadsHoldEveryCarrier() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> spinners = new java.util.ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors() + 1; i++) {
            spinners.add(Thread.ofVirtual().start(() -> {
                long x = 0;
                while (!stop.get()) {
                    x++;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }));
        }
        try {
            assertBrokenChildReportsOnItsErrorStream();
        } finally {
            stop.set(true);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
    }

    @Test
    void aBodyThatCannotBeSerializedIsRejected() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> FloeProcess.start(() -> notSerializable.hashCode()))
                .isInstanceOf(TaskSerializationException.class).hasMessageContaining("java.lang.Object is not Serializable");
    }

    @Test
    void childrenSendValuesThroughAProcessQueue() throws Exception {
        try (ProcessQueue<String> queue = ProcessQueue.create(name, 256)) { // small: the ring wraps, puts wait
            List<FloeProcess> producers = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int producer = p;
                String queueName = name;
                producers.add(FloeProcess.start(() -> {
                    try (ProcessQueue<String> q = ProcessQueue.open(queueName)) {
                        for (int i = 0; i < 100; i++) {
                            q.put(producer + ":" + i);
                        }
                    }
                }));
            }
            Set<String> received = new HashSet<>();
            int[] lastSeen = {-1, -1, -1};
            for (int i = 0; i < 300; i++) {
                String value = queue.poll(Duration.ofSeconds(60));
                assertThat(value).as("value %d arrived", i).isNotNull();
                String[] parts = value.split(":");
                int producer = Integer.parseInt(parts[0]);
                int sequence = Integer.parseInt(parts[1]);
                assertThat(sequence).as("values of one producer arrive in order").isGreaterThan(lastSeen[producer]);
                lastSeen[producer] = sequence;
                received.add(value);
            }
            producers.forEach(FloeProcess::join);
            assertThat(received).hasSize(300);
            assertThat(queue.isEmpty()).isTrue();
            assertThat(queue.poll(Duration.ofMillis(20))).isNull();
        }
    }

    @Test
    void aQueueRefusesWhatCannotFitAndTimesOutWhenFull() throws Exception {
        try (ProcessQueue<String> queue = ProcessQueue.create(name, 30)) { // "a" takes 12 bytes with its length
            assertThatThrownBy(() -> queue.put("x".repeat(100))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot fit queue");
            assertThat(queue.offer("a", Duration.ofMillis(10))).isTrue();
            assertThat(queue.offer("b", Duration.ofMillis(10))).isTrue();
            assertThat(queue.offer("c", Duration.ofMillis(10))).as("full").isFalse();
            assertThat(queue.size()).isEqualTo(2);
            assertThat(queue.take()).isEqualTo("a");
            assertThat(queue.take()).isEqualTo("b");
            assertThatThrownBy(() -> queue.put(null)).hasMessageContaining("no nulls");
        }
    }
}
