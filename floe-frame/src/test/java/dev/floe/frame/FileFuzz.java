package dev.floe.frame;

import dev.floe.FloeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A seeded fuzz run over one file format: byte flips and truncations of a small valid file, each
 * read with a time limit. Every case must end in one of the {@link Outcome}s; any other exception
 * type, a {@code FloeException} that does not name the file, a frame whose values cannot all be
 * read, or a read that outlasts its time limit fails the run, naming the seed and the case.
 *
 * <p>{@code -Dfloe.fuzz.cases=N} sets the cases per format (default 200), {@code -Dfloe.fuzz.seed=S}
 * the seed (default 16); each case's mutation comes from the seed and its number alone, so a
 * failing case reproduces with the same two values.
 */
public final class FileFuzz {
    /** How a case ended. */
    public enum Outcome {
        /** The mutated file read as the original did. */
        EXACT,
        /** A {@code FloeException} naming the file. */
        REFUSED,
        /** A frame with other values (or names), every value readable: a change the format cannot detect. */
        CHANGED
    }

    private FileFuzz() {}

    public static int cases() {
        return Integer.getInteger("floe.fuzz.cases", 200);
    }

    public static long seed() {
        return Long.getLong("floe.fuzz.seed", 16);
    }

    /**
     * Runs the cases over {@code original} and returns how many ended each way.
     *
     * @param read reads a file of the format whole
     */
    public static Map<Outcome, Integer> run(String format, byte[] original, Path folder, String suffix,
            Function<Path, DataFrame> read) {
        DataFrame expected = read.apply(write(folder.resolve("original" + suffix), original));
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        int cases = cases();
        long seed = seed();
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fuzz-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int c = 0; c < cases; c++) {
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
                StringBuilder mutation = new StringBuilder();
                byte[] bytes = mutate(original, random, mutation);
                Path path = write(folder.resolve("case" + c + suffix), bytes);
                String name = format + " fuzz case " + c + " of seed " + seed + " (" + mutation + ")";
                Future<DataFrame> result = reader.submit(() -> readAll(read.apply(path)));
                Outcome outcome;
                try {
                    DataFrame frame = result.get(20, TimeUnit.SECONDS);
                    outcome = frame.equals(expected) ? Outcome.EXACT : Outcome.CHANGED;
                } catch (TimeoutException e) {
                    result.cancel(true);
                    throw new AssertionError(name + ": the read did not end within 20 s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(name + ": interrupted");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof FloeException floe)) {
                        throw new AssertionError(name + ": " + cause.getClass().getName() + " escaped, not a "
                                + "FloeException", cause);
                    }
                    if (floe.getMessage() == null || !floe.getMessage().contains(path.toString())) {
                        throw new AssertionError(name + ": the error does not name the file: " + floe.getMessage(),
                                floe);
                    }
                    outcome = Outcome.REFUSED;
                }
                counts.merge(outcome, 1, Integer::sum);
                delete(path);
            }
        } finally {
            reader.shutdownNow();
        }
        System.out.println(format + " fuzz: " + cases + " cases, seed " + seed + ": " + counts);
        return counts;
    }

    /** One to four bytes flipped, or the file cut short (a third of the cases). */
    private static byte[] mutate(byte[] original, SplittableRandom random, StringBuilder mutation) {
        if (random.nextInt(3) == 0) {
            int length = random.nextInt(original.length);
            mutation.append("cut to ").append(length).append(" bytes");
            return Arrays.copyOf(original, length);
        }
        byte[] bytes = original.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.length);
            int mask = 1 + random.nextInt(255);
            bytes[at] ^= (byte) mask;
            mutation.append(i == 0 ? "" : ", ").append("byte ").append(at).append(" ^= ").append(mask);
        }
        return bytes;
    }

    /** Reads every value of the frame (its text too), so that a frame that cannot be read fails here. */
    private static DataFrame readAll(DataFrame frame) {
        for (int r = 0; r < frame.height(); r++) {
            for (String column : frame.columns()) {
                Object value = frame.get(r, column);
                if (value != null) {
                    value.toString();
                }
            }
        }
        frame.toString();
        return frame;
    }

    private static Path write(Path path, byte[] bytes) {
        try {
            return Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
