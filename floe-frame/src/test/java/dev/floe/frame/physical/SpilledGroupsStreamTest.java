package dev.floe.frame.physical;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.FileSink;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.QueryHandle;
import dev.floe.frame.Session;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spilled group-by whose result is larger than the heap: its groups come back from disk as the
 * sink reads them, so the query completes in a JVM whose heap could not hold the result, and the
 * file has the groups in order of first appearance.
 */
@Tag("own-configuration")
class SpilledGroupsStreamTest {
    /** Rows of the input; the keys repeat after {@link #KEYS} rows, so most groups have one row. */
    private static final int ROWS = 2_000_000;
    private static final int KEYS = 1_600_000;
    /**
     * The child's heap: the result's key, six aggregates and first row take about 115 MB, held
     * about twice over to be put in order when the result is built in memory.
     */
    private static final String HEAP = "-Xmx96m";

    @TempDir
    Path temp;

    @Test
    void aGroupByResultLargerThanTheHeapStreamsFromItsSpilledRunsInOrderOfFirstAppearance() throws Exception {
        Path csv = temp.resolve("rows.csv");
        Map<Long, long[]> expected = new LinkedHashMap<>();
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("k,v\n");
            for (int i = 0; i < ROWS; i++) {
                long key = (i * 7_919L) % KEYS * 3;
                long value = i % 1_000 - 300;
                out.write(key + "," + value + "\n");
                long[] group = expected.computeIfAbsent(key, k -> new long[] {0, 0, value, value, value, 0});
                group[0] += value;
                group[1]++;
                group[2] = Math.min(group[2], value);
                group[3] = Math.max(group[3], value);
                group[5] = value; // the last
            }
        }
        Path answer = temp.resolve("answer.csv");
        Path spill = Files.createDirectory(temp.resolve("spill"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, HEAP, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                csv.toString(), answer.toString(), spill.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).as("the child's report").contains("rows " + expected.size());
        long spilled = Long.parseLong(output.replaceAll("(?s).*spilled (\\d+).*", "$1"));
        assertThat(spilled).as("bytes spilled").isPositive();
        try (var left = Files.list(spill)) {
            assertThat(left.toList()).as("temporary files left").isEmpty();
        }

        DataFrame got = Floe.readCsv(answer);
        assertThat(got.height()).isEqualTo(expected.size());
        List<Long> keys = new ArrayList<>();
        List<List<Long>> aggregates = new ArrayList<>();
        for (int a = 0; a < 6; a++) {
            aggregates.add(new ArrayList<>());
        }
        for (Map.Entry<Long, long[]> group : expected.entrySet()) {
            keys.add(group.getKey());
            for (int a = 0; a < 6; a++) {
                aggregates.get(a).add(group.getValue()[a]);
            }
        }
        assertThat(got.column("k").toList()).isEqualTo(keys);
        String[] names = {"sv", "n", "lo", "hi", "fv", "lv"};
        for (int a = 0; a < 6; a++) {
            assertThat(got.column(names[a]).toList()).as(names[a]).isEqualTo(aggregates.get(a));
        }
    }

    /** Groups the file's rows by key under a small memory limit and writes the groups to a CSV file. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            // small ranges of the file, so that the batches the group-by takes are small beside its result
            LazyFrame query = Floe.scanCsv(args[0], dev.floe.frame.io.csv.CsvOptions.defaults().withChunkBytes(256 << 10))
                    .groupBy("k")
                    .agg(col("v").sum().alias("sv"), dev.floe.frame.expr.Exprs.len().alias("n"),
                            col("v").min().alias("lo"), col("v").max().alias("hi"), col("v").first().alias("fv"),
                            col("v").last().alias("lv"));
            try (Session session = Session.create().threads(2).morselRows(16_384).memoryLimit("8m")
                    .tempDirectory(Path.of(args[2]))) {
                QueryHandle<Long> running = session.submitSink(query.plan(),
                        new FileSink(Path.of(args[1]), "csv", Map.of(), true));
                long rows = running.get();
                System.out.println("rows " + rows + ", spilled " + running.spilledBytes());
            }
        }
    }
}
