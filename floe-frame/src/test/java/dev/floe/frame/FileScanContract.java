package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.len;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.FileSource;
import dev.floe.frame.io.ScanDescriptor;
import dev.floe.frame.plan.FileScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every file format's scans must do: random plans (filters, projections, limits,
 * aggregations, sorts) over random data written to files of the format (one file, several, or
 * hive partitions in {@code key=value} directories) give exactly what the same plans give over
 * the same rows in memory, at one and three threads, with tiny and default morsels. So the
 * projection, filter and limit pushed into the scans are checked, with the splitting of files
 * into parts read in parallel. Each format's test extends this with how it writes and scans.
 */
@org.junit.jupiter.api.Tag("own-configuration")
public abstract class FileScanContract {
    private static final List<ExecutionConfig> CONFIGS = List.of(new ExecutionConfig(1, 7), new ExecutionConfig(3, 7),
            new ExecutionConfig(1, ExecutionConfig.DEFAULT_MORSEL_ROWS),
            new ExecutionConfig(3, ExecutionConfig.DEFAULT_MORSEL_ROWS));

    @TempDir
    protected Path dir;

    /** The file extension, with its dot. */
    protected abstract String extension();

    /** Writes one file of the format. */
    protected abstract void write(DataFrame frame, Path file);

    /** A lazy scan of the files a path names (a directory or a glob), with the files' columns given as {@code schema}. */
    protected abstract LazyFrame scan(String path, Schema schema);

    /** Columns the format does not keep as they are, left out of the data. */
    protected List<String> unsupported() {
        return List.of();
    }

    /**
     * The rows as the format stores them, where that differs from what was written (JSON has
     * no NaN, and writes null); as they are by default.
     */
    protected DataFrame stored(DataFrame frame) {
        return frame;
    }

    /** How many random cases the test runs. */
    protected int cases() {
        return 60;
    }

    @Test
    public void plansOverFilesGiveWhatTheSamePlansGiveOverTheRowsInMemory() throws IOException {
        for (long seed = 1; seed <= cases(); seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = data(random, random.nextInt(0, 90));
            Path root = Files.createDirectory(dir.resolve("case" + seed));
            boolean partitioned = random.nextInt(3) == 0;
            DataFrame reference = partitioned ? writePartitioned(frame, root, random) : writeFiles(frame, root, random);
            String path = random.nextBoolean() ? root.toString() : root + "/**/*" + extension();
            LazyFrame files = scan(path, frame.schema());
            assertThat(files.schema()).as("seed %d", seed).isEqualTo(reference.schema());
            // the scan as plain values, through serialization, opens the same data again
            FileSource source = ((FileScan) files.plan()).source();
            ScanDescriptor descriptor = serializedAndBack(source.descriptor());
            assertThat(descriptor).isEqualTo(source.descriptor());
            LazyFrame reopened = Floe.scan(FileFormat.named(descriptor.format()).open(descriptor));
            assertThat(reopened.schema()).as("seed %d", seed).isEqualTo(reference.schema());
            assertThat(rows(reopened.collect())).as("seed %d, reopened", seed).isEqualTo(rows(reference));
            for (int round = 0; round < 3; round++) {
                Plan plan = randomPlan(random, partitioned);
                LazyFrame overFiles = plan.apply(files);
                LazyFrame overMemory = plan.apply(reference.lazy());
                for (ExecutionConfig config : CONFIGS) {
                    String what = "seed " + seed + ", round " + round + ", " + config + "\n" + overFiles.explain();
                    DataFrame expected;
                    try {
                        expected = overMemory.collect(config);
                    } catch (OutOfRangeException overflow) {
                        // integer arithmetic that leaves its type fails over the files too
                        assertThatThrownBy(() -> overFiles.collect(config)).as(what)
                                .isInstanceOf(OutOfRangeException.class);
                        continue;
                    }
                    DataFrame actual = overFiles.collect(config);
                    assertThat(actual.schema()).as(what).isEqualTo(expected.schema());
                    assertThat(rows(actual)).as(what).isEqualTo(rows(expected));
                }
            }
        }
    }

    /** A random frame of every supported kind of column, with text that quoting must carry (delimiters, quotes, line breaks). */
    private DataFrame data(SplittableRandom random, int rows) {
        DataFrame frame = ExprPropertyTest.randomFrame(random, rows);
        String[] tricky = {"plain", "with,comma", "with \"quotes\"", "two\nlines", "", "\r\nfirst", " spaced "};
        List<Object> q = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            q.add(random.nextInt(8) == 0 ? null : tricky[random.nextInt(tricky.length)]);
        }
        List<Series> columns = new ArrayList<>();
        for (Series series : frame.series()) {
            if (!unsupported().contains(series.name())) {
                columns.add(series);
            }
        }
        columns.add(Series.of("q", DataType.UTF8, q));
        return stored(DataFrame.of(columns));
    }

    /** The frame cut into one to four files of consecutive rows; the rows in the files' path order. */
    private DataFrame writeFiles(DataFrame frame, Path root, SplittableRandom random) {
        int files = random.nextInt(1, 5);
        int start = 0;
        for (int f = 0; f < files; f++) {
            int end = f == files - 1 ? frame.height() : random.nextInt(start, frame.height() + 1);
            write(frame.slice(start, end - start), root.resolve("part-" + f + extension()));
            start = end;
        }
        return frame;
    }

    /**
     * The rows spread over partitions {@code p=0}, {@code p=1}, {@code p=2} and the null
     * partition, one or two files each; the reference is the rows in the files' path order,
     * with {@code p} last.
     */
    private DataFrame writePartitioned(DataFrame frame, Path root, SplittableRandom random) {
        Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
        List<String> names = List.of("0", "1", "2", "__HIVE_DEFAULT_PARTITION__");
        for (String name : names) {
            rowsOf.put(name, new ArrayList<>());
        }
        for (int row = 0; row < frame.height(); row++) {
            rowsOf.get(names.get(random.nextInt(random.nextInt(5) == 0 ? 4 : 3))).add(row);
        }
        if (frame.height() == 0) {
            try {
                Files.createDirectories(root.resolve("p=0"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            write(frame, root.resolve("p=0").resolve("part-0" + extension()));
            return frame.withColumns(dev.floe.frame.expr.Exprs.lit(null).cast(DataType.INT64).alias("p"));
        }
        List<DataFrame> ordered = new ArrayList<>();
        for (String name : names) {
            List<Integer> rows = rowsOf.get(name);
            if (rows.isEmpty()) {
                continue;
            }
            DataFrame part = take(frame, rows);
            Path folder = root.resolve("p=" + name);
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int split = random.nextInt(0, part.height() + 1);
            write(part.slice(0, split), folder.resolve("part-0" + extension()));
            write(part.slice(split, part.height() - split), folder.resolve("part-1" + extension()));
            Long value = name.startsWith("__") ? null : Long.parseLong(name);
            ordered.add(part.withColumns(dev.floe.frame.expr.Exprs.lit(value).cast(DataType.INT64).alias("p")));
        }
        return DataFrame.concat(ordered);
    }

    private static DataFrame take(DataFrame frame, List<Integer> rows) {
        return frame.withRowIndex("__row").filter(col("__row").isIn(rows.stream().map(Integer::longValue).toArray()))
                .drop("__row");
    }

    /** Steps applied the same way to the scan and to the frame. */
    private interface Plan {
        LazyFrame apply(LazyFrame input);
    }

    private static Plan randomPlan(SplittableRandom random, boolean partitioned) {
        Expr predicate = ExprPropertyTest.bool(random, 2);
        if (partitioned && random.nextBoolean()) {
            predicate = random.nextBoolean() ? col("p").le(random.nextInt(0, 3)).and(predicate)
                    : col("p").isNull().or(col("p").eq(1).and(col("a").gt(0)));
        }
        Expr filter = predicate;
        long limit = random.nextInt(0, 40);
        int shape = random.nextInt(7);
        Expr computed = ExprPropertyTest.numeric(random, 2).alias("n");
        return input -> switch (shape) {
            case 0 -> input.filter(filter);
            case 1 -> input.filter(filter).select(col("q"), col("a"), computed).head(limit);
            case 2 -> input.head(limit);
            case 3 -> input.filter(filter).groupBy("k").agg(col("a").sum().alias("sa"), len().alias("count"),
                    col("q").first().alias("fq"));
            case 4 -> input.select(col("s"), col("c"), computed).filter(col("n").isNotNull()).sort("s", "c");
            case 5 -> input.withColumns(computed).filter(filter).select(col("n"), col("q"));
            // a top-k (the optimizer fuses the sort and the limit): ties keep input order
            default -> input.withColumns(computed).sort(dev.floe.frame.plan.SortKey.desc("t"),
                    dev.floe.frame.plan.SortKey.asc("n").nullsLast()).head(limit);
        };
    }

    private static ScanDescriptor serializedAndBack(ScanDescriptor descriptor) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(descriptor);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (ScanDescriptor) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("the descriptor does not cross serialization: " + e, e);
        }
    }

    private static List<List<Object>> rows(DataFrame frame) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : frame) {
            List<Object> values = new ArrayList<>();
            for (Object value : row.toList()) {
                values.add(value instanceof Double d && d.isNaN() ? "NaN" : value instanceof Float f && f.isNaN() ? "NaN"
                        : value);
            }
            rows.add(values);
        }
        return rows;
    }
}
