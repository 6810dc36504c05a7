package dev.floe.frame.column;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A column's integer range and text shape, read chunk by chunk in place, against the same worked
 * out value by value: chunks that are slices (an offset into their arrays), with and without
 * nulls, all null, empty, of ints, longs, shorts and dates, and text whose null values hold bytes.
 */
class ColumnStatisticsTest {
    @Test
    void integerRangesAgreeWithTheValuesOneByOne() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 300; round++) {
            DataType type = List.of(DataType.INT32, DataType.INT64, DataType.INT16, DataType.DATE)
                    .get(random.nextInt(4));
            List<Vector> chunks = new ArrayList<>();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            int chunkCount = 1 + random.nextInt(4);
            for (int c = 0; c < chunkCount; c++) {
                int n = random.nextInt(50);
                int skip = random.nextInt(5);
                int nulls = random.nextInt(4); // 0: none; 3: all
                ColumnBuilder builder = ColumnBuilder.of(type, skip + n);
                for (int i = 0; i < skip + n; i++) {
                    boolean isNull = nulls == 3 || nulls > 0 && random.nextInt(3) == 0;
                    long value = switch (type.id()) {
                        case INT16 -> random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
                        case INT32, DATE -> random.nextInt(8) == 0 ? Integer.MIN_VALUE : random.nextInt();
                        default -> random.nextLong();
                    };
                    if (isNull) {
                        builder.appendNull();
                    } else {
                        builder.append(type == DataType.DATE ? java.time.LocalDate.ofEpochDay(value % 100_000)
                                : type == DataType.INT16 ? (Object) (short) value
                                : type == DataType.INT32 ? (Object) (int) value : (Object) value);
                        if (i >= skip) {
                            long stored = type == DataType.DATE ? value % 100_000 : value;
                            min = Math.min(min, stored);
                            max = Math.max(max, stored);
                        }
                    }
                }
                chunks.add(builder.build().toVector().slice(skip, n));
            }
            long[] range = Column.of(type, chunks).integerRange();
            if (min > max) {
                assertThat(range).as("round %d", round).isEmpty();
            } else {
                assertThat(range).as("round %d", round).containsExactly(min, max);
            }
        }
    }

    @Test
    void textShapesAgreeWithTheValuesOneByOne() {
        SplittableRandom random = new SplittableRandom(4);
        for (int round = 0; round < 300; round++) {
            List<Vector> chunks = new ArrayList<>();
            int most = 0;
            int smallest = 255;
            int largest = 0;
            int chunkCount = 1 + random.nextInt(4);
            for (int c = 0; c < chunkCount; c++) {
                int n = random.nextInt(40);
                int skip = random.nextInt(5);
                boolean nulls = random.nextBoolean();
                Utf8Vector.Builder builder = new Utf8Vector.Builder(n + skip, 16);
                List<Integer> nullRows = new ArrayList<>();
                for (int i = 0; i < skip + n; i++) {
                    byte[] bytes = new byte[random.nextInt(random.nextInt(20) == 0 ? 90 : 9)];
                    for (int b = 0; b < bytes.length; b++) {
                        bytes[b] = (byte) (random.nextInt(20) == 0 ? random.nextInt(256) : 'a' + random.nextInt(20));
                    }
                    builder.append(bytes, 0, bytes.length);
                    boolean isNull = nulls && random.nextInt(3) == 0;
                    if (isNull) {
                        nullRows.add(i - skip);
                    } else if (i >= skip) {
                        most = Math.max(most, bytes.length);
                        for (byte b : bytes) {
                            smallest = Math.min(smallest, b & 0xFF);
                            largest = Math.max(largest, b & 0xFF);
                        }
                    }
                }
                Utf8Vector whole = builder.build();
                // null values that still hold bytes: a validity laid over the values
                Validity.Builder validity = new Validity.Builder();
                for (int i = 0; i < n; i++) {
                    validity.append(!nullRows.contains(i));
                }
                chunks.add(new Utf8Vector(whole.data(), whole.offsets(), skip, n, nulls ? validity.build() : null));
            }
            int[] shape = Column.of(DataType.UTF8, chunks).textShape();
            if (most == 0) {
                assertThat(shape).as("round %d", round).containsExactly(0, 0, 0);
            } else if (most > Column.SHAPED_BYTES) {
                assertThat(shape).as("round %d", round).containsExactly(most, 0, 255);
            } else {
                assertThat(shape).as("round %d", round).containsExactly(most, smallest, largest);
            }
        }
    }
}
