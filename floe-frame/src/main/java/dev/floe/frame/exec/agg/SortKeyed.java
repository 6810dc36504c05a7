package dev.floe.frame.exec.agg;

import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.SortKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * An accumulator given lists, maps or structs as their sort keys ({@link SortKeys}: equal values,
 * equal keys, in the values' order): {@code nUnique} counts distinct nested values as it counts text
 * (the keys in place of the values), {@code min} and {@code max} are {@code minBy}/{@code maxBy} of
 * the value by its own key (the key after the value).
 */
final class SortKeyed implements Accumulator {
    private final Accumulator keys;
    private final boolean byOwnKey;

    SortKeyed(Accumulator keys, boolean byOwnKey) {
        this.keys = keys;
        this.byOwnKey = byOwnKey;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        if (byOwnKey) {
            keys.add(groups, rows, groupCount, List.of(inputs.get(0), SortKeys.encode(inputs.get(0))), firstRow);
            return;
        }
        List<Vector> encoded = new ArrayList<>(inputs);
        for (int i = 0; i < encoded.size(); i++) {
            if (encoded.get(i).type().isNested()) {
                encoded.set(i, SortKeys.encode(encoded.get(i)));
            }
        }
        keys.add(groups, rows, groupCount, encoded, firstRow);
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        keys.merge(((SortKeyed) other).keys, mapping, groupCount);
    }

    @Override
    public Vector finish(int[] order) {
        return keys.finish(order);
    }

    @Override
    public long sizeInBytes(int groups) {
        return keys.sizeInBytes(groups);
    }
}
