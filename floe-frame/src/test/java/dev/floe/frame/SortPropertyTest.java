package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.plan.SortKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sorting random frames, checked against a stable sort of Java rows with the same rules. */
class SortPropertyTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(
            new ExecutionConfig(1, 7), new ExecutionConfig(4, 5), new ExecutionConfig(3, 65_536));

    @Test
    void sortsLikeAStableSortOfTheRows() {
        String[] columns = {"a", "b", "c", "s", "t", "k", "e", "f", "h", "d", "dt", "u"};
        for (long seed = 1; seed <= 80; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int rows = seed % 10 == 0 ? random.nextInt(9_000, 20_000) : random.nextInt(0, 60);
            DataFrame frame = ExprPropertyTest.randomFrame(random, rows);
            int keyCount = random.nextInt(1, 4);
            SortKey[] keys = new SortKey[keyCount];
            for (int k = 0; k < keyCount; k++) {
                String column = columns[random.nextInt(columns.length)];
                SortKey key = random.nextBoolean() ? SortKey.asc(column) : SortKey.desc(column);
                keys[k] = random.nextBoolean() ? key.nullsLast() : key;
            }
            List<List<Object>> expected = reference(frame, keys);
            for (ExecutionConfig config : CONFIGS) {
                DataFrame out = frame.lazy().sort(keys).collect(config);
                List<List<Object>> actual = new ArrayList<>();
                for (Row row : out) {
                    actual.add(row.toList());
                }
                assertThat(actual).as("seed %d, %s, %s", seed, config, Arrays.toString(keys)).isEqualTo(expected);
            }
        }
    }

    static List<List<Object>> reference(DataFrame frame, SortKey[] keys) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, frame.height()).boxed().toList());
        Comparator<Integer> comparator = (x, y) -> 0;
        for (SortKey key : keys) {
            String column = ((dev.floe.frame.expr.Col) key.expr()).name();
            Comparator<Integer> byKey = (x, y) -> {
                Object a = frame.get(x, column);
                Object b = frame.get(y, column);
                if (a == null || b == null) {
                    return a == b ? 0 : (a == null) == key.placeNullsLast() ? 1 : -1;
                }
                int c = compareValues(a, b);
                return key.descending() ? -c : c;
            };
            comparator = comparator.thenComparing(byKey);
        }
        order.sort(comparator); // List.sort is stable
        List<List<Object>> rows = new ArrayList<>();
        for (int index : order) {
            rows.add(frame.row(index).toList());
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static int compareValues(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    @Test
    void sortsByExpressionsAndRefusesWhatCannotBeOrdered() {
        DataFrame df = DataFrame.of(Series.of("x", 3L, -1L, 2L), Series.of("name", "c", "a", "b"));
        FrameAssert.assertThat(df.sort(SortKey.desc(col("x").abs()))).hasColumnValues("name", "c", "b", "a");
        FrameAssert.assertThat(df.sort("name")).hasColumnValues("x", -1L, 2L, 3L);
        assertThatThrownBy(() -> df.lazy().sort(SortKey.asc("nope"))).isInstanceOf(ColumnNotFoundException.class);
        assertThatThrownBy(() -> df.lazy().sort(new SortKey[0])).hasMessageContaining("at least one key");
        assertThat(df.lazy().sort("x").explain()).startsWith("SORT BY [col(\"x\") ASC NULLS FIRST]");
    }
}
