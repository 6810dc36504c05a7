package dev.floe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt Arrow IPC files are refused with a {@link FloeException} naming the file and the record
 * batch: offsets and lengths are checked before vectors are handed out, blocks against the file's
 * size, and Arrow's allocator is bounded, so no frame with invalid offsets escapes and no file
 * asks for more memory than it could hold.
 */
class ArrowCorruptFileTest {
    @TempDir
    Path folder;

    /** A file of one text column whose offsets are {@code offsets} (over the bytes "abcdef"). */
    private Path textWithOffsets(String name, int... offsets) throws IOException {
        Path path = folder.resolve(name);
        Schema schema = new Schema(List.of(Field.nullable("s", ArrowType.Utf8.INSTANCE)));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            VarCharVector text = (VarCharVector) root.getVector(0);
            int rows = offsets.length - 1;
            text.allocateNew(64, rows);
            for (int i = 0; i < rows; i++) {
                text.setSafe(i, "ab".getBytes(StandardCharsets.UTF_8));
            }
            text.setValueCount(rows);
            for (int i = 0; i <= rows; i++) {
                text.getOffsetBuffer().setInt(i * 4L, offsets[i]);
            }
            root.setRowCount(rows);
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        return path;
    }

    /** A file of one column of 32-bit times of day in milliseconds, {@code millis} its values. */
    private Path millisecondTimes(String name, int... millis) throws IOException {
        Path path = folder.resolve(name);
        Schema schema = new Schema(List.of(Field.nullable("t",
                new ArrowType.Time(org.apache.arrow.vector.types.TimeUnit.MILLISECOND, 32))));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            org.apache.arrow.vector.TimeMilliVector times = (org.apache.arrow.vector.TimeMilliVector) root.getVector(0);
            times.allocateNew(millis.length);
            for (int i = 0; i < millis.length; i++) {
                times.set(i, millis[i]);
            }
            times.setValueCount(millis.length);
            root.setRowCount(millis.length);
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        return path;
    }

    @Test
    void timesOfDayOutsideTheDayAreRefused() throws IOException {
        DataFrame times = Floe.readArrow(millisecondTimes("times.arrow", 0, 45_296_789, 86_399_999).toString());
        assertThat(times.column("t").toList()).containsExactly(java.time.LocalTime.MIDNIGHT,
                java.time.LocalTime.of(12, 34, 56, 789_000_000), java.time.LocalTime.of(23, 59, 59, 999_000_000));
        for (int bad : new int[] {-1, 86_400_000}) {
            Path path = millisecondTimes("bad-time.arrow", 5, bad);
            assertThatThrownBy(() -> Floe.readArrow(path.toString()).toString()).as("%d ms", bad)
                    .isInstanceOf(FloeException.class).hasMessageContaining(path.toString())
                    .hasMessageContaining("column 't'").hasMessageContaining("no time of day");
            Files.delete(path);
        }
    }

    @Test
    void textOffsetsThatGoBackOrPastTheDataAreRefusedNamingTheFileBatchAndColumn() throws IOException {
        assertThat(Floe.readArrow(textWithOffsets("fine.arrow", 0, 2, 4, 6).toString()).get(2, "s")).isEqualTo("ab");
        for (int[] offsets : new int[][] {{0, 4, 2, 6}, {0, 6, 4, 6}, {-8, 2, 4, 6}}) {
            Path path = textWithOffsets("bad.arrow", offsets);
            assertThatThrownBy(() -> Floe.readArrow(path.toString()).toString()).as(Arrays.toString(offsets))
                    .isInstanceOf(FloeException.class).hasMessageContaining(path.toString())
                    .hasMessageContaining("record batch 0").hasMessageContaining("column 's'")
                    .hasMessageContaining("offsets");
            Files.delete(path);
        }
    }

    @Test
    void aBatchDeclaredLongerThanTheFileIsRefusedBeforeItIsAllocated() throws IOException {
        Path path = folder.resolve("long.arrow");
        Floe.readCsv(Files.writeString(folder.resolve("x.csv"), "a,b\n1,x\n2,y\n").toString())
                .writeArrow(path);
        long bodyLength;
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel channel = FileChannel.open(path);
                ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            ArrowBlock block = reader.getRecordBlocks().get(0);
            bodyLength = block.getBodyLength();
        }
        byte[] bytes = Files.readAllBytes(path);
        // the footer's block: offset, metadata length, body length (little-endian); the last copy of it
        int at = -1;
        for (int i = bytes.length - 8; i >= 0; i--) {
            if (ByteBuffer.wrap(bytes, i, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == bodyLength) {
                at = i;
                break;
            }
        }
        assertThat(at).isPositive();
        ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 54); // 16 PB
        Files.write(path, bytes);
        assertThatThrownBy(() -> Floe.readArrow(path.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("record batch 0");
    }

    @Test
    void filesThatAreNotArrowOrAreCutShortAreRefusedByTheirPath() throws IOException {
        Path not = Files.writeString(folder.resolve("not.arrow"), "ARROW1 but nothing else of the format");
        assertThatThrownBy(() -> Floe.readArrow(not.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(not.toString());
        Path whole = folder.resolve("whole.arrow");
        DataFrame.of(Series.of("n", new long[] {1, 2, 3}), Series.of("s", "a", "b", "c")).writeArrow(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = folder.resolve("cut.arrow");
        for (int length = 0; length < bytes.length; length += 5) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            int at = length;
            assertThatThrownBy(() -> Floe.readArrow(cut.toString())).as("cut at %d", at)
                    .isInstanceOf(FloeException.class).hasMessageContaining(cut.toString());
        }
    }
}
