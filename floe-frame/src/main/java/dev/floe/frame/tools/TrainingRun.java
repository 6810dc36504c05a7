package dev.floe.frame.tools;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.len;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.SortKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A short, general workload that the {@code floe} launcher runs once per build to record the
 * JVM's ahead-of-time cache (the classes loaded and linked and the methods' profiles, JDK 25), so
 * that later commands start sooner and reach full speed sooner. It touches what most queries
 * use: CSV written and read, filters and arithmetic, group-bys on text, categorical, integer and
 * many keys with the common aggregations, joins, sorts, top-k, windows and bins. Not a benchmark:
 * nothing is timed or printed.
 */
public final class TrainingRun {
    private TrainingRun() {}

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        DataFrame data = data(rows, new SplittableRandom(7));
        Path dir = Files.createTempDirectory("floe-training");
        try {
            Path csv = dir.resolve("data.csv");
            data.writeCsv(csv);
            DataFrame read = Floe.readCsv(csv.toString(), CsvOptions.defaults().withType("k1", DataType.CATEGORICAL));
            for (int round = 0; round < 2; round++) {
                queries(read.lazy());
                queries(Floe.scanCsv(csv.toString()));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void queries(LazyFrame x) {
        List<LazyFrame> queries = new ArrayList<>();
        queries.add(x.groupBy("k1").agg(col("v1").sum(), col("v3").mean()));
        queries.add(x.groupBy("k1", "k2").agg(col("v1").sum(), col("v2").max(), len().alias("n")));
        queries.add(x.groupBy("k3").agg(col("v3").sum(), col("v1").min(), col("v2").mean()));
        queries.add(x.groupBy("i1").agg(col("v3").median().alias("median"), col("v3").std().alias("std"),
                col("v1").first()));
        queries.add(x.groupBy("i2").agg(col("v3").topK(2).alias("top"),
                dev.floe.frame.expr.Exprs.corr(col("v1"), col("v2")).alias("r")));
        queries.add(x.groupBy("k1", "k2", "k3", "i1", "i2").agg(col("v3").sum(), len().alias("n")));
        queries.add(x.filter(col("v1").gt(2).and(col("k2").ne("b7"))).select(col("v3").mul(2).add(col("v2"))
                .alias("w"), col("k1")));
        queries.add(x.sort(SortKey.desc("v3"), SortKey.asc("k2")).head(10));
        queries.add(x.sort("k3", "v1"));
        queries.add(x.withColumns(col("v3").sum().over("k1").alias("total"), col("v3").cut(10).alias("bin")));
        queries.add(x.unique("k2", "i1"));
        LazyFrame small = x.groupBy("i1").agg(col("v1").sum().alias("s"));
        queries.add(x.join(small, "i1"));
        queries.add(x.join(x.groupBy("k3").agg(col("v2").max().alias("m")), List.of("k3"), List.of("k3"),
                JoinType.LEFT, "_r"));
        for (LazyFrame query : queries) {
            query.collect();
        }
    }

    /** Rows like the h2o group-by data: three text keys of 10, 100 and rows/10 values, two integer keys, three values. */
    private static DataFrame data(int rows, SplittableRandom random) {
        String[] k1 = new String[rows];
        String[] k2 = new String[rows];
        String[] k3 = new String[rows];
        long[] i1 = new long[rows];
        long[] i2 = new long[rows];
        long[] v1 = new long[rows];
        long[] v2 = new long[rows];
        double[] v3 = new double[rows];
        for (int r = 0; r < rows; r++) {
            k1[r] = "a" + random.nextInt(10);
            k2[r] = "b" + random.nextInt(100);
            k3[r] = "c" + random.nextInt(Math.max(1, rows / 10));
            i1[r] = random.nextInt(100);
            i2[r] = random.nextInt(Math.max(1, rows / 10));
            v1[r] = random.nextInt(1, 6);
            v2[r] = random.nextInt(1, 16);
            v3[r] = random.nextInt(10_000) / 100.0;
        }
        return DataFrame.of(Series.of("k1", k1), Series.of("k2", k2), Series.of("k3", k3), Series.of("i1", i1),
                Series.of("i2", i2), Series.of("v1", v1), Series.of("v2", v2), Series.of("v3", v3));
    }
}
