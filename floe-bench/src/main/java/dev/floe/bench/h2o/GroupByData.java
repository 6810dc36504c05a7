package dev.floe.bench.h2o;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The data of the h2o db-benchmark's group-by questions, as its generator makes it: {@code id1},
 * {@code id2} strings {@code id001}... (K values), {@code id3} strings {@code id0000000001}... (N/K
 * values), {@code id4}, {@code id5} integers 1..K, {@code id6} 1..N/K, {@code v1} 1..5, {@code
 * v2} 1..15, {@code v3} uniform on 0..100 rounded to 6 decimals; each column sampled uniformly
 * with replacement, each value null with probability NA%, rows sorted by the ids when asked.
 * Deterministic for a seed (each column draws from a stream of its own).
 */
public final class GroupByData {
    private GroupByData() {}

    /** The benchmark's file name: {@code G1_1e7_1e2_0_0}. */
    public static String name(long rows, int k, int naPercent, boolean sorted) {
        return "G1_" + compact(rows) + "_" + compact(k) + "_" + naPercent + "_" + (sorted ? 1 : 0);
    }

    /** {@code 10000000} as {@code 1e7}, other numbers as they are. */
    static String compact(long n) {
        int exponent = 0;
        long rest = n;
        while (rest >= 10 && rest % 10 == 0) {
            rest /= 10;
            exponent++;
        }
        return rest == 1 && exponent > 0 ? "1e" + exponent : Long.toString(n);
    }

    public static DataFrame generate(int rows, int k, int naPercent, boolean sorted, long seed) {
        int manyGroups = Math.max(1, rows / k);
        List<Series> columns = new ArrayList<>();
        columns.add(Series.of("id1", Column.of(ids(rows, k, "id%03d", naPercent, seed + 1))));
        columns.add(Series.of("id2", Column.of(ids(rows, k, "id%03d", naPercent, seed + 2))));
        columns.add(Series.of("id3", Column.of(ids(rows, manyGroups, "id%010d", naPercent, seed + 3))));
        columns.add(Series.of("id4", Column.of(integers(rows, k, naPercent, seed + 4))));
        columns.add(Series.of("id5", Column.of(integers(rows, k, naPercent, seed + 5))));
        columns.add(Series.of("id6", Column.of(integers(rows, manyGroups, naPercent, seed + 6))));
        columns.add(Series.of("v1", Column.of(integers(rows, 5, naPercent, seed + 7))));
        columns.add(Series.of("v2", Column.of(integers(rows, 15, naPercent, seed + 8))));
        columns.add(Series.of("v3", Column.of(reals(rows, naPercent, seed + 9))));
        DataFrame frame = DataFrame.of(columns);
        return sorted ? frame.sort("id1", "id2", "id3", "id4", "id5", "id6") : frame;
    }

    /**
     * The CSV file of this data in {@code folder} (seed 42, as the benchmarks use it), generated
     * first, with a line to {@code out}, where it is missing.
     */
    public static Path ensure(Path folder, int rows, int k, int naPercent, boolean sorted, java.io.PrintWriter out)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(folder);
        Path path = folder.resolve(name(rows, k, naPercent, sorted) + ".csv");
        if (!java.nio.file.Files.exists(path)) {
            out.println("generating " + path + " ...");
            out.flush();
            write(folder, rows, k, naPercent, sorted, 42);
        }
        return path;
    }

    /** Generates the data and writes it as CSV. */
    public static Path write(Path folder, int rows, int k, int naPercent, boolean sorted, long seed) {
        Path path = folder.resolve(name(rows, k, naPercent, sorted) + ".csv");
        generate(rows, k, naPercent, sorted, seed).writeCsv(path);
        return path;
    }

    private static Vector ids(int rows, int distinct, String format, int naPercent, long seed) {
        Dictionary.Builder dictionary = new Dictionary.Builder();
        for (int i = 1; i <= distinct; i++) {
            dictionary.codeOf(String.format(Locale.ROOT, format, i));
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            codes[i] = random.nextInt(distinct);
        }
        return new CategoricalVector(codes, 0, rows, nulls(rows, naPercent, seed), dictionary.build());
    }

    private static Vector integers(int rows, int max, int naPercent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] values = new int[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = 1 + random.nextInt(max);
        }
        return new IntVector(DataType.INT32, values, 0, rows, nulls(rows, naPercent, seed));
    }

    /** Uniform on 0..100, rounded to 6 decimals. */
    static Vector reals(int rows, int naPercent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = Math.round(random.nextDouble() * 100 * 1e6) / 1e6;
        }
        return new DoubleVector(DataType.FLOAT64, values, 0, rows, nulls(rows, naPercent, seed));
    }

    /** Each value null with probability {@code naPercent}%, or no validity at 0. */
    static Validity nulls(int rows, int naPercent, long seed) {
        if (naPercent <= 0) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long[] bits = new long[(rows + 63) >>> 6];
        for (int i = 0; i < rows; i++) {
            if (random.nextInt(100) >= naPercent) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Validity.of(bits, rows);
    }
}
