package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How an in-memory frame is cut into slices of Floe's columns for Spark, and read back (the shipping runs in the engine suites). */
class FrameSlicesTest {
    private static DataFrame frame(int rows, int textLength) {
        Random random = new Random(rows);
        List<List<Object>> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            values.add(Arrays.asList(r, random.nextInt(9) == 0 ? null : "c" + random.nextInt(1000),
                    random.nextInt(7) == 0 ? null : random.nextDouble(), "t".repeat(random.nextInt(textLength + 1))));
        }
        return DataFrame.ofRows(Schema.of(List.of(new Schema.Field("i", DataType.INT64),
                new Schema.Field("c", DataType.CATEGORICAL), new Schema.Field("d", DataType.FLOAT64),
                new Schema.Field("t", DataType.UTF8))), values);
    }

    /** The slices read back, in order, and checked against the frame row by row; their heights. */
    private static List<Integer> readBack(DataFrame frame, List<byte[]> slices) {
        List<Integer> heights = new ArrayList<>();
        long start = 0;
        for (byte[] bytes : slices) {
            FrameSlices.Slice slice = FrameSlices.decode(frame.schema(), bytes);
            assertThat(slice.start()).isEqualTo(start);
            assertThat(slice.frame().schema()).isEqualTo(frame.schema());
            assertThat(slice.frame()).isEqualTo(frame.slice((int) start, slice.frame().height()));
            heights.add(slice.frame().height());
            start += slice.frame().height();
        }
        assertThat(start).isEqualTo(frame.height());
        return heights;
    }

    @Test
    void aSlicePerCoreWhenTheyAreSmall() {
        DataFrame small = frame(10_000, 5);
        List<byte[]> slices = FrameSlices.cut(small, 32 << 20, 4);
        assertThat(readBack(small, slices)).containsExactly(2500, 2500, 2500, 2500);
        // no more slices than rows, one of none for no rows
        assertThat(readBack(frame(2, 5), FrameSlices.cut(frame(2, 5), 32 << 20, 4))).containsExactly(1, 1);
        DataFrame none = frame(0, 5);
        assertThat(readBack(none, FrameSlices.cut(none, 32 << 20, 4))).containsExactly(0);
    }

    @Test
    void slicesOfManyPiecesStayUnderTheLimit() {
        // 300,000 rows of some 40 bytes: pieces of 65,536 rows, slices of at most 1 MiB
        DataFrame large = frame(300_000, 20);
        List<byte[]> slices = FrameSlices.cut(large, 1 << 20, 2);
        assertThat(slices).hasSizeGreaterThan(8);
        for (byte[] slice : slices) {
            assertThat(slice.length).isLessThanOrEqualTo(1 << 20);
        }
        readBack(large, slices);
    }

    @Test
    void aSliceTravelsBetweenExecutorsAsItsBytes() throws Exception {
        DataFrame frame = frame(70_000, 10);
        List<byte[]> slices = FrameSlices.cut(frame, 32 << 20, 2);
        FrameSlices.Slice second = FrameSlices.decode(frame.schema(), slices.get(1));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream objects = new java.io.ObjectOutputStream(out)) {
            objects.writeObject(second);
        }
        Object back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            back = in.readObject();
        }
        assertThat(back).isInstanceOf(FrameSlices.Slice.class);
        FrameSlices.Slice slice = (FrameSlices.Slice) back;
        assertThat(slice.start()).isEqualTo(35_000);
        assertThat(slice.frame()).isEqualTo(frame.slice(35_000, 35_000));
    }

    @Test
    void rowsWiderThanTheLimitGoOneAtATime() {
        // a row of about 3 KiB of text under a limit of 2 KiB: a slice each, larger than the limit
        DataFrame wide = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("t", DataType.UTF8))),
                List.of(List.of("a".repeat(3000)), List.of("b"), List.of("c".repeat(3000))));
        List<byte[]> slices = FrameSlices.cut(wide, 2048, 1);
        assertThat(readBack(wide, slices)).containsExactly(1, 1, 1);
    }
}
