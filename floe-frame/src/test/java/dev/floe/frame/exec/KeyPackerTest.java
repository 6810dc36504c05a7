package dev.floe.frame.exec;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Row;
import dev.floe.frame.Series;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Short text keys pack into a long with other keys: their bytes (in the bits the column's range
 * of bytes needs) and their length, so that "" and null, "a" and "a\0", and any two strings stay
 * apart, and unpack to the same strings. Grouping on them, over a frame or over the rows a filter
 * keeps of it, gives the groups and order of first appearance that unpacked keys give.
 */
class KeyPackerTest {
    private static final String[] WORDS = {"", "a", "b", "a\0", "\0", "ab", "é", "日本", "ÿÿÿ", "zzzzzzz", "A",
        "1234567"};

    private static DataFrame frame(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] first = new String[rows];
        String[] second = new String[rows];
        Long[] number = new Long[rows];
        long[] value = new long[rows];
        for (int i = 0; i < rows; i++) {
            first[i] = random.nextInt(8) == 0 ? null : WORDS[random.nextInt(WORDS.length)];
            second[i] = random.nextInt(8) == 0 ? null : WORDS[random.nextInt(4)];
            number[i] = random.nextInt(9) == 0 ? null : (long) random.nextInt(-3, 4);
            value[i] = i;
        }
        return DataFrame.of(Series.of("s", first), Series.of("t", second), Series.of("n", Arrays.asList(number)),
                Series.of("v", value));
    }

    /** A packer of these keys of the frame's rows, from the frame's own bounds. */
    private static KeyPacker packer(List<Expr> keys, DataFrame frame) {
        return KeyPacker.of(keys, frame.schema(), ValueBounds.of(frame));
    }

    @Test
    void shortTextKeysPackWithOtherKeysAndComeBackAsTheyWere() {
        DataFrame data = frame(2_000, 1);
        // seven bytes of eight bits and a length (60 bits) beside 3 bits of numbers; two short
        // texts around them
        for (List<String> names : List.of(List.of("s", "n"), List.of("t", "n", "t"), List.of("s"))) {
            List<Expr> keys = names.stream().<Expr>map(name -> col(name)).toList();
            KeyPacker packer = packer(keys, data);
            assertThat(packer).as("%s", names).isNotNull();
            List<Vector> columns = names.stream().map(name -> data.column(name).column().chunk(0)).toList();
            Vector packed = packer.pack(columns, data.height());
            // equal packed keys exactly where all the keys are equal
            Map<Long, List<Object>> seen = new LinkedHashMap<>();
            Map<List<Object>, Long> packedOf = new LinkedHashMap<>();
            long[] numbers = Kernels.longs(packed);
            for (int i = 0; i < data.height(); i++) {
                int row = i;
                List<Object> values = names.stream().map(name -> data.column(name).get(row)).toList();
                List<Object> before = seen.putIfAbsent(numbers[i], values);
                assertThat(before == null ? values : before).as("%s, row %d", names, i).isEqualTo(values);
                Long number = packedOf.putIfAbsent(values, numbers[i]);
                assertThat(number == null ? numbers[i] : number).as("%s, row %d", names, i).isEqualTo(numbers[i]);
            }
            List<Vector> back = packer.unpack(packed);
            for (int k = 0; k < names.size(); k++) {
                for (int i = 0; i < data.height(); i++) {
                    assertThat(back.get(k).get(i)).as("%s: key %d, row %d", names, k, i)
                            .isEqualTo(columns.get(k).get(i));
                }
            }
        }
        assertThat(packer(List.of(col("s"), col("n"), col("t")), data)).as("79 bits").isNull();
    }

    @Test
    void textPacksWhenItsBytesAndLengthFitAndNotOtherwise() {
        // ten bytes from 'a' to 'j' take four bits each
        DataFrame narrow = DataFrame.of(Series.of("s", new String[] {"abcdefghij", "j", "", null, "aaaa"}),
                Series.of("n", new long[] {1, 2, 3, 4, 5}));
        KeyPacker packer = packer(List.of(col("s"), col("n")), narrow);
        assertThat(packer).isNotNull();
        List<Vector> columns = List.of(narrow.column("s").column().chunk(0), narrow.column("n").column().chunk(0));
        List<Vector> back = packer.unpack(packer.pack(columns, 5));
        assertThat(java.util.stream.IntStream.range(0, 5).mapToObj(i -> back.get(0).get(i)).toList())
                .containsExactly("abcdefghij", "j", "", null, "aaaa");
        // eight bytes spread from 0x01 to 0xC3 take eight bits each: 64 bits and a length
        DataFrame wide = DataFrame.of(Series.of("s", new String[] {"\u0001abcdefg", "ÿ"}),
                Series.of("n", new long[] {1, 2}));
        assertThat(packer(List.of(col("s")), wide)).isNull();
        // past 63 bytes no text packs, and its bytes are not read for their range
        DataFrame longer = DataFrame.of(Series.of("s", new String[] {"a".repeat(64), "b"}));
        assertThat(longer.column("s").column().textShape()).containsExactly(64, 0, 255);
        assertThat(packer(List.of(col("s")), longer)).isNull();
        DataFrame shorter = DataFrame.of(Series.of("s", new String[] {"a".repeat(63), "b"}));
        assertThat(shorter.column("s").column().textShape()).containsExactly(63, 'a', 'b');
        // one value of one byte repeated takes no bits a byte: its length tells it
        DataFrame same = DataFrame.of(Series.of("s", new String[] {"zzz", "z", "zzzzzzzzzzzz", "z"}));
        KeyPacker lengths = packer(List.of(col("s")), same);
        assertThat(lengths).isNotNull();
        Vector packed = lengths.pack(List.of(same.column("s").column().chunk(0)), 4);
        assertThat(Kernels.longs(packed)[1]).isEqualTo(Kernels.longs(packed)[3]);
        assertThat(Kernels.longs(packed)[0]).isNotEqualTo(Kernels.longs(packed)[1]);
        List<Vector> lengthsBack = lengths.unpack(packed);
        assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(i -> lengthsBack.get(0).get(i)).toList())
                .containsExactly("zzz", "z", "zzzzzzzzzzzz", "z");
    }

    @Test
    void groupsOnPackedTextKeysAreThoseOfTheKeysAsTheyAre() {
        for (long seed = 1; seed <= 4; seed++) {
            DataFrame data = frame(3_000, seed);
            for (boolean filtered : new boolean[] {false, true}) {
                var input = filtered ? data.lazy().filter(col("v").gt(700)) : data.lazy();
                DataFrame grouped = input.groupBy("s", "t").agg(Exprs.len().alias("rows"), col("v").sum().alias("sum"))
                        .collect();
                DataFrame single = input.groupBy("s").agg(col("v").min().alias("first")).collect();
                // the reference: groups in order of first appearance, from the rows one by one
                Map<List<Object>, long[]> expected = new LinkedHashMap<>();
                Map<Object, Long> firsts = new LinkedHashMap<>();
                for (int i = 0; i < data.height(); i++) {
                    long v = (Long) data.column("v").get(i);
                    if (filtered && v <= 700) {
                        continue;
                    }
                    long[] acc = expected.computeIfAbsent(Arrays.asList(data.column("s").get(i),
                            data.column("t").get(i)), k -> new long[2]);
                    acc[0]++;
                    acc[1] += v;
                    firsts.putIfAbsent(data.column("s").get(i), v);
                }
                List<List<Object>> expectedRows = new ArrayList<>();
                expected.forEach((key, acc) -> expectedRows.add(List.of(Arrays.asList(key.get(0), key.get(1)), acc[0],
                        acc[1])));
                List<List<Object>> actualRows = new ArrayList<>();
                for (Row row : grouped) {
                    actualRows.add(List.of(Arrays.asList(row.get("s"), row.get("t")), row.get("rows"), row.get("sum")));
                }
                assertThat(actualRows).as("seed %d, filtered %s", seed, filtered).isEqualTo(expectedRows);
                List<Object> singleKeys = new ArrayList<>();
                List<Object> singleFirsts = new ArrayList<>();
                for (Row row : single) {
                    singleKeys.add(row.get("s"));
                    singleFirsts.add(row.get("first"));
                }
                assertThat(singleKeys).isEqualTo(new ArrayList<>(firsts.keySet()));
                assertThat(singleFirsts).isEqualTo(new ArrayList<>(firsts.values()));
            }
        }
    }

    /** Bounds a file claims (its statistics), which its values need not keep to. */
    private static ValueBounds claimed(long[] range, int[] shape) {
        return new ValueBounds() {
            @Override
            public long[] integerRange(String column) {
                return range;
            }

            @Override
            public int[] textShape(String column) {
                return shape;
            }

            @Override
            public dev.floe.frame.column.Dictionary dictionary(String column) {
                return null;
            }

            @Override
            public String origin() {
                return "the statistics of file x.parquet";
            }
        };
    }

    @Test
    void aValueOutsideTheBoundsItsInputClaimedFailsNamingTheColumnAndWhereTheBoundsCameFrom() {
        DataFrame data = DataFrame.of(Series.of("s", new String[] {"ab", "b", null, "ba"}),
                Series.of("n", new long[] {3, 4, 5, 6}));
        List<Vector> columns = List.of(data.column("s").column().chunk(0), data.column("n").column().chunk(0));
        List<Expr> keys = List.of(col("s"), col("n"));
        // the bounds the values keep to pack, and unpack to the same values
        KeyPacker exact = KeyPacker.of(keys, data.schema(), claimed(new long[] {3, 6}, new int[] {2, 'a', 'b'}));
        List<Vector> back = exact.unpack(exact.pack(columns, 4));
        assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(i -> back.get(0).get(i)).toList())
                .containsExactly("ab", "b", null, "ba");
        assertThat(java.util.stream.IntStream.range(0, 4).mapToObj(i -> back.get(1).get(i)).toList())
                .containsExactly(3L, 4L, 5L, 6L);
        // a number past the claimed range, below it, a text longer than claimed, a byte outside the range
        for (Object[] lie : new Object[][] {{new long[] {3, 5}, new int[] {2, 'a', 'b'}, "'n'"},
            {new long[] {4, 6}, new int[] {2, 'a', 'b'}, "'n'"}, {new long[] {3, 6}, new int[] {1, 'a', 'b'}, "'s'"},
            {new long[] {3, 6}, new int[] {2, 'b', 'b'}, "'s'"}, {new long[] {3, 6}, new int[] {2, 'a', 'a'}, "'s'"},
            {new long[] {3, 6}, new int[] {0, 0, 0}, "'s'"}}) {
            KeyPacker packer = KeyPacker.of(keys, data.schema(), claimed((long[]) lie[0], (int[]) lie[1]));
            assertThat(packer).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> packer.pack(columns, 4))
                    .isInstanceOf(dev.floe.FloeException.class)
                    .hasMessageContaining("column " + lie[2]).hasMessageContaining("the statistics of file x.parquet");
        }
        // a range up to the largest long: values below it pack, and back
        DataFrame extremes = DataFrame.of(Series.of("n", new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 2, 0}));
        KeyPacker wide = KeyPacker.of(List.of(col("n")), extremes.schema(),
                claimed(new long[] {Long.MAX_VALUE - 2, Long.MAX_VALUE}, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wide.pack(List.of(extremes.column("n").column()
                .chunk(0)), 3)).isInstanceOf(dev.floe.FloeException.class).hasMessageContaining("column 'n'");
        Vector top = extremes.column("n").column().chunk(0).slice(0, 2);
        List<Vector> topBack = wide.unpack(wide.pack(List.of(top), 2));
        assertThat(List.of(topBack.get(0).get(0), topBack.get(0).get(1))).containsExactly(Long.MAX_VALUE,
                Long.MAX_VALUE - 2);
        // nothing known of a key: no packer
        assertThat(KeyPacker.of(keys, data.schema(), claimed(null, new int[] {2, 'a', 'b'}))).isNull();
        assertThat(KeyPacker.of(keys, data.schema(), claimed(new long[] {3, 6}, null))).isNull();
    }
}
