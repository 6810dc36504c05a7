package dev.floe.cli.docs;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.pool.Pool;
import dev.floe.pool.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What the Java examples of the README and docs/ take as given: the names they use without
 * defining them (a frame {@code df}, rows of numbers, a {@code work()} to time), so that each
 * example compiles as written and those marked to run do. A generated class per example extends
 * this and holds the example as the body of {@link #run()}.
 */
public abstract class DocContext {
    /** The example itself. */
    public abstract void run() throws Exception;

    // ---- the data the examples name -----------------------------------------------------------

    /** The h2o group-by columns (id1..id6, v1..v3), a few rows: what the docs' {@code df} holds. */
    public DataFrame df = h2o();
    public LazyFrame lf = df.lazy();
    public DataFrame a = df.head(3);
    public DataFrame b = df.tail(3);
    public DataFrame x = df;
    public DataFrame small = df.select("id1").unique();
    public DataFrame medium = df.select("id2").unique().rename("id2", "key");
    public DataFrame trades = DataFrame.of(Series.of("sym", "a", "b", "a"), Series.of("qty", 5L, 7L, 12L));
    public DataFrame people = DataFrame.of(Series.of("id", 1L, 2L), Series.of("name", "ann", "bo"));
    public DataFrame scores = DataFrame.of(Series.of("id", 1L, 3L), Series.of("score", 0.5, 0.25));
    public DataFrame colors = DataFrame.of(Series.of("color", "red", "blue"));
    public DataFrame lists = DataFrame.of(Series.of("v1", DataType.LIST_INT64, List.of(List.of(1L, 2L), List.of())),
            Series.of("a", DataType.LIST_INT64, List.of(List.of(1L), List.of(2L))),
            Series.of("b", DataType.LIST_UTF8, List.of(List.of("x"), List.of("y"))));
    public List<int[]> rows = List.of(new int[] {4, 1, 4}, new int[] {2, 2}, new int[] {4});
    public List<Double> xs = List.of(0.0, 1.0, 4.0);
    public List<String> urls = List.of("a", "b");
    public List<Integer> inputs = List.of(1, 2, 3);
    public List<Path> paths = List.of(Path.of("a.csv"));
    public List<Player> players = List.of(new Player("ann", 31, 0.5), new Player("bo", 27, 0.25));
    public List<Callable<String>> fetches = List.of(() -> "page");
    public Path path = Path.of("out.parquet");
    public Pool.Fn<int[], Integer> fn = row -> row.length;
    /** A pool for the examples that only compile (those that run make their own). */
    public Pool pool;
    public Progress.Tracker myTracker = Progress.none().start("x", 0);

    public record Player(String name, int age, double score) {}

    static DataFrame h2o() {
        return DataFrame.of(
                Series.of("id1", "id001", "id002", "id001", "id003"), Series.of("id2", "id042", "id042", "id007", "id007"),
                Series.of("id3", "id0000000001", "id0000000002", "id0000000003", "id0000000004"),
                Series.of("id4", 1L, 2L, 1L, 3L), Series.of("id5", 5L, 6L, 5L, 6L), Series.of("id6", 7L, 8L, 9L, 7L),
                Series.of("v1", 3L, 1L, 5L, 2L), Series.of("v2", 9L, 8L, 7L, 6L), Series.of("v3", 36.5, 31.25, 12.0, 4.5));
    }

    // ---- the functions the examples call ------------------------------------------------------

    public static int countOf(int[] row, int value) {
        int count = 0;
        for (int cell : row) {
            count += cell == value ? 1 : 0;
        }
        return count;
    }

    public static int slowWork(int[] row) {
        return row.length;
    }

    public static String fetch(String url) {
        return url;
    }

    public static int risky(int input) {
        return input;
    }

    public static long work() {
        long sum = 0;
        for (int i = 0; i < 1_000; i++) {
            sum += i;
        }
        return sum;
    }

    public static double sumOfSquares(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value * value;
        }
        return sum;
    }

    public static List<String> parse(Path path) {
        return new ArrayList<>(List.of(path.toString()));
    }

    public static void loadNativeLibrary() {
        // what a worker initializer would do once
    }
}
