package dev.floe.frame.physical;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A spill file compresses its batches only while that pays: batches that LZ4 shrinks by less
 * than a quarter are written as they are after the first few, and every batch reads back whole.
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

    private static SpillFile write(SpillSpace space, List<Batch> batches) {
        SpillFile file = space.newFile("test");
        for (Batch batch : batches) {
            file.write(batch);
        }
        file.finishWriting();
        try {
            assertThat(Files.size(file.path())).isEqualTo(file.fileBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
                for (int i = 0; i < expected.rows(); i++) {
                    assertThat(got.column(0).get(i)).isEqualTo(expected.column(0).get(i));
                }
            }
            assertThat(reader.next()).isNull();
        }
    }
}
