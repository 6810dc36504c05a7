package dev.floe.bench.h2o;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of the h2o db-benchmark's join questions, made the way its generator makes them: a
 * left table {@code x} of N rows and three right tables, {@code small} (N/1e6 rows), {@code
 * medium} (N/1e3) and {@code big} (N). Integer keys {@code id1} (N/1e6 distinct), {@code id2}
 * (N/1e3) and {@code id3} (N); string keys {@code id4..id6} = {@code "id"} + the integer key;
 * {@code x} has {@code v1}, the right tables {@code v2}, uniform on 0..100 rounded to 6 decimals.
 *
 * <p>For each key the values 1..1.1n are shuffled: 90% of them are on both sides, 10% on the
 * left only and 10% on the right only, so about nine rows in ten of {@code x} find a match. Each
 * right table holds its own key once per value (its other keys drawn with replacement); {@code
 * x} holds {@code id3} once per value and draws {@code id1}, {@code id2} with replacement. With
 * NA% above 0, {@code x}'s keys and every table's value column are null at that rate.
 * Deterministic for a seed. Tables of fewer than 10 rows are given 10.
 */
public final class JoinData {
    private JoinData() {}

    /** The four tables. */
    public record Tables(DataFrame x, DataFrame small, DataFrame medium, DataFrame big) {}

    /** The four tables' files: {@code J1_1e7_NA_0_0.csv}, {@code J1_1e7_1e1_0_0.csv}, ... */
    public record Files(Path x, Path small, Path medium, Path big) {}

    /** Rows of the small, medium and big tables for N rows of x. */
    static int[] sizes(int rows) {
        return new int[] {Math.max(10, rows / 1_000_000), Math.max(10, rows / 1_000), Math.max(10, rows)};
    }

    /** The file name of a table: the right tables by their row count, x by {@code NA}. */
    public static String name(int rows, int tableRows, int naPercent, boolean sorted) {
        return "J1_" + GroupByData.compact(rows) + "_" + (tableRows < 0 ? "NA" : GroupByData.compact(tableRows)) + "_"
                + naPercent + "_" + (sorted ? 1 : 0);
    }

    public static Files files(Path folder, int rows, int naPercent, boolean sorted) {
        int[] sizes = sizes(rows);
        return new Files(folder.resolve(name(rows, -1, naPercent, sorted) + ".csv"),
                folder.resolve(name(rows, sizes[0], naPercent, sorted) + ".csv"),
                folder.resolve(name(rows, sizes[1], naPercent, sorted) + ".csv"),
                folder.resolve(name(rows, sizes[2], naPercent, sorted) + ".csv"));
    }

    public static Tables generate(int rows, int naPercent, boolean sorted, long seed) {
        Generator generator = new Generator(rows, naPercent, sorted, seed);
        return new Tables(generator.x(), generator.small(), generator.medium(), generator.big());
    }

    /**
     * Generates the four tables and writes them as CSV, one at a time (at 1e8 rows x and big
     * are several GB each in memory).
     */
    public static Files write(Path folder, int rows, int naPercent, boolean sorted, long seed) {
        Generator generator = new Generator(rows, naPercent, sorted, seed);
        Files files = files(folder, rows, naPercent, sorted);
        generator.x().writeCsv(files.x());
        generator.small().writeCsv(files.small());
        generator.medium().writeCsv(files.medium());
        generator.big().writeCsv(files.big());
        return files;
    }

    /** The four tables, each made on demand from its own seeds (so in any order, the same tables). */
    private static final class Generator {
        private final int rows;
        private final int naPercent;
        private final boolean sorted;
        private final long seed;
        private final int[] sizes;
        private final Keys key1;
        private final Keys key2;
        private final Keys key3;

        Generator(int rows, int naPercent, boolean sorted, long seed) {
            this.rows = rows;
            this.naPercent = naPercent;
            this.sorted = sorted;
            this.seed = seed;
            this.sizes = sizes(rows);
            this.key1 = new Keys(sizes[0], seed + 1);
            this.key2 = new Keys(sizes[1], seed + 2);
            this.key3 = new Keys(sizes[2], seed + 3);
        }

        DataFrame x() {
            DataFrame x = table(List.of(key1.drawLeft(rows, seed + 11), key2.drawLeft(rows, seed + 12),
                    key3.left(seed + 13)), List.of("id1", "id2", "id3"), "v1", rows, naPercent, seed + 14);
            return sorted ? x.sort("id1", "id2", "id3") : x;
        }

        DataFrame small() {
            DataFrame small = table(List.of(key1.right(seed + 21)), List.of("id1"), "v2", sizes[0], naPercent,
                    seed + 22);
            return sorted ? small.sort("id1") : small;
        }

        DataFrame medium() {
            DataFrame medium = table(List.of(key1.drawRight(sizes[1], seed + 31), key2.right(seed + 32)),
                    List.of("id1", "id2"), "v2", sizes[1], naPercent, seed + 33);
            return sorted ? medium.sort("id1", "id2") : medium;
        }

        DataFrame big() {
            DataFrame big = table(List.of(key1.drawRight(sizes[2], seed + 41), key2.drawRight(sizes[2], seed + 42),
                    key3.right(seed + 43)), List.of("id1", "id2", "id3"), "v2", sizes[2], naPercent, seed + 44);
            return sorted ? big.sort("id1", "id2", "id3") : big;
        }
    }

    /**
     * A table of integer keys ({@code id1}...), their string twins ({@code id4}... = "id" + key)
     * and a value column. Only x has nulls in its keys (a right table's key is what it is keyed by).
     */
    private static DataFrame table(List<int[]> keys, List<String> names, String valueName, int rows, int naPercent,
            long seed) {
        boolean left = valueName.equals("v1");
        List<Series> columns = new ArrayList<>();
        List<Validity> validities = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Validity validity = left ? GroupByData.nulls(rows, naPercent, seed + 100 + k) : null;
            validities.add(validity);
            columns.add(Series.of(names.get(k), Column.of(new IntVector(DataType.INT32, keys.get(k), 0, rows, validity))));
        }
        for (int k = 0; k < keys.size(); k++) {
            columns.add(Series.of("id" + (k + 4), Column.of(strings(keys.get(k), validities.get(k)))));
        }
        columns.add(Series.of(valueName, Column.of(GroupByData.reals(rows, naPercent, seed + 99))));
        return DataFrame.of(columns);
    }

    /** "id" and the key's digits, written as bytes (no string a row). */
    private static Vector strings(int[] keys, Validity validity) {
        Utf8Vector.Builder builder = new Utf8Vector.Builder(keys.length,
                (int) Math.min(Integer.MAX_VALUE - 8, keys.length * 10L));
        byte[] text = new byte[16];
        text[0] = 'i';
        text[1] = 'd';
        for (int i = 0; i < keys.length; i++) {
            if (validity != null && validity.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int length = 2;
            int key = keys[i];
            if (key < 0) {
                text[length++] = '-';
            }
            long magnitude = Math.abs((long) key);
            int end = length + digitCount(magnitude);
            for (int at = end - 1; at >= length; at--) {
                text[at] = (byte) ('0' + magnitude % 10);
                magnitude /= 10;
            }
            builder.append(text, 0, end);
        }
        return builder.build();
    }

    private static int digitCount(long value) {
        int count = 1;
        while (value >= 10) {
            value /= 10;
            count++;
        }
        return count;
    }

    /**
     * The values of one key: 1..1.1n shuffled; the first 90% of n on both sides, then 10% of n
     * on the left only, then 10% of n on the right only.
     */
    private static final class Keys {
        private final int[] left;
        private final int[] right;

        Keys(int n, long seed) {
            int shared = (int) Math.round(n * 0.9);
            int only = n - shared;
            int[] values = new int[shared + 2 * only];
            for (int i = 0; i < values.length; i++) {
                values[i] = i + 1;
            }
            shuffle(values, new SplittableRandom(seed));
            left = new int[n];
            right = new int[n];
            System.arraycopy(values, 0, left, 0, n);
            System.arraycopy(values, 0, right, 0, shared);
            System.arraycopy(values, n, right, shared, only);
        }

        /** Each left value once, in random order. */
        int[] left(long seed) {
            int[] copy = left.clone();
            shuffle(copy, new SplittableRandom(seed));
            return copy;
        }

        /** Each right value once, in random order. */
        int[] right(long seed) {
            int[] copy = right.clone();
            shuffle(copy, new SplittableRandom(seed));
            return copy;
        }

        int[] drawLeft(int rows, long seed) {
            return draw(left, rows, seed);
        }

        int[] drawRight(int rows, long seed) {
            return draw(right, rows, seed);
        }

        private static int[] draw(int[] from, int rows, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] out = new int[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = from[random.nextInt(from.length)];
            }
            return out;
        }

        private static void shuffle(int[] values, SplittableRandom random) {
            for (int i = values.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
        }
    }
}
