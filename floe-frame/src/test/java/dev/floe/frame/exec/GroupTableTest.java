package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A group table keyed by one integer column finds most groups through an array indexed by the
 * key and puts them into its hash slots only when a lookup by hash needs them; keys beyond the
 * array's reach are hashed until the array grows over them. Whatever way each key took, a key
 * has one group, in every table and after every merge, and lookups find it.
 */
class GroupTableTest {
    private static final List<DataType> ONE_LONG = List.of(DataType.INT64);

    /** A batch of keys (null where {@code keys[i]} is null). */
    private static List<Vector> batch(Long[] keys) {
        long[] values = new long[keys.length];
        long[] bits = new long[(keys.length + 63) >>> 6];
        boolean nulls = false;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                nulls = true;
            } else {
                values[i] = keys[i];
                bits[i >>> 6] |= 1L << i;
            }
        }
        return List.of(new LongVector(DataType.INT64, values, 0, keys.length, nulls ? Validity.of(bits, keys.length) : null));
    }

    /**
     * Keys mixing ids that climb from 1 with gaps, repeats, values a little and far beyond the
     * direct array's first reach, huge and negative values and nulls.
     */
    private static List<Long[]> batches(long seed, int count, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long[]> out = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        long id = 1;
        for (int b = 0; b < count; b++) {
            Long[] keys = new Long[rows];
            for (int i = 0; i < rows; i++) {
                int kind = random.nextInt(100);
                Long key;
                if (kind < 45) {
                    id += 1 + random.nextInt(12);
                    key = id;
                } else if (kind < 65 && !seen.isEmpty()) {
                    key = seen.get(random.nextInt(seen.size()));
                } else if (kind < 80) {
                    key = 150_000L + random.nextInt(400_000);
                } else if (kind < 88) {
                    key = random.nextLong();
                } else if (kind < 94) {
                    key = (long) -random.nextInt(40_000);
                } else {
                    key = null;
                }
                keys[i] = key;
                if (key != null && seen.size() < 100_000) {
                    seen.add(key);
                }
            }
            out.add(keys);
        }
        return out;
    }

    /** Assigns the batches to a table, checking that each key keeps one group and no two keys share one. */
    private static GroupTable filled(List<Long[]> batches, SplittableRandom random, Map<Long, Integer> groupOfKey) {
        GroupTable table = new GroupTable(ONE_LONG);
        Map<Integer, Long> keyOfGroup = new HashMap<>();
        long start = 0;
        for (Long[] keys : batches) {
            if (random.nextInt(3) == 0) {
                table.reserve(random.nextInt(1, 100_000));
            }
            int[] groups = new int[keys.length];
            table.assign(batch(keys), keys.length, start, groups);
            for (int i = 0; i < keys.length; i++) {
                Integer known = groupOfKey.putIfAbsent(keys[i], groups[i]);
                assertThat(known == null ? groups[i] : known).as("the group of key %s", keys[i]).isEqualTo(groups[i]);
                if (keyOfGroup.containsKey(groups[i])) {
                    assertThat(keyOfGroup.get(groups[i])).as("the key of group %d", groups[i]).isEqualTo(keys[i]);
                } else {
                    keyOfGroup.put(groups[i], keys[i]);
                }
            }
            start += keys.length;
        }
        assertThat(table.groups()).isEqualTo(groupOfKey.size());
        return table;
    }

    @Test
    void everyKeyHasOneGroupWhicheverWayItWasFoundAndMergesKeepThat() {
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom random = new SplittableRandom(seed * 31);
            List<Long[]> first = batches(seed, 5, 4_000);
            List<Long[]> second = batches(seed + 100, 5, 4_000);
            Map<Long, Integer> firstGroups = new HashMap<>();
            Map<Long, Integer> secondGroups = new HashMap<>();
            GroupTable a = filled(first, random, firstGroups);
            GroupTable b = filled(second, random, secondGroups);
            Set<Long> union = new HashSet<>(firstGroups.keySet());
            union.addAll(secondGroups.keySet());
            for (int partitions = 1; partitions <= 3; partitions++) {
                Map<Long, String> placeOfKey = new HashMap<>();
                int total = 0;
                for (int p = 0; p < partitions; p++) {
                    GroupTable merged = new GroupTable(ONE_LONG);
                    if (random.nextBoolean()) {
                        merged.reserve(random.nextInt(1, 50_000));
                    }
                    int[] fromA = merged.merge(a, p, partitions);
                    int[] fromB = merged.merge(b, p, partitions);
                    for (Map.Entry<Long, Integer> e : firstGroups.entrySet()) {
                        if (fromA[e.getValue()] >= 0) {
                            assertThat(placeOfKey.put(e.getKey(), p + ":" + fromA[e.getValue()])).isNull();
                        }
                    }
                    for (Map.Entry<Long, Integer> e : secondGroups.entrySet()) {
                        if (fromB[e.getValue()] >= 0) {
                            String place = p + ":" + fromB[e.getValue()];
                            String before = placeOfKey.putIfAbsent(e.getKey(), place);
                            assertThat(before == null ? place : before).as("key %s in partition %d", e.getKey(), p)
                                    .isEqualTo(place);
                        }
                    }
                    total += merged.groups();
                }
                assertThat(placeOfKey.keySet()).as("%d partitions", partitions).isEqualTo(union);
                assertThat(total).isEqualTo(union.size());
                assertThat(new HashSet<>(placeOfKey.values())).hasSize(union.size());
            }
        }
    }

    @Test
    void groupsComeInTheOrderTheirKeysFirstAppear() {
        List<Long[]> batches = batches(7, 6, 3_000);
        GroupTable table = filled(batches, new SplittableRandom(7), new HashMap<>());
        int[] order = table.orderOfFirstAppearance();
        Vector keys = table.keyVector(0, order);
        LinkedHashSet<Long> expected = new LinkedHashSet<>();
        for (Long[] batch : batches) {
            expected.addAll(java.util.Arrays.asList(batch));
        }
        List<Long> actual = new ArrayList<>();
        for (int i = 0; i < keys.length(); i++) {
            actual.add(keys.isNull(i) ? null : ((LongVector) keys).values()[((LongVector) keys).offset() + i]);
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void aTableBuiltForLookupsFindsEveryKeyItWasGivenAndNoOther() {
        List<Long[]> batches = batches(11, 1, 70_000);
        Long[] keys = batches.get(0);
        GroupTable table = new GroupTable(ONE_LONG);
        int[] groups = new int[keys.length];
        table.assignReserving(batch(keys), keys.length, groups);
        int[] found = new int[keys.length];
        GroupTable.lookup(new GroupTable[] {table}, new int[] {0}, batch(keys), keys.length, found);
        for (int i = 0; i < keys.length; i++) {
            assertThat(found[i]).as("row %d, key %s", i, keys[i]).isEqualTo(keys[i] == null ? -1 : groups[i]);
        }
        Map<Long, Integer> groupOfKey = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            groupOfKey.put(keys[i], groups[i]);
        }
        Long[] others = batches(12, 1, 20_000).get(0);
        int[] missing = new int[others.length];
        GroupTable.lookup(new GroupTable[] {table}, new int[] {0}, batch(others), others.length, missing);
        for (int i = 0; i < others.length; i++) {
            int expected = others[i] == null ? -1 : groupOfKey.getOrDefault(others[i], -1);
            assertThat(missing[i]).as("key %s", others[i]).isEqualTo(expected);
        }
    }
}
