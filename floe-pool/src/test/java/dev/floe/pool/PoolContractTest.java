package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Pool} backend must have. Each backend runs the whole suite through a
 * subclass that says how to make its pools.
 */
abstract class PoolContractTest {
    static final int WORKERS = 4;

    Pool pool;
    private final List<Probe> probes = new ArrayList<>();

    /** A pool of this backend running {@code workers} tasks at once. */
    abstract Pool newPool(int workers);

    /**
     * Whether tasks run in the test's own JVM: then a task's exception arrives as the very object
     * thrown; in a worker JVM it arrives as a deserialized copy.
     */
    boolean tasksShareTheHeap() {
        return true;
    }

    /**
     * Whether the backend gives every task a thread of its own as the operation begins, so that
     * how many start before a failure cancels the rest depends only on the machine's cores.
     */
    boolean startsEveryTaskAtOnce() {
        return false;
    }

    /** A counter or gate that tasks can share with the test, whichever JVM they run in. */
    Probe probe() {
        Probe probe = Probe.create();
        probes.add(probe);
        return probe;
    }

    @AfterEach
    void removeProbes() {
        probes.forEach(Probe::remove);
    }

    @BeforeEach
    void openPool() {
        pool = newPool(WORKERS);
    }

    @AfterEach
    void terminatePool() {
        pool.terminate();
        assertThat(pool.join(Duration.ofSeconds(30))).as("workers exit after terminate").isTrue();
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static void sleepMillis(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    // ---- results and order ----------------------------------------------------------------

    @Test
    void mapKeepsInputOrderWhateverTheTaskDurations() {
        SplittableRandom random = new SplittableRandom(42);
        List<long[]> inputs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inputs.add(new long[] {i, random.nextInt(3)});
        }
        List<Long> out = pool.map(pair -> {
            sleepMillis(pair[1]);
            return pair[0] * pair[0];
        }, inputs, 1);
        assertThat(out).containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> (long) i * i).toList());
    }

    @Test
    void imapYieldsInInputOrderWhateverTheTaskDurations() {
        SplittableRandom random = new SplittableRandom(7);
        List<Integer> delays = IntStream.range(0, 100).map(i -> random.nextInt(4)).boxed().toList();
        List<Integer> indices = range(100);
        try (Stream<Integer> results = pool.imap(i -> {
            sleepMillis(delays.get(i));
            return i;
        }, indices, 3)) {
            assertThat(results.toList()).containsExactlyElementsOf(indices);
        }
    }

    @Test
    void imapUnorderedYieldsEveryResultOnce() {
        List<Integer> out;
        try (Stream<Integer> results = pool.imapUnordered(i -> {
            sleepMillis(i % 3);
            return i * 2;
        }, range(150), 4)) {
            out = results.toList();
        }
        assertThat(out).containsExactlyInAnyOrderElementsOf(range(150).stream().map(i -> i * 2).toList());
    }

    @Test
    void imapUnorderedYieldsFinishedTasksBeforeSlowOnes() throws Exception {
        Probe slowMayFinish = probe();
        try (Stream<Integer> results = pool.imapUnordered(i -> {
            if (i == 0) {
                slowMayFinish.await();
            }
            return i;
        }, range(3))) {
            Iterator<Integer> iterator = results.iterator();
            Set<Integer> first = Set.of(iterator.next(), iterator.next());
            assertThat(first).containsExactlyInAnyOrder(1, 2);
            slowMayFinish.open();
            assertThat(iterator.next()).isEqualTo(0);
            assertThat(iterator.hasNext()).isFalse();
        }
    }

    @Test
    void applyReturnsTheTasksValue() {
        assertThat(pool.apply(() -> 6 * 7)).isEqualTo(42);
        assertThat(pool.<Object>apply(() -> null)).isNull();
    }

    @Test
    void mapAllowsNullInputsAndResults() {
        List<String> inputs = new ArrayList<>(List.of("a", "b"));
        inputs.add(1, null);
        assertThat(pool.map(s -> s == null ? null : s.toUpperCase(), inputs)).containsExactly("A", null, "B");
    }

    @Test
    void starmapSpreadsTwoAndThreeArguments() {
        List<Args2<int[], Integer>> pairs = List.of(Args.of(new int[] {4, 1, 4}, 4), Args.of(new int[] {0}, 4),
                Args.of(new int[] {4}, 4));
        assertThat(pool.starmap(PoolContractTest::countOf, pairs)).containsExactly(2, 0, 1);
        assertThat(pool.starmap(PoolContractTest::countOf, pairs, 1)).containsExactly(2, 0, 1);

        List<Args3<Integer, Integer, Integer>> triples = List.of(Args.of(1, 2, 3), Args.of(4, 5, 6));
        assertThat(pool.starmap((Integer a, Integer b, Integer c) -> a * b + c, triples)).containsExactly(5, 26);
        assertThat(pool.starmap((Integer a, Integer b, Integer c) -> a + b + c, triples, 5)).containsExactly(6, 15);
    }

    static int countOf(int[] row, int value) {
        int count = 0;
        for (int x : row) {
            if (x == value) {
                count++;
            }
        }
        return count;
    }

    @Test
    void callsThatReturnAtOnceWorkOnACopyOfTheItems() throws Exception {
        List<Integer> items = new ArrayList<>(range(100));
        Probe release = probe();
        AsyncResult<List<Integer>> async = pool.mapAsync(i -> {
            release.await();
            return i;
        }, items);
        Stream<Integer> lazy = pool.imap(i -> {
            release.await();
            return i;
        }, items);
        items.clear();
        release.open();
        assertThat(async.get()).containsExactlyElementsOf(range(100));
        try (lazy) {
            assertThat(lazy.toList()).containsExactlyElementsOf(range(100));
        }
    }

    @Test
    void mapAcceptsAnyIterable() {
        Iterable<Integer> notACollection = () -> range(10).iterator();
        assertThat(pool.map(i -> i + 1, notACollection)).containsExactlyElementsOf(range(11).subList(1, 11));
    }

    // ---- chunk sizes ----------------------------------------------------------------------

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 2, 7, 16, 100, 1001})
    void everyChunkSizeGivesTheSameResults(int n) {
        List<Integer> inputs = range(n);
        List<Integer> expected = inputs.stream().map(i -> 3 * i - 1).toList();
        for (int chunksize : new int[] {1, 2, 3, Math.max(1, n), n + 1, 10 * n + 5}) {
            assertThat(pool.map(i -> 3 * i - 1, inputs, chunksize)).as("map chunksize %d", chunksize)
                    .containsExactlyElementsOf(expected);
            try (Stream<Integer> s = pool.imap(i -> 3 * i - 1, inputs, chunksize)) {
                assertThat(s.toList()).as("imap chunksize %d", chunksize).containsExactlyElementsOf(expected);
            }
            try (Stream<Integer> s = pool.imapUnordered(i -> 3 * i - 1, inputs, chunksize)) {
                assertThat(s.toList()).as("imapUnordered chunksize %d", chunksize)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        assertThat(pool.map(i -> 3 * i - 1, inputs)).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyInputReturnsAnEmptyResultAtOnce() throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        AsyncResult<List<Integer>> result = pool.mapAsync(i -> i, List.<Integer>of(), done -> callbacks.incrementAndGet(),
                null);
        assertThat(result.ready()).isTrue();
        assertThat(result.get(Duration.ZERO)).isEmpty();
        assertThat(callbacks).hasValue(1);
        assertThat(pool.map(i -> i, List.of())).isEmpty();
        assertThat(pool.starmap((Integer a, Integer b) -> a + b, List.of())).isEmpty();
        try (Stream<Object> s = pool.imap(i -> i, List.of())) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void chunksAreHandedToWorkersWhole() {
        // With chunksize 10 the tasks of one chunk run one after the other on one thread.
        List<String> threads = pool.map(i -> Thread.currentThread().getName() + "@" + ProcessHandle.current().pid(),
                range(40), 10);
        for (int chunk = 0; chunk < 4; chunk++) {
            assertThat(Set.copyOf(threads.subList(chunk * 10, chunk * 10 + 10))).hasSize(1);
        }
    }

    // ---- failures -------------------------------------------------------------------------

    @ParameterizedTest(name = "failing task {0}")
    @ValueSource(ints = {0, 50, 99})
    void mapFailureNamesTheTaskAndKeepsTheCause(int failing) {
        IllegalStateException boom = new IllegalStateException("boom at " + failing);
        TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                () -> pool.map(i -> {
                    if (i == failing) {
                        throw boom;
                    }
                    return i;
                }, range(100), 7));
        assertThat(failure.taskIndex()).isEqualTo(failing);
        if (tasksShareTheHeap()) {
            assertThat(failure.getCause()).isSameAs(boom);
        } else {
            assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("boom at " + failing);
        }
        assertThat(failure).hasMessageContaining("task " + failing).hasMessageContaining("boom at " + failing)
                .hasMessageContaining("input " + failing);
        // the cause's own stack trace is intact: it shows the lambda that threw
        assertThat(failure.getCause().getStackTrace()).anySatisfy(frame ->
                assertThat(frame.getMethodName()).contains("lambda"));
        // the exception the caller catches was created on the caller's thread
        assertThat(failure.getStackTrace()).anySatisfy(frame ->
                assertThat(frame.getMethodName()).isEqualTo("mapFailureNamesTheTaskAndKeepsTheCause"));
    }

    @Test
    void checkedExceptionsAreCarriedToo() {
        assertThatThrownBy(() -> pool.apply(() -> {
            throw new java.io.IOException("disk gone");
        })).isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(java.io.IOException.class)
                .hasMessageContaining("task 0").hasMessageContaining("disk gone");
    }

    @Test
    void mapFailsFastAndCancelsTheRest() {
        Probe started = probe();
        Probe finished = probe();
        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.map(i -> {
            started.incrementAndGet();
            if (i == 0) {
                throw new IllegalArgumentException("first");
            }
            sleepMillis(50);
            finished.incrementAndGet();
            return i;
        }, range(400), 1)).isInstanceOf(TaskFailedException.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        // 400 tasks of 50 ms on 4 workers would take 5 s; cancelled, only a handful start, and
        // the running ones are interrupted in their sleep.
        assertThat(finished.get()).isLessThan(50);
        if (!startsEveryTaskAtOnce()) {
            assertThat(started.get()).isLessThan(50);
        }
        assertThat(seconds).isLessThan(4.0);
    }


    @ParameterizedTest(name = "failing task {0}")
    @ValueSource(ints = {0, 37, 99})
    void imapYieldsResultsUpToTheFailingTaskThenThrows(int failing) {
        List<Integer> seen = new ArrayList<>();
        try (Stream<Integer> results = pool.imap(i -> {
            if (i == failing) {
                throw new ArithmeticException("bad " + i);
            }
            return i;
        }, range(100), 5)) {
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                    () -> results.forEach(seen::add));
            assertThat(failure.taskIndex()).isEqualTo(failing);
            assertThat(failure.getCause()).isInstanceOf(ArithmeticException.class).hasMessage("bad " + failing);
        }
        assertThat(seen).containsExactlyElementsOf(range(failing));
    }

    @Test
    void imapUnorderedThrowsTheFailureAfterTheResultsBeforeIt() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        try (Stream<Integer> results = pool.imapUnordered(i -> {
            if (i == 10) {
                throw new IllegalStateException("ten");
            }
            return i;
        }, range(11))) {
            TaskFailedException failure = catchThrowableOfType(TaskFailedException.class,
                    () -> results.forEach(seen::add));
            assertThat(failure.taskIndex()).isEqualTo(10);
        }
        assertThat(seen).doesNotContain(10).doesNotHaveDuplicates();
    }

    @Test
    void errorsInTasksAreCarriedAsCauses() {
        assertThatThrownBy(() -> pool.map(i -> {
            throw new StackOverflowError("deep");
        }, range(3))).isInstanceOf(TaskFailedException.class).hasCauseInstanceOf(StackOverflowError.class);
    }

    // ---- async results and callbacks ------------------------------------------------------

    @Test
    void callbackIsCalledOnceOnAPoolThreadBeforeTheResultIsReady() {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicReference<List<Integer>> seen = new AtomicReference<>();
        AtomicInteger errors = new AtomicInteger();
        AsyncResult<List<Integer>> result = pool.mapAsync(i -> i * i, range(50), 3, values -> {
            calls.incrementAndGet();
            thread.set(Thread.currentThread().getName());
            seen.set(values);
        }, error -> errors.incrementAndGet());
        List<Integer> values = result.get();
        assertThat(calls).hasValue(1);
        assertThat(errors).hasValue(0);
        assertThat(thread.get()).contains("floe-pool-");
        assertThat(seen.get()).isEqualTo(values);
        assertThat(result.successful()).isTrue();
    }

    @Test
    void errorCallbackIsCalledOnceWithTheFailure() {
        AtomicInteger successes = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AsyncResult<List<Integer>> result = pool.mapAsync(i -> {
            if (i % 10 == 3) {
                throw new IllegalStateException("bad " + i);
            }
            return i;
        }, range(100), 1, values -> successes.incrementAndGet(), errors::add);
        result.await();
        assertThat(result.successful()).isFalse();
        assertThat(successes).hasValue(0);
        assertThat(errors).singleElement().isInstanceOf(TaskFailedException.class);
        assertThatThrownBy(result::get).isInstanceOf(TaskFailedException.class);
    }

    @Test
    void applyAsyncCallbacksReceiveTheValueOrTheFailure() {
        AtomicReference<Integer> value = new AtomicReference<>();
        pool.applyAsync(() -> 7, value::set, null).get();
        assertThat(value.get()).isEqualTo(7);

        AtomicReference<Throwable> error = new AtomicReference<>();
        AsyncResult<Integer> failed = pool.applyAsync(() -> {
            throw new IllegalStateException("no");
        }, null, error::set);
        failed.await();
        assertThat(error.get()).isInstanceOf(TaskFailedException.class).hasRootCauseMessage("no");
    }

    @Test
    void starmapAsyncCallsBack() {
        AtomicReference<List<Integer>> seen = new AtomicReference<>();
        List<Args2<Integer, Integer>> pairs = List.of(Args.of(1, 2), Args.of(3, 4));
        AsyncResult<List<Integer>> result = pool.starmapAsync((Integer a, Integer b) -> a * b, pairs, seen::set, null);
        assertThat(result.get()).containsExactly(2, 12);
        assertThat(seen.get()).containsExactly(2, 12);
        List<Args3<Integer, Integer, Integer>> triples = List.of(Args.of(1, 2, 3));
        assertThat(pool.starmapAsync((Integer a, Integer b, Integer c) -> a + b + c, triples).get())
                .containsExactly(6);
    }

    @Test
    void aCallbackMayReadItsOwnResult() {
        AtomicReference<List<Integer>> read = new AtomicReference<>();
        AtomicReference<AsyncResult<List<Integer>>> self = new AtomicReference<>();
        Probe registered = probe();
        AsyncResult<List<Integer>> result = pool.mapAsync(i -> {
            registered.await();
            return i;
        }, range(3), values -> read.set(self.get().get()), null);
        self.set(result);
        registered.open();
        assertThat(result.get()).containsExactly(0, 1, 2);
        assertThat(read.get()).containsExactly(0, 1, 2);
    }

    @Test
    void aThrowingCallbackStillSettlesTheResult() {
        try (ProvokedOutput err = ProvokedOutput.take()) {
            AsyncResult<Integer> result = pool.applyAsync(() -> 1, value -> {
                throw new IllegalStateException("callback bug");
            }, null);
            assertThat(result.get()).isEqualTo(1);
            // reported to the thread's uncaught-exception handler, which prints it
            assertThat(err.await("callback bug")).contains("the callback of apply threw", "callback bug");
        }
    }

    @Test
    void successfulBeforeReadyIsAnError() throws Exception {
        Probe release = probe();
        AsyncResult<Integer> result = pool.applyAsync(() -> {
            release.await();
            return 1;
        });
        assertThat(result.ready()).isFalse();
        assertThatThrownBy(result::successful).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not ready");
        assertThat(result.await(Duration.ofMillis(20))).isFalse();
        release.open();
        assertThat(result.await(Duration.ofSeconds(30))).isTrue();
        assertThat(result.successful()).isTrue();
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void getWithTimeoutThrowsAndLeavesTheTaskRunning() throws Exception {
        Probe release = probe();
        AsyncResult<String> result = pool.applyAsync(() -> {
            release.await();
            return "done";
        });
        assertThatThrownBy(() -> result.get(Duration.ofMillis(30))).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("goes on running");
        assertThat(result.ready()).isFalse();
        release.open();
        assertThat(result.get(Duration.ofSeconds(30))).isEqualTo("done");
    }

    @Test
    void toCompletableFutureCompletesWithTheResultOrTheFailure() {
        CompletableFuture<Integer> ok = pool.applyAsync(() -> 5).toCompletableFuture();
        assertThat(ok.join()).isEqualTo(5);
        CompletableFuture<List<Integer>> bad = pool.<Integer, Integer>mapAsync(i -> {
            throw new IllegalStateException("x");
        }, range(2)).toCompletableFuture();
        assertThatThrownBy(bad::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TaskFailedException.class);
        // completing the copy does not change the pool's result
        Probe release = probe();
        AsyncResult<Integer> pending = pool.applyAsync(() -> {
            release.await();
            return 9;
        });
        pending.toCompletableFuture().complete(-1);
        release.open();
        assertThat(pending.get()).isEqualTo(9);
    }

    @Test
    void anInterruptedWaiterGetsPoolInterruptedExceptionWithItsFlagSet() throws Exception {
        Probe release = probe();
        AsyncResult<Integer> pending = pool.applyAsync(() -> {
            release.await();
            return 1;
        });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                pending.get();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        waiter.interrupt();
        waiter.join(30_000);
        assertThat(thrown.get()).isInstanceOf(PoolInterruptedException.class);
        assertThat(flag.get()).isTrue();
        release.open();
        assertThat(pending.get()).isEqualTo(1);
    }

    // ---- cancellation, terminate, close ---------------------------------------------------

    @Test
    void terminateStopsRunningTasksAndFailsPendingResults() throws Exception {
        Probe running = probe();
        Probe interrupted = probe();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AsyncResult<List<Integer>> pending = pool.mapAsync(i -> {
            running.incrementAndGet();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return i;
        }, range(100), 1, null, errors::add);
        running.await();
        pool.terminate();
        assertThatThrownBy(pending::get).isInstanceOf(PoolTerminatedException.class)
                .hasMessageContaining("terminated");
        assertThat(pool.join(Duration.ofSeconds(30))).isTrue();
        if (tasksShareTheHeap()) {
            interrupted.awaitAtLeast(1); // a thread is interrupted; a worker JVM is killed
        }
        assertThat(errors).singleElement().isInstanceOf(PoolTerminatedException.class);
        assertThatThrownBy(() -> pool.apply(() -> 1)).isInstanceOf(PoolClosedException.class)
                .hasMessageContaining("terminated");
    }

    @Test
    void terminateWakesAnImapConsumer() throws Exception {
        Probe running = probe();
        Stream<Integer> results = pool.imap(i -> {
            running.incrementAndGet();
            Thread.sleep(60_000);
            return i;
        }, range(10));
        running.await();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                results.forEach(x -> { });
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        consumer.start();
        Thread.sleep(20);
        pool.terminate();
        consumer.join(30_000);
        assertThat(consumer.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(PoolTerminatedException.class);
        results.close();
    }

    @Test
    void closeWaitsForSubmittedWorkAndThenRejectsMore() {
        Probe done = probe();
        AsyncResult<List<Integer>> pending = pool.mapAsync(i -> {
            sleepMillis(2);
            done.incrementAndGet();
            return i;
        }, range(40), 1);
        pool.close();
        assertThat(done.get()).isEqualTo(40);
        assertThat(pending.ready()).isTrue();
        assertThat(pool.isOpen()).isFalse();
        assertThatThrownBy(() -> pool.map(i -> i, range(3))).isInstanceOf(PoolClosedException.class)
                .hasMessageContaining("cannot map").hasMessageContaining("closed");
        assertThatThrownBy(() -> pool.map(i -> i, List.of())).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> pool.imap(i -> i, range(3))).isInstanceOf(PoolClosedException.class);
        assertThatThrownBy(() -> pool.applyAsync(() -> 1)).isInstanceOf(PoolClosedException.class);
        pool.close(); // idempotent
    }

    @Test
    void shutdownReturnsAtOnceAndJoinWaits() {
        Probe release = probe();
        AsyncResult<Integer> pending = pool.applyAsync(() -> {
            release.await();
            return 3;
        });
        pool.shutdown();
        assertThat(pool.join(Duration.ofMillis(20))).isFalse();
        release.open();
        pool.join();
        assertThat(pending.get()).isEqualTo(3);
    }

    @Test
    void joinBeforeCloseIsAnError() {
        assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before join()");
    }

    // ---- progress, bad arguments ----------------------------------------------------------

    @Test
    void progressIsReportedPerTaskAndClosedOnce() {
        RecordingProgress progress = new RecordingProgress();
        Pool watched = pool.withProgress("squares", progress);
        assertThat(watched.map(i -> i * i, range(123))).hasSize(123);
        try (Stream<Integer> s = watched.imap(i -> i, range(10))) {
            assertThat(s.count()).isEqualTo(10);
        }
        assertThatThrownBy(() -> watched.map(i -> {
            throw new IllegalStateException();
        }, range(5))).isInstanceOf(TaskFailedException.class);
        assertThat(progress.events()).containsExactly(
                "start squares 123", "advanced 123", "closed",
                "start squares 10", "advanced 10", "closed",
                "start squares 5", "advanced 0", "closed");
        watched.close();
        assertThat(pool.isOpen()).as("a view closes its pool").isFalse();
    }

    @Test
    void badArgumentsNameTheArgument() {
        assertThatThrownBy(() -> pool.map(null, range(3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fn must not be null");
        assertThatThrownBy(() -> pool.map(i -> i, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("items must not be null");
        assertThatThrownBy(() -> pool.map(i -> i, range(3), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize must be at least 1, got 0");
        assertThatThrownBy(() -> pool.imap(i -> i, range(3), -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize must be at least 1, got -2");
        assertThatThrownBy(() -> pool.apply(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task must not be null");
        assertThatThrownBy(() -> pool.withProgress(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label must not be null");
    }

    // ---- stress ---------------------------------------------------------------------------

    @Test
    void aMillionTinyTasksSumCorrectly() {
        List<Integer> inputs = range(1_000_000);
        long expected = 1_000_000L * 999_999L / 2 * 3;
        assertThat(pool.map(i -> 3L * i, inputs).stream().mapToLong(Long::longValue).sum()).isEqualTo(expected);
        try (Stream<Long> s = pool.imapUnordered(i -> 3L * i, inputs, 1000)) {
            assertThat(s.mapToLong(Long::longValue).sum()).isEqualTo(expected);
        }
        try (Stream<Long> s = tasksShareTheHeap() ? pool.imap(i -> 3L * i, inputs) : pool.imap(i -> 3L * i, inputs, 1000)) {
            assertThat(s.mapToLong(Long::longValue).sum()).isEqualTo(expected);
        }
    }

    @Test
    void manyThreadsSubmittingAtOnceAllGetTheirResults() throws Exception {
        int submitters = 8;
        List<Thread> threads = new ArrayList<>();
        ConcurrentHashMap<Integer, Integer> sums = new ConcurrentHashMap<>();
        for (int t = 0; t < submitters; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int round = 0; round < 50; round++) {
                    int sum = pool.map(i -> i + offset, range(100), 7).stream().mapToInt(Integer::intValue).sum();
                    sums.merge(offset, sum, (a, b) -> a.equals(b) ? a : -1);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        for (int t = 0; t < submitters; t++) {
            assertThat(sums.get(t)).isEqualTo(4950 + 100 * t);
        }
    }

    /** A {@link Progress} that records what it is told. */
    static final class RecordingProgress implements Progress {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Tracker start(String label, long total) {
            events.add("start " + label + " " + total);
            AtomicInteger advanced = new AtomicInteger();
            AtomicInteger closes = new AtomicInteger();
            return new Tracker() {
                @Override
                public void advance(long tasks) {
                    advanced.addAndGet((int) tasks);
                }

                @Override
                public void close() {
                    if (closes.incrementAndGet() == 1) {
                        events.add("advanced " + advanced.get());
                        events.add("closed");
                    } else {
                        events.add("closed again");
                    }
                }
            };
        }

        List<String> events() {
            return List.copyOf(events);
        }
    }
}
