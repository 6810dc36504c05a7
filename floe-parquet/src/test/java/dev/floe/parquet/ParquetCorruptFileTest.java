package dev.floe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt Parquet files are refused with a {@link FloeException} that names the file (its path,
 * not an object's name), and the row group and column where known: pages are checked against
 * their CRC checksums, and sizes the footer declares against the file's size before anything is
 * allocated for them.
 */
class ParquetCorruptFileTest {
    @TempDir
    Path folder;

    private Path written(String name, CompressionCodecName codec) {
        String[] text = new String[200];
        long[] numbers = new long[200];
        for (int i = 0; i < text.length; i++) {
            text[i] = "floe-canary-" + i;
            numbers[i] = i * 7L;
        }
        Path path = folder.resolve(name);
        Parquet.write(DataFrame.of(Series.of("n", numbers), Series.of("s", text)), path,
                ParquetOptions.defaults().withCompression(codec));
        return path;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not in the file");
    }

    /** A file, written by parquet-java, of a TIME(MILLIS) column of {@code millis} and a TIME(NANOS) one of {@code nanos}. */
    private Path times(String name, int[] millis, long[] nanos) throws IOException {
        Path path = folder.resolve(name);
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message m { optional int32 ms (TIME(MILLIS,false)); optional int64 ns (TIME(NANOS,false)); }");
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> writer =
                org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(new org.apache.parquet.io.LocalOutputFile(path))
                        .withConf(new org.apache.parquet.conf.PlainParquetConfiguration()).withType(schema).build()) {
            org.apache.parquet.example.data.simple.SimpleGroupFactory rows =
                    new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
            for (int i = 0; i < millis.length; i++) {
                writer.write(rows.newGroup().append("ms", millis[i]).append("ns", nanos[i]));
            }
        }
        return path;
    }

    @Test
    void timesOfDayInMillisecondsAndNanosecondsReadAsMicrosecondsAndOnesOutsideTheDayAreRefused() throws IOException {
        DataFrame read = Floe.readParquet(times("times.parquet", new int[] {0, 45_296_789},
                new long[] {86_399_999_999_999L, 1_500L}).toString());
        assertThat(read.column("ms").toList()).containsExactly(java.time.LocalTime.MIDNIGHT,
                java.time.LocalTime.of(12, 34, 56, 789_000_000));
        assertThat(read.column("ns").toList()).containsExactly(java.time.LocalTime.of(23, 59, 59, 999_999_000),
                java.time.LocalTime.of(0, 0, 0, 1_000));
        Path late = times("late.parquet", new int[] {86_400_000}, new long[] {0});
        assertThatThrownBy(() -> Floe.readParquet(late.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(late.toString()).hasMessageContaining("column 'ms'")
                .hasMessageContaining("outside 00:00:00 to 23:59:59.999999");
        Path early = times("early.parquet", new int[] {0}, new long[] {-1_000});
        assertThatThrownBy(() -> Floe.readParquet(early.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining("column 'ns'");
    }

    @Test
    void aChangedByteInAPageFailsItsChecksumNamingTheFileRowGroupAndColumn() throws IOException {
        Path path = written("crc.parquet", CompressionCodecName.UNCOMPRESSED);
        byte[] bytes = Files.readAllBytes(path);
        int at = indexOf(bytes, "floe-canary-117".getBytes(StandardCharsets.UTF_8));
        bytes[at + 3] ^= 0x01; // 'e' becomes 'd': still valid text, so only the checksum can tell
        Files.write(path, bytes);
        assertThatThrownBy(() -> Floe.readParquet(path.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("row group 0")
                .hasMessageContaining("column 's'").hasMessageContaining("checksum");
        // the column not touched still reads
        assertThat(Parquet.read(path.toString(), ParquetOptions.defaults().withColumns("n")).get(199, "n"))
                .isEqualTo(1393L);
    }

    @Test
    void aDecimalPastItsDigitsIsCorruptNotData() {
        // a file that says DECIMAL(5, 2) but holds 100000.00: written from a vector no builder checked
        Path path = folder.resolve("decimal.parquet");
        dev.floe.frame.DataType type = dev.floe.frame.DataType.decimal(5, 2);
        Parquet.write(DataFrame.of(Series.of("price", dev.floe.frame.column.Column.of(
                new dev.floe.frame.column.LongVector(type, new long[] {12_345, 10_000_000, 500}, null)))), path,
                ParquetOptions.defaults());
        assertThatThrownBy(() -> Floe.readParquet(path.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(path.toString()).hasMessageContaining("price")
                .hasMessageContaining("100000.00 has more digits than its decimal[5,2] holds");
        // the same in a list of decimals (read value by value)
        Path lists = folder.resolve("decimal-lists.parquet");
        Parquet.write(DataFrame.of(Series.of("prices", dev.floe.frame.column.Column.of(new dev.floe.frame.column.ListVector(
                new int[] {0, 2, 3}, new dev.floe.frame.column.LongVector(type, new long[] {12_345, 500, 10_000_000}, null),
                0, 2, null)))), lists, ParquetOptions.defaults());
        assertThatThrownBy(() -> Floe.readParquet(lists.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(lists.toString()).hasMessageContaining("prices")
                .hasMessageContaining("100000.00 in a list, more digits than its decimal[5,2] holds");
    }

    @Test
    void aFileThatIsNotParquetIsRefusedByItsPath() throws IOException {
        Path path = folder.resolve("not.parquet");
        Files.writeString(path, "PAR1 these are not the bytes of a Parquet file PAR1");
        assertThatThrownBy(() -> Floe.readParquet(path.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(path.toString()).hasMessageNotContaining("LocalInputFile@");
    }

    @Test
    void aTruncatedFileIsRefusedByItsPath() throws IOException {
        Path path = written("cut.parquet", CompressionCodecName.SNAPPY);
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Floe.readParquet(path.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(path.toString()).hasMessageNotContaining("LocalInputFile@");
    }

    @Test
    void aFooterLengthPastTheFileIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path path = written("footer.parquet", CompressionCodecName.SNAPPY);
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE - 8);
        Files.write(path, bytes);
        assertThatThrownBy(() -> Floe.readParquet(path.toString())).isInstanceOf(FloeException.class)
                .hasMessageContaining(path.toString());
    }

    @Test
    void everyPrefixAndEveryFlippedFooterByteGivesAnExactReadOrAFloeException() throws IOException {
        Path path = written("all.parquet", CompressionCodecName.SNAPPY);
        byte[] bytes = Files.readAllBytes(path);
        DataFrame expected = Floe.readParquet(path.toString());
        Path broken = folder.resolve("broken.parquet");
        for (int length = 0; length < bytes.length; length += 7) {
            Files.write(broken, Arrays.copyOf(bytes, length));
            int cut = length;
            assertThatThrownBy(() -> Floe.readParquet(broken.toString())).as("cut at %d", cut)
                    .isInstanceOf(FloeException.class).hasMessageContaining(broken.toString());
        }
        int footer = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        for (int at = bytes.length - 8 - footer; at < bytes.length; at++) {
            byte[] changed = bytes.clone();
            changed[at] ^= (byte) 0x80;
            Files.write(broken, changed);
            try {
                DataFrame read = Floe.readParquet(broken.toString());
                read.toString(); // every value readable
                for (int r = 0; r < read.height(); r++) {
                    for (String column : read.columns()) {
                        read.get(r, column);
                    }
                }
            } catch (FloeException e) {
                assertThat(e.getMessage()).as("byte %d", at).contains(broken.toString());
            }
        }
        assertThat(Floe.readParquet(path.toString())).isEqualTo(expected);
    }
}
