package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.Vector;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A batch gathers the rows a filter keeps run by run when they come in long runs of consecutive
 * rows, and row by row otherwise; either way each column gets exactly the values and nulls of the
 * rows asked for, for every layout (whole numbers of each width, 128-bit words, floats, booleans,
 * text short and long and empty, categories, lists, nulls) and from a vector that begins inside its
 * arrays.
 */
class GatherRunsTest {
    private static final DataType[] TYPES = {DataType.INT64, DataType.INT32, DataType.INT16, DataType.INT8,
            DataType.BOOLEAN, DataType.FLOAT64, DataType.FLOAT32, DataType.INT128, DataType.UTF8,
            DataType.CATEGORICAL, DataType.LIST_INT64};

    private static Object value(SplittableRandom random, DataType type) {
        return switch (type.id()) {
            case INT64 -> random.nextLong();
            case INT32 -> random.nextInt();
            case INT16 -> (short) random.nextInt();
            case INT8 -> (byte) random.nextInt();
            case BOOLEAN -> random.nextBoolean();
            case FLOAT64 -> random.nextDouble();
            case FLOAT32 -> (float) random.nextDouble();
            case INT128 -> BigInteger.valueOf(random.nextLong()).shiftLeft(random.nextInt(60));
            case UTF8, CATEGORICAL -> "é".repeat(random.nextInt(3)) + "x".repeat(random.nextInt(random.nextInt(8) == 0 ? 40 : 3));
            case LIST_INT64 -> {
                List<Long> list = new ArrayList<>();
                for (int k = random.nextInt(4); k > 0; k--) {
                    list.add(random.nextLong(100));
                }
                yield list;
            }
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static Vector column(SplittableRandom random, DataType type, int rows, int skip) {
        ColumnBuilder builder = ColumnBuilder.of(type, "x", rows + skip);
        for (int i = 0; i < rows + skip; i++) {
            if (random.nextInt(7) == 0) {
                builder.appendNull();
            } else {
                builder.append(value(random, type));
            }
        }
        return builder.build().chunk(0).slice(skip, rows);
    }

    /** Ascending rows of {@code rows}, each dropped with probability {@code dropped}. */
    private static int[] kept(SplittableRandom random, int rows, double dropped) {
        int[] positions = new int[rows];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (random.nextDouble() >= dropped) {
                positions[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(positions, count);
    }

    @Test
    void everyLayoutGathersTheRowsAskedForInRunsAndOneByOne() {
        SplittableRandom random = new SplittableRandom(5);
        int byRuns = 0;
        int byRows = 0;
        for (int trial = 0; trial < 300; trial++) {
            int rows = random.nextInt(1, 3_000);
            List<Vector> columns = new ArrayList<>();
            for (DataType type : TYPES) {
                columns.add(column(random, type, rows, random.nextInt(3) == 0 ? random.nextInt(1, 70) : 0));
            }
            columns.add(new NullVector(rows));
            Batch batch = new Batch(columns, rows, 0);
            double dropped = switch (trial % 4) {
                case 0 -> 0.01;
                case 1 -> 0.03;
                case 2 -> 0.3;
                default -> random.nextDouble();
            };
            int[] positions = kept(random, rows, dropped);
            int count = positions.length;
            int[] padded = java.util.Arrays.copyOf(positions, rows); // as a filter leaves them: room for every row
            if (Kernels.runs(padded, count) != null) {
                byRuns++;
            } else {
                byRows++;
            }
            Batch gathered = batch.gather(padded, count, 0);
            assertThat(gathered.rows()).isEqualTo(count);
            for (int c = 0; c < columns.size(); c++) {
                Vector source = columns.get(c);
                Vector out = gathered.column(c);
                assertThat(out.type()).isEqualTo(source.type());
                assertThat(out.length()).isEqualTo(count);
                for (int k = 0; k < count; k++) {
                    assertThat(out.isNull(k)).as("%s row %d", source.type(), k).isEqualTo(source.isNull(positions[k]));
                    assertThat(out.get(k)).as("%s row %d", source.type(), k).isEqualTo(source.get(positions[k]));
                }
            }
        }
        assertThat(byRuns).isGreaterThan(50);
        assertThat(byRows).isGreaterThan(50);
    }

    @Test
    void runsAreTheConsecutiveStretchesWhenLongOnAverage() {
        int[] positions = new int[64];
        int count = 0;
        for (int i = 0; i < 70; i++) {
            if (i != 20 && i != 21 && i != 50 && i != 69 && i != 0 && i != 1) {
                positions[count++] = i;
            }
        }
        assertThat(count).isEqualTo(64);
        assertThat(Kernels.runs(positions, count)).containsExactly(2, 18, 22, 28, 51, 18);
        int[] scattered = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34};
        assertThat(Kernels.runs(scattered, scattered.length)).isNull();
        assertThat(Kernels.runs(new int[] {3, 4, 5}, 3)).isNull(); // too few rows to be worth it
    }
}
