package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An IN list's values find what a hash set of them finds: few values (searched), many in a
 * narrow range (a bitmap) and many spread out (a table), with duplicates, the ends of the longs
 * (the table's empty marker among them) and probes inside, beside and far outside the values.
 */
class IntegerSetTest {
    @Test
    void everyProbeIsFoundExactlyWhenListed() {
        SplittableRandom random = new SplittableRandom(8);
        for (int size : new int[] {0, 1, 5, 16, 17, 100, 5_000}) {
            for (long spread : new long[] {1, 3, 1_000, 1L << 40}) {
                for (boolean ends : new boolean[] {false, true}) {
                    long[] values = new long[size];
                    long base = random.nextLong(-1_000_000, 1_000_000);
                    for (int i = 0; i < size; i++) {
                        values[i] = base + random.nextLong(0, Math.max(1, size * spread));
                    }
                    if (ends && size >= 2) {
                        values[0] = Long.MIN_VALUE;
                        values[1] = Long.MAX_VALUE;
                    }
                    if (size > 3) {
                        values[2] = values[3]; // a duplicate
                    }
                    long[] ascending = values.clone();
                    Arrays.sort(ascending);
                    IntegerSet set = IntegerSet.of(ascending);
                    Set<Long> expected = new HashSet<>();
                    for (long value : values) {
                        expected.add(value);
                    }
                    int rows = 4_000;
                    long[] probes = new long[rows];
                    for (int i = 0; i < rows; i++) {
                        probes[i] = switch (random.nextInt(6)) {
                            // just past the largest value: past the end of a bitmap's last word too
                            case 5 -> size == 0 ? 2 : ascending[size - 1] + random.nextInt(0, 130);
                            case 0 -> size == 0 ? 0 : values[random.nextInt(size)];
                            case 1 -> size == 0 ? 1 : values[random.nextInt(size)] + random.nextInt(-2, 3);
                            case 2 -> random.nextLong();
                            case 3 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                            default -> base + random.nextLong(-10, Math.max(11, size * spread + 10));
                        };
                    }
                    byte[] out = new byte[rows];
                    set.contains(probes, rows, out);
                    for (int i = 0; i < rows; i++) {
                        assertThat(out[i] == 1).as("%d values spread %d (ends %s): probe %d", size, spread, ends, probes[i])
                                .isEqualTo(expected.contains(probes[i]));
                    }
                }
            }
        }
    }
}
