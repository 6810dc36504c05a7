package dev.floe.cli.demo;

import dev.floe.cli.Table;
import dev.floe.pool.FloeProcess;
import dev.floe.pool.Pool;
import dev.floe.pool.ProcessPool;
import dev.floe.pool.Timeit;
import dev.floe.pool.WorkerDiedException;
import dev.floe.pool.shared.SharedLock;
import dev.floe.pool.shared.SharedLong;
import dev.floe.pool.shared.SharedRegion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * {@code floe demo processes}: the first lecture's second half. Processes on the JVM are for
 * what threads cannot give (isolation, separate heaps, hard stops), and shared memory with locks
 * is how they cooperate.
 */
final class ProcessTour extends Tour {
    private static final int INCREMENTS = 10_000;

    ProcessTour(PrintWriter out, boolean quick) {
        super(out, quick);
    }

    @Override
    boolean run() {
        title("Floe tour: processes and shared memory");
        note("Each process is a JVM of its own: a crash, System.exit or an endless loop in one cannot");
        note("take the others down. Starting one costs a fraction of a second; threads cost microseconds.");
        String prefix = "floe-demo-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            countDown();
            sleepers();
            boolean agreed = sharedCounter(prefix);
            agreed &= workerKilledMidMap(prefix);
            return agreed;
        } finally {
            for (String suffix : List.of("counter", "lock", "gate", "ready", "attempts")) {
                SharedRegion.unlink(prefix + "-" + suffix);
            }
        }
    }

    private void countDown() {
        long total = quick ? 3_000_000 : 100_000_000;
        heading("Count down from " + String.format("%,d", total) + " over three processes");
        double sequential = Timeit.once(() -> PoolTour.countDown(total));
        double processes = Timeit.once(() -> {
            List<FloeProcess> parts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long share = total / 3;
                parts.add(FloeProcess.start(() -> PoolTour.countDown(share)));
            }
            parts.forEach(FloeProcess::join);
        });
        Table table = new Table("variant", "time", "speed-up");
        table.row("1 thread, this JVM", seconds(sequential), ratio(1));
        table.row("3 processes (FloeProcess), JVM start included", seconds(processes), ratio(sequential / processes));
        out.print(table);
        note("Each child JVM starts cold (interpreted, then compiled); for work this short, threads win.");
    }

    private void sleepers() {
        heading("Three processes that each sleep one second, started together");
        double seconds = Timeit.once(() -> {
            List<FloeProcess> sleepers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int number = i;
                sleepers.add(FloeProcess.start(() -> {
                    Thread.sleep(1000);
                    System.out.println("process " + number + " woke up");
                }));
            }
            sleepers.forEach(FloeProcess::join);
        });
        out.flush();
        note("total: " + seconds(seconds) + " (about one sleep plus a JVM start, not three sleeps)");
    }

    private boolean sharedCounter(String prefix) {
        heading("A shared counter incremented " + String.format("%,d", INCREMENTS) + " times by each of 3 processes");
        Table table = new Table("variant", "final count", "lost updates", "time");
        boolean exact = true;
        for (String mode : List.of("no lock: set(get() + 1)", "SharedLock around set(get() + 1)",
                "SharedLong.incrementAndGet()")) {
            String counterName = prefix + "-counter";
            String lockName = prefix + "-lock";
            String gateName = prefix + "-gate";
            String readyName = prefix + "-ready";
            try (SharedLong counter = SharedLong.create(counterName, 0);
                    SharedLock lock = SharedLock.create(lockName);
                    SharedLong gate = SharedLong.create(gateName, 0);
                    SharedLong ready = SharedLong.create(readyName, 0)) {
                List<FloeProcess> children = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    children.add(FloeProcess.start(() -> increment(mode, counterName, lockName, gateName, readyName)));
                }
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (ready.get() < 3) {
                    if (!children.stream().allMatch(FloeProcess::isAlive) || System.nanoTime() > deadline) {
                        String states = children.stream().map(c -> c.exitCode().isPresent()
                                ? "exited " + c.exitCode().getAsInt() : "running").toList().toString();
                        children.forEach(FloeProcess::kill);
                        throw new IllegalStateException("the counting processes did not all get ready within a "
                                + "minute: " + states);
                    }
                    Thread.onSpinWait();
                }
                long start = System.nanoTime();
                gate.set(1); // all three start together, so they really race
                children.forEach(FloeProcess::join);
                double seconds = (System.nanoTime() - start) / 1e9;
                long count = counter.get();
                table.row(mode, String.format("%,d", count), String.format("%,d", 3 * INCREMENTS - count), seconds(seconds));
                if (!mode.startsWith("no lock")) {
                    exact &= count == 3L * INCREMENTS;
                }
            }
        }
        out.print(table);
        note("Without a lock, two processes read the same value and both write it plus one: an update is lost.");
        note("How many are lost depends on how the processes interleave; the lock and the atomic never lose one.");
        return exact;
    }

    private static void increment(String mode, String counterName, String lockName, String gateName, String readyName)
            throws InterruptedException {
        try (SharedLong counter = SharedLong.open(counterName);
                SharedLock lock = SharedLock.open(lockName);
                SharedLong gate = SharedLong.open(gateName);
                SharedLong ready = SharedLong.open(readyName)) {
            ready.incrementAndGet();
            while (gate.get() == 0) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < INCREMENTS; i++) {
                if (mode.startsWith("no lock")) {
                    counter.set(counter.get() + 1);
                } else if (mode.startsWith("SharedLock")) {
                    try (SharedLock.Held held = lock.acquire()) {
                        counter.set(counter.get() + 1);
                    }
                } else {
                    counter.incrementAndGet();
                }
            }
        }
    }

    private boolean workerKilledMidMap(String prefix) {
        heading("A worker JVM dies in the middle of a map");
        String attemptsName = prefix + "-attempts";
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
        boolean ok;
        try (SharedLong attempts = SharedLong.create(attemptsName, 0)) {
            try (Pool pool = ProcessPool.builder().workers(2).build()) {
                try {
                    pool.map(i -> dieOnFirstAttempt(i, attemptsName), inputs, 1);
                    note("unexpected: no worker died");
                    ok = false;
                } catch (WorkerDiedException died) {
                    note("without retries: " + died.getMessage());
                    ok = died.taskIndex() == 7;
                }
                List<Integer> after = pool.map(i -> i * i, inputs);
                note("the pool replaced the worker and goes on: the next map returned " + after.size() + " results");
                ok &= after.size() == inputs.size();
            }
            attempts.set(0);
            try (Pool pool = ProcessPool.builder().workers(2).retries(1).build()) {
                List<Integer> squares = pool.map(i -> dieOnFirstAttempt(i, attemptsName), inputs, 1);
                note("with retries(1): task 7 ran again on a fresh worker; all " + squares.size()
                        + " results arrived: " + squares.subList(0, 10) + " ...");
                ok &= squares.equals(inputs.stream().map(i -> i * i).toList());
            }
        }
        return ok;
    }

    /** Task 7 kills its worker the first time it runs. */
    private static int dieOnFirstAttempt(int i, String attemptsName) {
        if (i == 7) {
            try (SharedLong attempts = SharedLong.open(attemptsName)) {
                if (attempts.incrementAndGet() == 1) {
                    Runtime.getRuntime().halt(1);
                }
            }
        }
        return i * i;
    }
}
