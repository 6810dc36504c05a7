package dev.floe.frame.physical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spill file compresses its batches only while that pays: batches that LZ4 does not shrink to
 * half are written as they are after the first few, and every batch reads back whole.
 * The spill files of a query share one file of pages: written together and read back apart,
 * pages reused once a file is deleted, from several threads at once.
 */
@Tag("own-configuration")
class SpillFileTest {
    private static final int ROWS = 4_096;

    @TempDir
    Path temp;

    @Test
    void batchesThatDoNotCompressAreWrittenAsTheyAreAndReadBackTheSame() {
        SplittableRandom random = new SplittableRandom(1);
        List<Batch> written = new ArrayList<>();
        for (int b = 0; b < 12; b++) {
            double[] values = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                values[i] = random.nextDouble();
            }
            written.add(new Batch(List.<Vector>of(DoubleVector.of(values)), ROWS, (long) b * ROWS));
        }
        try (SpillSpace space = new SpillSpace(temp)) {
            SpillFile file = write(space, written);
            // random doubles: every block stored, 8 bytes of header each beside the raw bytes
            assertThat(file.fileBytes()).isEqualTo(file.rawBytes() + 8L * written.size());
            assertReadsBack(file, written);
        }
    }

    @Test
    void batchesThatShrinkByLessThanHalfAreWrittenAsTheyAre() {
        // small numbers in 64 bits: LZ4 shrinks them, but not to half (checked below), which on a
        // disk faster than Java's LZ4 costs more time than the space it saves
        SplittableRandom random = new SplittableRandom(5);
        List<Batch> written = new ArrayList<>();
        for (int b = 0; b < 12; b++) {
            long[] values = new long[ROWS];
            for (int i = 0; i < ROWS; i++) {
                values[i] = random.nextInt(60_000);
            }
            written.add(new Batch(List.<Vector>of(LongVector.of(values)), ROWS, (long) b * ROWS));
        }
        byte[] raw = new byte[ROWS * 8];
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                .put(((LongVector) written.get(0).column(0)).values(), 0, ROWS);
        net.jpountz.lz4.LZ4Compressor lz4 = net.jpountz.lz4.LZ4Factory.safeInstance().fastCompressor();
        int shrunk = lz4.compress(raw, 0, raw.length, new byte[lz4.maxCompressedLength(raw.length)], 0,
                lz4.maxCompressedLength(raw.length));
        assertThat((double) shrunk / raw.length).isBetween(0.5, 0.75); // shrinks, but not to half
        try (SpillSpace space = new SpillSpace(temp)) {
            SpillFile file = write(space, written);
            // the first four blocks compressed, the other eight stored with 8 bytes of header each
            assertThat(file.fileBytes()).isGreaterThan(file.rawBytes() * 2 / 3)
                    .isLessThan(file.rawBytes() + 8L * written.size());
            assertReadsBack(file, written);
        }
    }

    @Test
    void batchesThatCompressStayCompressed() {
        List<Batch> written = new ArrayList<>();
        for (int b = 0; b < 12; b++) {
            long[] values = new long[ROWS];
            for (int i = 0; i < ROWS; i++) {
                values[i] = i % 10;
            }
            written.add(new Batch(List.<Vector>of(LongVector.of(values)), ROWS, (long) b * ROWS));
        }
        try (SpillSpace space = new SpillSpace(temp)) {
            SpillFile file = write(space, written);
            assertThat(file.fileBytes()).isLessThan(file.rawBytes() / 4);
            assertReadsBack(file, written);
        }
    }

    @Test
    void aFileWhoseFirstBatchesCompressKeepsCompressingAndStoresWhatDoesNotShrink() {
        SplittableRandom random = new SplittableRandom(2);
        List<Batch> written = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            long[] values = new long[ROWS];
            for (int i = 0; i < ROWS; i++) {
                values[i] = b < SpillFile.PROBED_BATCHES ? 7 : random.nextLong();
            }
            written.add(new Batch(List.<Vector>of(LongVector.of(values)), ROWS, (long) b * ROWS));
        }
        try (SpillSpace space = new SpillSpace(temp)) {
            SpillFile file = write(space, written);
            assertReadsBack(file, written);
            assertThat(file.fileBytes()).isLessThan(file.rawBytes());
        }
    }

    @Test
    void filesWrittenTogetherShareOneFileOfPagesAndReadBackApart() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        int files = 40;
        List<List<Batch>> written = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            written.add(new ArrayList<>());
        }
        try (SpillSpace space = new SpillSpace(temp)) {
            List<SpillFile> spilled = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                spilled.add(space.newFile("part-" + f));
            }
            // batches of every size, from a few rows to several pages, to the files in turn
            for (int round = 0; round < 6; round++) {
                for (int f = 0; f < files; f++) {
                    int rows = 1 + random.nextInt(f % 5 == 0 ? 30_000 : 200);
                    Batch batch = randomBatch(random, rows, (long) round * 100_000);
                    written.get(f).add(batch);
                    spilled.get(f).write(batch);
                }
            }
            long bytes = 0;
            for (SpillFile file : spilled) {
                file.finishWriting();
                bytes += file.fileBytes();
            }
            try (var entries = Files.list(space.pagesFile().getParent())) {
                assertThat(entries).containsExactly(space.pagesFile());
            }
            // every file but its last page takes whole pages; the last pages are partly written
            assertThat(Files.size(space.pagesFile())).isLessThanOrEqualTo(bytes + (long) files * SpillSpace.PAGE);
            for (int f = files - 1; f >= 0; f--) {
                assertReadsBack(spilled.get(f), written.get(f));
                assertReadsBack(spilled.get(f), written.get(f)); // as often as needed
            }
        }
    }

    @Test
    void theCurrentPagesOfADeletedFileAreWrittenAgainByTheNext() throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        try (SpillSpace space = new SpillSpace(temp)) {
            SpillFile kept = space.newFile("kept");
            List<Batch> keptBatches = List.of(randomBatch(random, 20_000, 0));
            kept.write(keptBatches.get(0));
            List<Batch> first = new ArrayList<>();
            for (int b = 0; b < 5; b++) {
                first.add(randomBatch(random, 20_000, b * 20_000L));
            }
            SpillFile a = write(space, first, false);
            long size = Files.size(space.pagesFile());
            int[] pagesOfA = a.pages();
            a.delete();
            a.delete(); // once
            SpillFile b = write(space, first, false);
            assertThat(b.pages()).containsExactly(pagesOfA);
            assertThat(Files.size(space.pagesFile())).isEqualTo(size);
            assertReadsBack(b, first);
            assertThatThrownBy(a::read).hasMessageContaining("deleted");
            kept.finishWriting();
            assertReadsBack(kept, keptBatches);
        }
    }

    @Test
    void threadsSpillAtOnceAndAnInterruptedOneStopsOnlyItself() throws Exception {
        try (SpillSpace space = new SpillSpace(temp)) {
            SpillFile before = space.newFile("before");
            List<Batch> beforeBatches = List.of(randomBatch(new SplittableRandom(5), 30_000, 0));
            before.write(beforeBatches.get(0));
            before.finishWriting();
            // an interrupted thread's I/O closes the shared channel: it fails, the others reopen it
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                SpillFile file = space.newFile("interrupted");
                file.write(randomBatch(new SplittableRandom(6), 30_000, 0));
                file.finishWriting();
            });
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            interrupted.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
            interrupted.start();
            interrupted.join();
            assertThat(failures).singleElement().isInstanceOf(QueryCancelledException.class);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = 10 + t;
                Thread thread = new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int repeat = 0; repeat < 5; repeat++) {
                        List<SpillFile> files = new ArrayList<>();
                        List<List<Batch>> written = new ArrayList<>();
                        for (int f = 0; f < 4; f++) {
                            files.add(space.newFile("t" + seed + "-" + f));
                            written.add(new ArrayList<>());
                        }
                        for (int round = 0; round < 4; round++) {
                            for (int f = 0; f < 4; f++) {
                                Batch batch = randomBatch(random, 1 + random.nextInt(12_000), round * 20_000L);
                                written.get(f).add(batch);
                                files.get(f).write(batch);
                            }
                        }
                        for (int f = 0; f < 4; f++) {
                            files.get(f).finishWriting();
                            assertReadsBack(files.get(f), written.get(f));
                            files.get(f).delete();
                        }
                    }
                });
                thread.setUncaughtExceptionHandler((th, e) -> failures.add(e));
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).hasSize(1);
            assertReadsBack(before, beforeBatches);
        }
    }

    /** A batch of a long column, a double column and a text column, none of which compresses much. */
    private static Batch randomBatch(SplittableRandom random, int rows, long start) {
        long[] longs = new long[rows];
        double[] doubles = new double[rows];
        String[] texts = new String[rows];
        for (int i = 0; i < rows; i++) {
            longs[i] = random.nextLong();
            doubles[i] = random.nextDouble();
            texts[i] = Long.toString(random.nextLong(), 36);
        }
        return new Batch(List.<Vector>of(LongVector.of(longs), DoubleVector.of(doubles),
                dev.floe.frame.column.Utf8Vector.of(texts)), rows, start);
    }

    private static SpillFile write(SpillSpace space, List<Batch> batches) {
        return write(space, batches, true);
    }

    private static SpillFile write(SpillSpace space, List<Batch> batches, boolean alone) {
        SpillFile file = space.newFile("test");
        for (Batch batch : batches) {
            file.write(batch);
        }
        file.finishWriting();
        if (alone) {
            try {
                // the only file of a new space: its pages are the first ones of the space's file, in order
                assertThat(Files.size(space.pagesFile())).isEqualTo(file.fileBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return file;
    }
    private static void assertReadsBack(SpillFile file, List<Batch> written) {
        try (BatchReader reader = file.read()) {
            for (Batch expected : written) {
                Batch got = reader.next();
                assertThat(got).isNotNull();
                assertThat(got.rows()).isEqualTo(expected.rows());
                assertThat(got.start()).isEqualTo(expected.start());
                assertThat(got.columns()).hasSameSizeAs(expected.columns());
                for (int c = 0; c < expected.columns().size(); c++) {
                    for (int i = 0; i < expected.rows(); i++) {
                        assertThat(got.column(c).get(i)).isEqualTo(expected.column(c).get(i));
                    }
                }
            }
            assertThat(reader.next()).isNull();
        }
    }
}
