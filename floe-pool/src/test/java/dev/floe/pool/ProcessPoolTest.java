package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.floe.FloeException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only a pool of worker JVMs does: the crash matrix, retries, time-outs, recycling, output, no orphans. */
class ProcessPoolTest {
    private final List<Pool> pools = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        pools.forEach(Pool::terminate);
        probes.forEach(Probe::remove);
    }

    private Pool pool(ProcessPool.Builder builder) {
        Pool pool = builder.build();
        pools.add(pool);
        return pool;
    }

    private Pool pool(int workers) {
        return pool(ProcessPool.builder().workers(workers));
    }

    private Probe probe() {
        Probe probe = Probe.create();
        probes.add(probe);
        return probe;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** Serializes fine; refuses to be read back. */
    static final class Unreadable implements Serializable {
        private void readObject(ObjectInputStream in) throws InvalidObjectException {
            throw new InvalidObjectException("Unreadable refuses to be read");
        }
    }

    // ---- the crash matrix -----------------------------------------------------------------

    @Test
    void aTaskThatCannotBeSerializedIsRejectedAtSubmitNamingTheClass() {
        Pool pool = pool(1);
        Object notSerializable = new Object();
        TaskSerializationException failure = catchThrowableOfType(TaskSerializationException.class,
                () -> pool.map(i -> notSerializable.hashCode() + i, range(3)));
        assertThat(failure.phase()).isEqualTo(TaskSerializationException.Phase.SERIALIZE_TASK);
        assertThat(failure).hasMessageContaining("java.lang.Object is not Serializable")
                .hasMessageContaining("the function of map");
        List<Object> inputs = List.of("fine", new Object(), "fine");
        assertThatThrownBy(() -> pool.map(x -> x.toString(), inputs)).isInstanceOf(TaskSerializationException.class)
                .hasMessageContaining("input 1 of map").hasMessageContaining("java.lang.Object is not Serializable");
        assertThat(pool.map(i -> i + 1, range(3))).containsExactly(1, 2, 3);
    }

    @Test
    void aTaskThatCannotBeReadInTheWorkerFailsWithThatPhase() {
        Pool pool = pool(1);
        List<Unreadable> inputs = List.of(new Unreadable());
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> pool.map(x -> 1, inputs));
        assertThat(failure.getCause()).isInstanceOf(TaskSerializationException.class)
                .hasMessageContaining("Unreadable refuses to be read");
        assertThat(((TaskSerializationException) failure.getCause()).phase())
                .isEqualTo(TaskSerializationException.Phase.DESERIALIZE_TASK);
        assertThat(pool.apply(() -> "still working")).isEqualTo("still working");
    }

    @Test
    void anExceptionInATaskArrivesWithItsClassMessageAndStack() {
        Pool pool = pool(2);
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class, () -> pool.map(i -> {
            if (i == 5) {
                throw new IllegalArgumentException("five is bad");
            }
            return i;
        }, range(10), 3));
        assertThat(failure.taskIndex()).isEqualTo(5);
        assertThat(failure.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("five is bad");
        assertThat(failure.getCause().getStackTrace()).anySatisfy(frame ->
                assertThat(frame.getMethodName()).contains("lambda"));
    }

    static final class Unserializable extends RuntimeException {
        @SuppressWarnings("unused")
        private final transient Object ok = null;
        private final Object notSerializable = new Object();

        Unserializable() {
            super("cannot travel");
        }
    }

    @Test
    void anExceptionThatCannotBeSerializedArrivesAsARemoteCopy() {
        Pool pool = pool(1);
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> pool.apply(() -> {
                    throw new Unserializable();
                }));
        assertThat(failure.getCause()).isInstanceOf(RemoteTaskException.class)
                .hasMessageContaining(Unserializable.class.getName()).hasMessageContaining("cannot travel");
    }

    @Test
    void systemExitInATaskFailsOnlyThatTaskAndThePoolGoesOn() {
        Pool pool = pool(2);
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int task = i;
            results.add(pool.applyAsync(() -> {
                if (task == 2) {
                    System.exit(3);
                }
                return task * 10;
            }));
        }
        for (int i = 0; i < 6; i++) {
            if (i == 2) {
                WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class, results.get(i)::get);
                assertThat(died.exitCode()).isEqualTo(3);
                assertThat(died).hasMessageContaining("exited with code 3").hasMessageContaining("task 0 of apply");
                assertThat(died.isPoison()).isFalse();
            } else {
                assertThat(results.get(i).get()).isEqualTo(i * 10);
            }
        }
        assertThat(pool.map(i -> i * 2, range(20))).hasSize(20);
    }

    @Test
    void aWorkerKilledMidTaskFailsOnlyItsTask() throws Exception {
        Pool pool = pool(2);
        Probe victim = probe();
        AsyncResult<Long> doomed = pool.applyAsync(() -> {
            victim.value(ProcessHandle.current().pid());
            Thread.sleep(60_000);
            return 0L;
        });
        victim.awaitAtLeast(1);
        ProcessHandle.of(victim.get()).orElseThrow().destroyForcibly();
        WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class, doomed::get);
        assertThat(died.exitCode()).isEqualTo(137);
        assertThat(died).hasMessageContaining("killed by signal 9 (SIGKILL)");
        assertThat(pool.map(i -> i + 1, range(50))).hasSize(50);
    }

    @Test
    void aResultThatCannotBeSerializedFailsWithThatPhase() {
        Pool pool = pool(1);
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> pool.map(i -> i == 2 ? new Object() : (Object) i, range(4), 4));
        assertThat(failure.taskIndex()).isEqualTo(2);
        TaskSerializationException cause = (TaskSerializationException) failure.getCause();
        assertThat(cause.phase()).isEqualTo(TaskSerializationException.Phase.SERIALIZE_RESULT);
        assertThat(cause).hasMessageContaining("java.lang.Object is not Serializable");
    }

    @Test
    void imapYieldsTheResultsBeforeOneThatCannotBeSentBack() {
        Pool pool = pool(1);
        List<Object> seen = new ArrayList<>();
        try (var results = pool.imap(i -> i == 3 ? new Object() : (Object) i, range(6), 6)) {
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class, () -> results.forEach(seen::add));
            assertThat(failure.taskIndex()).isEqualTo(3);
        }
        assertThat(seen).containsExactly(0, 1, 2);
    }

    @Test
    void aFailedApplyDoesNotDescribeAnInputItNeverHad() {
        Pool pool = pool(1);
        assertThatThrownBy(() -> pool.apply(() -> {
            throw new IllegalStateException("plain failure");
        })).hasMessageStartingWith("task 0 failed: java.lang.IllegalStateException: plain failure");
    }

    @Test
    void aResultThatCannotBeReadBackFailsWithThatPhase() {
        Pool pool = pool(1);
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> pool.apply(Unreadable::new));
        TaskSerializationException cause = (TaskSerializationException) failure.getCause();
        assertThat(cause.phase()).isEqualTo(TaskSerializationException.Phase.DESERIALIZE_RESULT);
        assertThat(cause).hasMessageContaining("Unreadable refuses to be read");
    }

    static Object[] nested(int depth) {
        Object[] top = new Object[1];
        Object[] innermost = top;
        for (int i = 1; i < depth; i++) {
            Object[] next = new Object[1];
            innermost[0] = next;
            innermost = next;
        }
        return top;
    }

    @Test
    void valuesNestedBeyondTheLimitAreRefusedInEitherDirection() {
        Pool pool = pool(1);
        TaskFailedException result = catchThrowableOfType(TaskFailedException.class,
                () -> pool.apply(() -> nested(1_100)));
        TaskSerializationException cause = (TaskSerializationException) result.getCause();
        assertThat(cause.phase()).isEqualTo(TaskSerializationException.Phase.DESERIALIZE_RESULT);
        assertThat(cause).hasMessageContaining("objects nested deeper than 1000");
        List<Object> inputs = List.of((Object) nested(1_100));
        TaskFailedException task = catchThrowableOfType(TaskFailedException.class, () -> pool.map(x -> 1, inputs));
        assertThat(((TaskSerializationException) task.getCause()).phase())
                .isEqualTo(TaskSerializationException.Phase.DESERIALIZE_TASK);
        assertThat(task.getCause()).hasMessageContaining("objects nested deeper than 1000");
        assertThat(pool.apply(() -> nested(50).length)).isEqualTo(1);
    }

    @Test
    void runningOutOfMemoryKillsOnlyTheWorker() {
        Pool pool = pool(ProcessPool.builder().workers(1).heap("48m"));
        try (ProvokedOutput err = ProvokedOutput.take()) {
            WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class, () -> pool.apply(() -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 20]);
                }
            }));
            assertThat(died).hasMessageContaining("ran out of memory").hasMessageContaining("OutOfMemoryError");
            // the worker's own last words come through, prefixed with its name
            assertThat(err.await("OutOfMemoryError")).contains("[worker-", "OutOfMemoryError");
        }
        assertThat(pool.apply(() -> 1)).isEqualTo(1);
    }

    // ---- retries, poison tasks, time-outs -------------------------------------------------

    @Test
    void retriesRerunATaskWhoseWorkerDied() {
        Pool pool = pool(ProcessPool.builder().workers(2).retries(1));
        Probe attempts = probe();
        List<Integer> out = pool.map(i -> {
            if (i == 3 && attempts.incrementAndGet() == 1) {
                Runtime.getRuntime().halt(9);
            }
            return i * i;
        }, range(8), 2);
        assertThat(out).containsExactly(0, 1, 4, 9, 16, 25, 36, 49);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aTaskThatKillsEveryWorkerIsAPoisonTaskNamedExactly() {
        Pool pool = pool(ProcessPool.builder().workers(2).retries(2));
        Probe deaths = probe();
        WorkerDiedException died = catchThrowableOfType(WorkerDiedException.class, () -> pool.map(i -> {
            if (i == 7) {
                deaths.incrementAndGet();
                Runtime.getRuntime().halt(4);
            }
            return i;
        }, range(10), 10));
        assertThat(died.taskIndex()).isEqualTo(7);
        assertThat(died.isPoison()).isTrue();
        assertThat(died).hasMessageContaining("poison task").hasMessageContaining("killed 3 workers")
                .hasMessageContaining("exited with code 4");
        assertThat(deaths.get()).isEqualTo(3);
        assertThat(pool.map(i -> i, range(4))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aTaskPastTheTimeOutIsKilledAndTheOthersGoOn() {
        Pool pool = pool(ProcessPool.builder().workers(2).timeout(Duration.ofMillis(1500)));
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int task = i;
            results.add(pool.applyAsync(() -> {
                if (task == 1) {
                    Thread.sleep(60_000);
                }
                return task;
            }));
        }
        TaskTimeoutException timedOut = catchThrowableOfType(TaskTimeoutException.class, results.get(1)::get);
        assertThat(timedOut.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(timedOut).hasMessageContaining("ran longer than the time-out of 1.50 s");
        for (int i : new int[] {0, 2, 3, 4}) {
            assertThat(results.get(i).get()).isEqualTo(i);
        }
        assertThat(pool.map(i -> i, range(6))).hasSize(6);
    }

    // ---- recycling, initializer, output ---------------------------------------------------

    @Test
    void workersAreRecycledAfterMaxTasksPerChild() {
        Pool pool = pool(ProcessPool.builder().workers(2).maxTasksPerChild(3));
        List<Long> pids = pool.map(i -> ProcessHandle.current().pid(), range(12), 1);
        Set<Long> distinct = new HashSet<>(pids);
        assertThat(distinct.size()).isGreaterThanOrEqualTo(4);
        for (long pid : distinct) {
            assertThat(pids.stream().filter(p -> p == pid).count()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void theInitializerRunsOnceInEachWorker() {
        Pool pool = pool(ProcessPool.builder().workers(2)
                .initializer(() -> System.setProperty("floe.test.initialized", "yes")));
        assertThat(pool.map(i -> System.getProperty("floe.test.initialized"), range(8), 1))
                .containsOnly("yes");
    }

    @Test
    void aFailingInitializerFailsTheTasksWithItsReason() {
        Pool pool = pool(ProcessPool.builder().workers(1).initializer(() -> {
            throw new IllegalStateException("no licence");
        }));
        assertThatThrownBy(() -> pool.apply(() -> 1)).isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("initializer failed").hasMessageContaining("no licence");
    }

    @Test
    void workerOutputIsForwardedWithAPrefix() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Pool pool = pool(1);
            pool.apply(() -> {
                System.out.println("hello from a worker");
                return 1;
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!captured.toString(StandardCharsets.UTF_8).contains("hello from a worker")
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).matches("(?s).*\\[worker-\\d+] hello from a worker.*");
    }

    @Test
    void tasksRunInOtherProcesses() {
        Pool pool = pool(2);
        long here = ProcessHandle.current().pid();
        List<Long> pids = pool.map(i -> ProcessHandle.current().pid(), range(10), 1);
        assertThat(pids).doesNotContain(here);
        assertThat(pool.toString()).contains("processes, workers=2");
    }

    // ---- no orphans -----------------------------------------------------------------------

    @Test
    void closeAndTerminateLeaveNoWorkerAlive() throws Exception {
        ExecutorPool closed = (ExecutorPool) pool(2);
        closed.map(i -> i, range(4), 1);
        List<Long> pids = closed.workerPids();
        assertThat(pids).hasSize(2);
        closed.close();
        assertAllExit(pids);

        ExecutorPool terminated = (ExecutorPool) pool(2);
        terminated.map(i -> i, range(4), 1);
        List<Long> more = terminated.workerPids();
        terminated.terminate();
        assertAllExit(more);
    }

    @Test
    void workersExitWhenTheirParentIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), OrphanParent.class.getName())
                .redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        Path channel = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("channel ")) {
                    channel = Path.of(line.substring("channel ".length()));
                }
                if (line.startsWith("pids ")) {
                    for (String pid : line.substring(6, line.length() - 1).split(", ")) {
                        pids.add(Long.parseLong(pid.trim()));
                    }
                    break;
                }
            }
            assertThat(pids).hasSize(2);
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
            assertAllExit(pids);
            assertThat(channel).as("the pool's socket directory was printed").isNotNull();
            assertThat(Files.exists(channel)).as("the dead pool's socket directory is removed").isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }

    private static void assertAllExit(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (long pid : pids) {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("worker %d exited", pid).isFalse();
        }
    }

    // ---- settings -------------------------------------------------------------------------

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> Pool.processes(0)).hasMessage("workers must be at least 1, got 0");
        assertThatThrownBy(() -> ProcessPool.builder().retries(-1)).hasMessage("retries must be at least 0, got -1");
        assertThatThrownBy(() -> ProcessPool.builder().timeout(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> ProcessPool.builder().maxTasksPerChild(0))
                .hasMessage("maxTasksPerChild must be at least 1, got 0");
        assertThatThrownBy(() -> ProcessPool.builder().heap("lots")).hasMessageContaining("512m");
        Object notSerializable = new Object();
        assertThatThrownBy(() -> ProcessPool.builder().initializer(() -> notSerializable.hashCode()).build())
                .isInstanceOf(TaskSerializationException.class).hasMessageContaining("initializer");
    }

    @Test
    void errorsOfTheSetupAreFloeExceptions() {
        assertThat(FloeException.class).isAssignableFrom(TaskSerializationException.class);
        assertThat(TaskFailedException.class).isAssignableFrom(WorkerDiedException.class);
        assertThat(TaskFailedException.class).isAssignableFrom(TaskTimeoutException.class);
        assertThat(Arrays.asList(TaskSerializationException.Phase.values())).hasSize(4);
    }
}
