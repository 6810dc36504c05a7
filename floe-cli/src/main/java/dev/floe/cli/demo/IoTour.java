package dev.floe.cli.demo;

import static dev.floe.frame.expr.Exprs.col;

import dev.floe.cli.Table;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.pool.Pool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code floe demo io}: the lecture's "read a file ten times, one after another and in
 * parallel", then a frame's round trip through CSV, Parquet and Arrow IPC, and a lazy scan that
 * reads only what its query needs.
 */
final class IoTour extends Tour {
    private final int rows;

    IoTour(PrintWriter out, boolean quick) {
        super(out, quick);
        this.rows = quick ? 20_000 : 1_000_000;
    }

    @Override
    boolean run() {
        title("Floe tour: reading and writing files");
        Path folder;
        try {
            folder = Files.createTempDirectory("floe-demo-io");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DataFrame frame = sample();
            Path csv = folder.resolve("weather.csv");
            frame.writeCsv(csv);
            boolean agreed = tenReads(csv);
            agreed &= roundTrip(frame, folder);
            agreed &= scan(frame, folder.resolve("weather.parquet"));
            return agreed;
        } finally {
            delete(folder);
        }
    }

    /** Readings of a few cities: ids, a categorical, floats with nulls, dates, text that needs quoting. */
    private DataFrame sample() {
        SplittableRandom random = new SplittableRandom(7);
        String[] cities = {"Oslo", "Rome", "Lima", "Kyiv", "Pune", "Quito"};
        long[] id = new long[rows];
        List<Object> city = new ArrayList<>(rows);
        List<Object> temp = new ArrayList<>(rows);
        List<Object> day = new ArrayList<>(rows);
        List<Object> remark = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            id[i] = i;
            city.add(cities[random.nextInt(cities.length)]);
            temp.add(random.nextInt(20) == 0 ? null : Math.round(random.nextGaussian() * 100) / 10.0 + 12);
            day.add(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)));
            remark.add(switch (random.nextInt(4)) {
                case 0 -> "clear";
                case 1 -> "rain, then sun";
                case 2 -> "\"storm\" warning";
                default -> null;
            });
        }
        return DataFrame.of(Series.of("id", id), Series.of("city", DataType.CATEGORICAL, city),
                Series.of("temp", DataType.FLOAT64, temp), Series.of("day", DataType.DATE, day),
                Series.of("remark", DataType.UTF8, remark));
    }

    private boolean tenReads(Path csv) {
        heading(String.format(Locale.ROOT, "Read a %,d-row CSV file (%s) ten times", rows, size(csv)));
        CsvOptions oneThread = CsvOptions.defaults().withThreads(1);
        List<Path> tenTimes = Collections.nCopies(10, csv);
        double sequential = time(() -> tenTimes.forEach(path -> Floe.readCsv(path, oneThread)), 1);
        double pooled;
        try (Pool pool = Pool.threads()) {
            pooled = time(() -> pool.map(path -> Floe.readCsv(path, oneThread).height(), tenTimes), 1);
        }
        double floeParallel = time(() -> tenTimes.forEach(path -> Floe.readCsv(path)), 1);
        Table table = new Table("variant", "time", "speed-up");
        table.row("one after another, one thread each", seconds(sequential), ratio(1));
        table.row("pool.map over the ten files, one thread each", seconds(pooled), ratio(sequential / pooled));
        table.row("one after another, each read split over every core", seconds(floeParallel),
                ratio(sequential / floeParallel));
        out.print(table);
        note("Floe.readCsv cuts one file into byte ranges and parses them on all cores; a Pool does the same for many files.");
        boolean agrees = Floe.readCsv(csv, oneThread).equals(Floe.readCsv(csv));
        note(agrees ? "Every way gives the same frame." : "THE READS DISAGREE.");
        return agrees;
    }

    private boolean roundTrip(DataFrame frame, Path folder) {
        heading("The same frame through CSV, Parquet and Arrow IPC");
        Path csv = folder.resolve("weather.csv");
        Path parquet = folder.resolve("weather.parquet");
        Path arrow = folder.resolve("weather.arrow");
        DataFrame[] holder = new DataFrame[1];
        Table table = new Table("step", "time", "file");
        CsvOptions typed = CsvOptions.defaults().withType("city", DataType.CATEGORICAL);
        table.row("read CSV (city as categorical)", seconds(time(() -> holder[0] = Floe.readCsv(csv, typed), 1)),
                size(csv));
        DataFrame fromCsv = holder[0];
        table.row("write Parquet (Snappy)", seconds(time(() -> fromCsv.writeParquet(parquet), 1)), size(parquet));
        table.row("read Parquet", seconds(time(() -> holder[0] = Floe.readParquet(parquet.toString()), 1)), "");
        DataFrame fromParquet = holder[0];
        table.row("write Arrow IPC", seconds(time(() -> fromParquet.writeArrow(arrow), 1)), size(arrow));
        table.row("read Arrow IPC", seconds(time(() -> holder[0] = Floe.readArrow(arrow.toString()), 1)), "");
        out.print(table);
        boolean agrees = fromCsv.equals(frame) && fromParquet.equals(frame) && holder[0].equals(frame);
        note(agrees ? "After CSV, Parquet and Arrow the frame is the one we started with, value for value."
                : "THE ROUND TRIP CHANGED THE FRAME.");
        return agrees;
    }

    private boolean scan(DataFrame frame, Path parquet) {
        heading("A lazy scan reads only what the query needs");
        LazyFrame query = Floe.scanParquet(parquet.toString())
                .filter(col("city").eq("Oslo").and(col("temp").gt(20)))
                .groupBy("day").agg(col("temp").max())
                .sort("day");
        out.print(query.explain());
        DataFrame result = query.collect();
        out.println(result.head(3));
        boolean agrees = result.equals(frame.lazy().filter(col("city").eq("Oslo").and(col("temp").gt(20)))
                .groupBy("day").agg(col("temp").max()).sort("day").collect());
        note("Only the city, temp and day columns are decoded; the filter runs as row groups are read.");
        note(agrees ? "The scan agrees with the same query on the frame in memory." : "THE SCAN DISAGREES.");
        return agrees;
    }

    private static String size(Path file) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
