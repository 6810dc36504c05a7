package dev.floe.bench.pool;

import dev.floe.pool.Pool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How much faster {@code tasks} equal CPU-bound tasks run on a {@link Pool} of every core than on
 * one thread, next to how much faster the same tasks run split over as many independent JVM
 * processes: the speed-up this machine can really give (on a shared machine, below the core
 * count). The pool's efficiency is the ratio of the two.
 *
 * <p>Child JVMs are started once, warm up, and then time their share when told to; their clocks
 * ({@link System#nanoTime()}, the machine's monotonic clock) are compared directly.
 */
public final class PoolScaling {
    /** One round's times in seconds. */
    public record Round(double oneThread, double pool, double oneProcess, double processes) {}

    /** The medians of several rounds. */
    public record Result(int workers, int tasks, List<Round> rounds, boolean checksumsAgree) {
        public double oneThread() {
            return median(rounds.stream().mapToDouble(Round::oneThread).toArray());
        }

        public double pool() {
            return median(rounds.stream().mapToDouble(Round::pool).toArray());
        }

        public double oneProcess() {
            return median(rounds.stream().mapToDouble(Round::oneProcess).toArray());
        }

        public double processes() {
            return median(rounds.stream().mapToDouble(Round::processes).toArray());
        }

        /** Median of the per-round ratios, so each ratio compares times taken moments apart. */
        public double poolSpeedup() {
            return median(rounds.stream().mapToDouble(r -> r.oneThread() / r.pool()).toArray());
        }

        public double processSpeedup() {
            return median(rounds.stream().mapToDouble(r -> r.oneProcess() / r.processes()).toArray());
        }

        /** The pool's speed-up as a share of what separate processes achieve. */
        public double efficiency() {
            return median(rounds.stream().mapToDouble(r -> (r.oneThread() / r.pool())
                    / (r.oneProcess() / r.processes())).toArray());
        }
    }

    private PoolScaling() {}

    /**
     * Measures {@code rounds} rounds of {@code tasks} tasks of {@code steps} xorshift steps each,
     * on {@code workers} threads and on {@code workers} processes.
     */
    public static Result measure(int tasks, long steps, int workers, int rounds) throws IOException, InterruptedException {
        List<Child> children = new ArrayList<>();
        try (Pool pool = Pool.threads(workers)) {
            for (int i = 0; i < workers; i++) {
                children.add(Child.start());
            }
            for (Child child : children) {
                child.send(0, Math.min(2, tasks), steps); // warm-up, all children at once
            }
            for (Child child : children) {
                child.receive();
            }
            long expected = runHere(0, tasks, steps); // also warms this JVM up
            runHere(0, tasks, steps);
            boolean agree = true;
            List<Round> measured = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                long sequential = runHere(0, tasks, steps);
                double oneThread = (System.nanoTime() - start) / 1e9;

                start = System.nanoTime();
                long pooled = pool.map(task -> CpuWork.xorshift(task, steps), IntStream.range(0, tasks).boxed().toList(), 1)
                        .stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a ^ b);
                double inPool = (System.nanoTime() - start) / 1e9;

                long[] single = children.get(0).run(0, tasks, steps);
                double oneProcess = (single[1] - single[0]) / 1e9;

                long[][] shares = new long[workers][];
                for (int w = 0; w < workers; w++) {
                    children.get(w).send(w * tasks / workers, (w + 1) * tasks / workers, steps);
                }
                long checksum = 0;
                for (int w = 0; w < workers; w++) {
                    shares[w] = children.get(w).receive();
                    checksum ^= shares[w][2];
                }
                long first = Arrays.stream(shares).mapToLong(s -> s[0]).min().orElseThrow();
                long last = Arrays.stream(shares).mapToLong(s -> s[1]).max().orElseThrow();
                double inProcesses = (last - first) / 1e9;

                agree &= sequential == expected && pooled == expected && single[2] == expected && checksum == expected;
                measured.add(new Round(oneThread, inPool, oneProcess, inProcesses));
            }
            return new Result(workers, tasks, measured, agree);
        } finally {
            for (Child child : children) {
                child.close();
            }
        }
    }

    static long runHere(int from, int to, long steps) {
        long checksum = 0;
        for (int task = from; task < to; task++) {
            checksum ^= CpuWork.xorshift(task, steps);
        }
        return checksum;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** A child JVM that runs shares of the work when told to. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        private Child(Process process) {
            this.process = process;
            this.in = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Child start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    PoolScaling.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new Child(process);
        }

        long[] run(int from, int to, long steps) throws IOException {
            send(from, to, steps);
            return receive();
        }

        void send(int from, int to, long steps) {
            in.println(from + " " + to + " " + steps);
        }

        long[] receive() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("a child JVM of the scaling benchmark exited early, code "
                        + (process.isAlive() ? "unknown" : process.exitValue()));
            }
            return Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
        }

        @Override
        public void close() throws InterruptedException {
            in.close();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The child's side: reads {@code from to steps} lines, runs those tasks, answers
     * {@code start end checksum}.
     */
    public static void main(String[] args) throws IOException {
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            String[] parts = line.trim().split(" ");
            int from = Integer.parseInt(parts[0]);
            int to = Integer.parseInt(parts[1]);
            long steps = Long.parseLong(parts[2]);
            long start = System.nanoTime();
            long checksum = runHere(from, to, steps);
            long end = System.nanoTime();
            System.out.println(start + " " + end + " " + checksum);
            System.out.flush();
        }
    }
}
