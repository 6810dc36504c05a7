package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ColumnBuilder;
import dev.floe.frame.column.Vector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A join's index of one integer key finds each probe value's group as a map of the build keys
 * would: keys close together (an array), spread over a narrow range or one narrow for their
 * number (a table behind a bitmap) or a wide one (the table alone), negative and at the ends of the type, probed with values inside
 * and outside the keys' range, and nulls.
 */
class IntegerKeysTest {
    @Test
    void everyProbeFindsTheGroupOfItsKeyOrNone() {
        SplittableRandom random = new SplittableRandom(41);
        long[][] shapes = {{0, 100}, {1, 200_000}, {-1_000_000, 1_000_000}, {Long.MIN_VALUE / 2, Long.MAX_VALUE / 2},
                {Long.MAX_VALUE - 500_000, Long.MAX_VALUE}, {Long.MIN_VALUE, Long.MIN_VALUE + 3_000_000},
                {1, 6_000_000}};
        for (long[] shape : shapes) {
            for (int buildRows : new int[] {1, 7, 204, 5_000, 150_000}) {
                for (DataType type : List.of(DataType.INT64, DataType.INT32)) {
                    long low = type == DataType.INT32 ? Math.max(shape[0], Integer.MIN_VALUE) : shape[0];
                    long high = type == DataType.INT32 ? Math.min(shape[1], Integer.MAX_VALUE) : shape[1];
                    if (low > high) {
                        continue;
                    }
                    long[] keys = new long[buildRows];
                    for (int i = 0; i < buildRows; i++) {
                        keys[i] = random.nextLong(low, high) + (random.nextInt(8) == 0 ? 1 : 0);
                    }
                    int[] groupOf = new int[buildRows];
                    HashJoin.IntegerKeys index = HashJoin.IntegerKeys.assign(List.of(type), List.of(vector(type, keys, null)),
                            buildRows, groupOf);
                    assertThat(index).isNotNull();
                    if (buildRows == 150_000 && shape[1] == 6_000_000) {
                        // 150,000 keys spread over 6 million values: a table of 8 MiB behind a bitmap of 750 KiB
                        assertThat(index).isInstanceOf(HashJoin.HashedKeys.class);
                        assertThat(((HashJoin.HashedKeys) index).filter()).isNotNull();
                    }
                    Map<Long, Integer> expected = new HashMap<>();
                    for (int i = 0; i < buildRows; i++) {
                        Integer known = expected.putIfAbsent(keys[i], groupOf[i]);
                        assertThat(known == null || known == groupOf[i]).as("one group per key").isTrue();
                    }
                    assertThat(index.count()).isEqualTo(expected.size());
                    int probeRows = 3_000;
                    long[] probes = new long[probeRows];
                    boolean[] nulls = new boolean[probeRows];
                    for (int i = 0; i < probeRows; i++) {
                        probes[i] = switch (random.nextInt(5)) {
                            case 0 -> keys[random.nextInt(buildRows)];
                            case 1 -> random.nextLong(low, high);
                            case 2 -> type == DataType.INT32 ? random.nextInt() : random.nextLong();
                            case 3 -> type == DataType.INT32 ? (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE)
                                    : (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
                            default -> keys[random.nextInt(buildRows)] + random.nextInt(-2, 3);
                        };
                        if (type == DataType.INT32) {
                            probes[i] = (int) probes[i];
                        }
                        nulls[i] = random.nextInt(10) == 0;
                    }
                    int[] out = new int[probeRows];
                    index.lookup(vector(type, probes, nulls), probeRows, out);
                    for (int i = 0; i < probeRows; i++) {
                        int want = nulls[i] ? -1 : expected.getOrDefault(probes[i], -1);
                        assertThat(out[i]).as("%s keys %s..%s, %d rows: probe %d", type, low, high, buildRows, probes[i])
                                .isEqualTo(want);
                    }
                }
            }
        }
    }

    private static Vector vector(DataType type, long[] values, boolean[] nulls) {
        ColumnBuilder builder = ColumnBuilder.of(type, "k", values.length);
        for (int i = 0; i < values.length; i++) {
            if (nulls != null && nulls[i]) {
                builder.appendNull();
            } else if (type == DataType.INT32) {
                builder.append((int) values[i]);
            } else {
                builder.append(values[i]);
            }
        }
        return builder.build().chunk(0);
    }
}
