package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.Utf8Vector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dictionary for a categorical column that an operator writes to spill files piece by piece:
 * each piece is written as codes in it, so the files carry no dictionary of their own, and what
 * reads them back gets one dictionary for every piece (a group table then hashes no text to
 * translate one piece's codes into another's). The pieces' own dictionaries (a file's row groups
 * each bring one) are translated value by value as their codes are first met, and the last few
 * translations are kept. Thread-safe.
 */
final class SharedDictionary {
    private static final int KEPT_MAPS = 8;

    private final Dictionary.Builder builder;
    /** The values so far as a dictionary: made again only when values were added since. */
    private Dictionary built;
    /** A dictionary whose codes are this one's (it starts with its values), or null. */
    private final Dictionary seed;

    SharedDictionary() {
        this.builder = new Dictionary.Builder();
        this.seed = null;
    }

    /** A shared dictionary that starts with {@code seed}'s values: codes in {@code seed} are codes here. */
    SharedDictionary(Dictionary seed) {
        this.builder = Dictionary.Builder.startingWith(seed);
        this.seed = seed;
    }
    /** For the dictionary lineages met last, each code's code here (-1 until met); grown with the lineage. */
    private final Map<Object, int[]> maps = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, int[]> eldest) {
            return size() > KEPT_MAPS;
        }
    };

    /** The column's codes in this dictionary (INT32, the same validity). */
    synchronized IntVector codes(CategoricalVector column) {
        int length = column.length();
        int[] codes = column.codes();
        int offset = column.offset();
        int[] out = new int[length];
        Dictionary dictionary = column.dictionary();
        if (dictionary.lineage() == builder.lineage() || seed != null && seed.covers(dictionary)) {
            System.arraycopy(codes, offset, out, 0, length);
            return new IntVector(DataType.INT32, out, column.validity());
        }
        int[] map = maps.get(dictionary.lineage());
        if (map == null || map.length < dictionary.size()) {
            int had = map == null ? 0 : map.length;
            map = map == null ? new int[dictionary.size()] : Arrays.copyOf(map, Math.max(dictionary.size(), had * 3 / 2));
            Arrays.fill(map, had, map.length, -1);
            maps.put(dictionary.lineage(), map);
        }
        Utf8Vector values = dictionary.values();
        byte[] data = values.data();
        for (int i = 0; i < length; i++) {
            if (column.isNull(i)) {
                continue;
            }
            int code = codes[offset + i];
            int mapped = map[code];
            if (mapped < 0) {
                mapped = builder.codeOf(data, values.start(code), values.byteLength(code));
                map[code] = mapped;
            }
            out[i] = mapped;
        }
        return new IntVector(DataType.INT32, out, column.validity());
    }

    /** The dictionary the codes given so far index: the same object until values are added. */
    synchronized Dictionary dictionary() {
        if (built == null || built.size() != builder.size()) {
            built = builder.build();
        }
        return built;
    }

    /** Codes given by {@link #codes} as a categorical column again. */
    CategoricalVector categorical(IntVector codes) {
        return new CategoricalVector(codes.values(), codes.offset(), codes.length(), codes.validity(), dictionary());
    }
}
