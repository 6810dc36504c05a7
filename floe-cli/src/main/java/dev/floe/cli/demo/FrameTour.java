package dev.floe.cli.demo;

import static dev.floe.frame.expr.Exprs.col;

import dev.floe.cli.Table;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.expr.Expr;
import dev.floe.pool.Pool;
import dev.floe.pool.Timeit;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * {@code floe demo frame}: the lecture's pandas section in Floe: applying a function per row, per
 * column, and to a frame split over the cores, next to the expressions that do the same work;
 * then the big example, a wide random frame binned and grouped, eager and lazy.
 */
final class FrameTour extends Tour {
    private static final long SEED = 42;
    private final int rows;
    private final int columns;

    /** Whether the big example was made smaller than asked, to fit the heap. */
    private final boolean sizedToHeap;

    /**
     * The rows of a {@code columns}-wide frame of doubles that fit the heap with room to work: the
     * frame takes at most a quarter of it (the binned columns, the grouping and the results take
     * their share), and no more than {@code wanted} rows.
     */
    static int rowsFitting(int wanted, int columns, long maxHeap) {
        long fitting = maxHeap / 4 / (8L * columns);
        return (int) Math.max(1_000, Math.min(wanted, fitting));
    }

    /**
     * @param fitToHeap whether to make the big example smaller than {@code rows} when the heap is
     *     too small for it (the default; not when --rows asks for a size)
     */
    FrameTour(PrintWriter out, boolean quick, int rows, int columns, boolean fitToHeap) {
        super(out, quick);
        int wanted = quick ? Math.min(rows, 20_000) : rows;
        this.columns = quick ? Math.min(columns, 12) : columns;
        int fitting = fitToHeap ? rowsFitting(wanted, this.columns, Runtime.getRuntime().maxMemory()) : wanted;
        this.sizedToHeap = fitting < wanted;
        this.rows = fitting;
    }

    @Override
    boolean run() {
        title("Floe tour: DataFrames");
        try (Pool pool = Pool.threads()) {
            boolean agreed = perRow(pool);
            agreed &= perColumn(pool);
            agreed &= split(pool);
            agreed &= reshape();
            agreed &= running();
            agreed &= bigGroupBy(pool);
            return agreed;
        }
    }

    /** Two columns of uniform random doubles. */
    private DataFrame pairs(int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] a = random.doubles(n).toArray();
        double[] b = random.doubles(n).toArray();
        return DataFrame.of(Series.of("a", Column.of(new DoubleVector(DataType.FLOAT64, a, null))),
                Series.of("b", Column.of(new DoubleVector(DataType.FLOAT64, b, null))));
    }

    private boolean perRow(Pool pool) {
        int n = quick ? 10_000 : 1_000_000;
        heading("Hypotenuse of each row of a " + String.format("%,d", n) + " x 2 frame");
        DataFrame df = pairs(n);
        double[] a = df.column("a").toDoubleArray();
        double[] b = df.column("b").toDoubleArray();
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Math.hypot(a[i], b[i]);
        }
        List<Double> mapped = df.mapRows(pool, row -> Math.hypot(row.getDouble("a"), row.getDouble("b")));
        double[] expression = df.select(col("a").pow(2).add(col("b").pow(2)).sqrt().alias("h")).column("h").toDoubleArray();
        boolean agrees = true;
        for (int i = 0; i < n; i++) {
            agrees &= Math.abs(mapped.get(i) - expected[i]) <= 1e-12 && Math.abs(expression[i] - expected[i]) <= 1e-12;
        }
        double loop = time(() -> {
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] = Math.hypot(a[i], b[i]);
            }
        }, 1);
        double rowsOnPool = time(() -> df.mapRows(pool, row -> Math.hypot(row.getDouble("a"), row.getDouble("b"))), 1);
        double columnar = time(() -> df.select(col("a").pow(2).add(col("b").pow(2)).sqrt().alias("h")), 1);
        Table table = new Table("variant", "time");
        table.row("plain loop over double[]", seconds(loop));
        table.row("df.mapRows(pool, row -> hypot(...))", seconds(rowsOnPool));
        table.row("df.select(sqrt(a**2 + b**2)), columnar", seconds(columnar));
        out.print(table);
        note("pandas' apply(axis=1) calls a function per row; a columnar expression works on whole arrays.");
        note(agrees ? "All three agree." : "RESULTS DISAGREE.");
        return agrees;
    }

    private boolean perColumn(Pool pool) {
        int n = quick ? 10_000 : 1_000_000;
        heading("Sum of squares of each column of a " + String.format("%,d", n) + " x 8 frame");
        SplittableRandom random = new SplittableRandom(SEED);
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            series.add(Series.of("c" + c, Column.of(new DoubleVector(DataType.FLOAT64, random.doubles(n).toArray(), null))));
        }
        DataFrame df = DataFrame.of(series);
        Map<String, Double> mapped = df.mapColumns(pool, column -> {
            double total = 0;
            for (double x : column.toDoubleArray()) {
                total += x * x;
            }
            return total;
        });
        List<Expr> squares = df.columns().stream().map(name -> col(name).pow(2).sum()).toList();
        DataFrame aggregated = df.select(squares);
        boolean agrees = true;
        for (String name : df.columns()) {
            double a = mapped.get(name);
            double b = (Double) aggregated.get(0, name);
            agrees &= Math.abs(a - b) <= 1e-9 * Math.abs(a);
        }
        note("df.mapColumns(pool, sumOfSquares): " + format(mapped.get("c0")) + ", " + format(mapped.get("c1")) + ", ...");
        note("df.select(col(c).pow(2).sum() ...):  " + format((Double) aggregated.get(0, "c0")) + ", "
                + format((Double) aggregated.get(0, "c1")) + ", ...");
        note(agrees ? "Both agree (within rounding of the summation order)." : "RESULTS DISAGREE.");
        return agrees;
    }

    private boolean split(Pool pool) {
        int n = quick ? 10_000 : 1_000_000;
        heading("Split the whole frame over the cores, then put it back together");
        DataFrame df = pairs(n);
        List<DataFrame> parts = df.split(pool.workers());
        List<DataFrame> done = pool.map(part -> part.withColumns(col("a").mul(col("b")).alias("ab")), parts, 1);
        DataFrame joined = DataFrame.concat(done);
        DataFrame direct = df.withColumns(col("a").mul(col("b")).alias("ab"));
        boolean agrees = joined.equals(direct);
        note("df.split(" + pool.workers() + ") -> pool.map(part.withColumns(a * b)) -> DataFrame.concat: "
                + joined.height() + " rows, " + (agrees ? "the same as one withColumns over the whole frame."
                        : "DIFFERENT from one withColumns over the whole frame."));
        note("Floe's own queries already run morsel by morsel on every core; split is for your own per-part code.");
        return agrees;
    }

    /** Long to wide with pivot; values into lists per group, and back out with explode. */
    private boolean reshape() {
        heading("Reshape: pivot, lists, explode and value counts per group");
        DataFrame sales = DataFrame.of(Series.of("city", "oslo", "rome", "oslo", "rome", "oslo"),
                Series.of("day", "mon", "mon", "tue", "tue", "tue"), Series.of("units", 3L, 5L, 4L, 1L, 2L));
        note("sales.pivot(List.of(\"city\"), \"day\", \"units\", \"sum\"):");
        out.println(sales.pivot(List.of("city"), "day", "units", "sum"));
        DataFrame lists = sales.groupBy("city").agg(col("units").list(), col("units").topK(2).alias("top2"),
                col("units").argMax().alias("best_day_index"), col("day").histogram().alias("days"));
        note("sales.groupBy(\"city\").agg(col(\"units\").list(), col(\"units\").topK(2), col(\"units\").argMax(), "
                + "col(\"day\").histogram()):");
        out.println(lists);
        DataFrame back = lists.select("city", "units").explode("units");
        boolean agrees = back.equals(sales.select("city", "units").sort("city"));
        note("lists.explode(\"units\") gives the rows back, grouped: " + (agrees ? "it does." : "IT DOES NOT."));
        java.util.Map<String, Long> oslo = new java.util.LinkedHashMap<>();
        oslo.put("mon", 1L);
        oslo.put("tue", 2L);
        boolean counted = oslo.equals(lists.filter(col("city").eq("oslo")).get(0, "days"));
        note("histogram() maps each day to its rows, as pandas' value_counts per group: oslo sold on mon once and "
                + "on tue twice: " + (counted ? "it did." : "THE COUNTS ARE WRONG."));
        agrees &= counted;
        return agrees;
    }

    /** pandas' cumsum, diff, ffill and rolling means, per group, in the rows' order. */
    private boolean running() {
        heading("Running, shifted and rolling: cumSum, diff, forwardFill, rollingMean");
        DataFrame prices = DataFrame.of(Series.of("sym", "ABC", "XYZ", "ABC", "XYZ", "ABC", "ABC"),
                Series.of("price", java.util.Arrays.asList(10.0, 20.0, null, 22.0, 13.0, 14.0)));
        note("prices.withColumns(col(\"price\").cumSum(\"sym\"), .diff(1, \"sym\"), .forwardFill(\"sym\"), "
                + ".rollingMean(2, \"sym\")):");
        DataFrame table = prices.withColumns(col("price").cumSum("sym").alias("running"),
                col("price").diff(1, "sym").alias("change"), col("price").forwardFill("sym").alias("filled"),
                col("price").rollingMean(2, "sym").alias("mean2"));
        out.println(table);
        boolean agrees = java.util.Arrays.asList(10.0, 20.0, null, 42.0, 23.0, 37.0).equals(table.column("running").toList())
                && java.util.Arrays.asList(null, null, null, 2.0, null, 1.0).equals(table.column("change").toList())
                && java.util.Arrays.asList(10.0, 20.0, 10.0, 22.0, 13.0, 14.0).equals(table.column("filled").toList())
                && java.util.Arrays.asList(null, null, null, 21.0, null, 13.5).equals(table.column("mean2").toList());
        note(agrees ? "Per symbol, in the rows' order: ABC's running sum skips its missing price (null there, as pandas "
                + "gives it), its change and two-row mean wait for two prices, and the gap is filled from 10.0: as it "
                + "should be." : "THE ANSWER IS WRONG.");
        return agrees;
    }

    /** The lecture's big example: a wide random frame, three columns cut into 20 bins, grouped, averaged. */
    private boolean bigGroupBy(Pool pool) {
        heading(String.format("A %,d x %d random frame: columns 0-2 cut into 20 bins, groupBy(0, 1, 2).mean()",
                rows, columns));
        double[] generateTime = new double[1];
        DataFrame[] holder = new DataFrame[1];
        generateTime[0] = Timeit.once(() -> holder[0] = randomFrame(pool));
        DataFrame df = holder[0];
        // as pandas writes it: each column replaced in place by its bins (df[c] = pd.cut(df[c], 20))
        List<Expr> bins = IntStream.range(0, 3).mapToObj(c -> col(String.valueOf(c)).cut(20)).toList();
        DataFrame[] eager = new DataFrame[1];
        double eagerTime = Timeit.once(() -> eager[0] = df.withColumns(bins.toArray(Expr[]::new))
                .groupBy("0", "1", "2").mean());
        DataFrame[] lazy = new DataFrame[1];
        double lazyTime = Timeit.once(() -> lazy[0] = df.lazy().withColumns(bins).groupBy("0", "1", "2").mean().collect());
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        Table table = new Table("step", "time");
        table.row("generate (on the pool, a random stream per column)", seconds(generateTime[0]));
        table.row("eager: df.withColumns(cut).groupBy(0, 1, 2).mean()", seconds(eagerTime));
        table.row("lazy: df.lazy()...collect(), one plan", seconds(lazyTime));
        out.print(table);
        note(String.format(Locale.ROOT, "frame: %s in columns; JVM heap in use now: %s", bytes(df.estimatedSize()), bytes(heap)));
        if (sizedToHeap) {
            note(String.format(Locale.ROOT, "(%,d rows, not %,d: sized to this JVM's heap of %s; give it more, "
                    + "FLOE_JAVA_OPTS=-Xmx%dg, for the full example, or choose with --rows)", rows,
                    DemoCommand.FrameSection.DEFAULT_ROWS, bytes(Runtime.getRuntime().maxMemory()),
                    (long) Math.ceil(4.0 * 8 * columns * DemoCommand.FrameSection.DEFAULT_ROWS / (1L << 30))));
        }
        note("groups: " + lazy[0].height() + " (of at most 20 x 20 x 20 = 8,000), " + lazy[0].width() + " columns");
        out.println(lazy[0].head(5));
        boolean agrees = eager[0].equals(lazy[0]) || sameWithin(eager[0], lazy[0]);
        note(agrees ? "Eager and lazy agree." : "EAGER AND LAZY DISAGREE.");
        return agrees;
    }

    private DataFrame randomFrame(Pool pool) {
        SplittableRandom root = new SplittableRandom(SEED);
        List<SplittableRandom> streams = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            streams.add(root.split());
        }
        int n = rows;
        List<double[]> data = pool.map(random -> random.doubles(n).toArray(), streams, 1);
        List<Series> series = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            series.add(Series.of(String.valueOf(c), Column.of(new DoubleVector(DataType.FLOAT64, data.get(c), null))));
        }
        return DataFrame.of(series);
    }

    /** Equal, floats within a relative 1e-9 (sums may meet in another order). */
    private static boolean sameWithin(DataFrame a, DataFrame b) {
        if (!a.schema().equals(b.schema()) || a.height() != b.height()) {
            return false;
        }
        for (int r = 0; r < a.height(); r++) {
            for (String name : a.columns()) {
                Object x = a.get(r, name);
                Object y = b.get(r, name);
                boolean same = x instanceof Double dx && y instanceof Double dy
                        ? Math.abs(dx - dy) <= 1e-9 * Math.max(1, Math.abs(dx)) : java.util.Objects.equals(x, y);
                if (!same) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String bytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
