package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.List;

/** Operations over vectors of any layout: concatenation, the array behind a vector. */
public final class Vectors {
    private Vectors() {}

    /** The chunks copied into one vector of type {@code type}. */
    public static Vector concat(DataType type, List<Vector> chunks) {
        int length = 0;
        for (Vector chunk : chunks) {
            length += chunk.length();
        }
        Validity validity = null;
        boolean anyNulls = type == DataType.NULL;
        for (Vector chunk : chunks) {
            anyNulls |= chunk.validity() != null;
        }
        if (anyNulls) {
            long[] bits = new long[(length + 63) >>> 6];
            int at = 0;
            for (Vector chunk : chunks) {
                Validity chunkValidity = chunk.validity();
                for (int i = 0; i < chunk.length(); i++) {
                    if (chunkValidity == null || chunkValidity.isValid(i)) {
                        bits[(at + i) >>> 6] |= 1L << (at + i);
                    }
                }
                at += chunk.length();
            }
            validity = Validity.of(bits, length);
        }
        return switch (type) {
            case NULL -> new NullVector(length);
            case BOOLEAN, INT8 -> {
                byte[] values = new byte[length];
                int to = 0;
                for (Vector chunk : chunks) {
                    ByteVector v = (ByteVector) chunk;
                    System.arraycopy(v.values(), v.offset(), values, to, v.length());
                    to += v.length();
                }
                yield new ByteVector(type, values, validity);
            }
            case INT16 -> {
                short[] values = new short[length];
                int to = 0;
                for (Vector chunk : chunks) {
                    ShortVector v = (ShortVector) chunk;
                    System.arraycopy(v.values(), v.offset(), values, to, v.length());
                    to += v.length();
                }
                yield new ShortVector(type, values, validity);
            }
            case INT32, DATE -> {
                int[] values = new int[length];
                int to = 0;
                for (Vector chunk : chunks) {
                    IntVector v = (IntVector) chunk;
                    System.arraycopy(v.values(), v.offset(), values, to, v.length());
                    to += v.length();
                }
                yield new IntVector(type, values, validity);
            }
            case INT64, DATETIME, DURATION -> {
                long[] values = new long[length];
                int to = 0;
                for (Vector chunk : chunks) {
                    LongVector v = (LongVector) chunk;
                    System.arraycopy(v.values(), v.offset(), values, to, v.length());
                    to += v.length();
                }
                yield new LongVector(type, values, validity);
            }
            case INT128 -> {
                long[] high = new long[length];
                long[] low = new long[length];
                int to = 0;
                for (Vector chunk : chunks) {
                    Int128Vector v = (Int128Vector) chunk;
                    System.arraycopy(v.high(), v.offset(), high, to, v.length());
                    System.arraycopy(v.low(), v.offset(), low, to, v.length());
                    to += v.length();
                }
                yield new Int128Vector(high, low, validity);
            }
            case FLOAT32 -> {
                float[] values = new float[length];
                int to = 0;
                for (Vector chunk : chunks) {
                    FloatVector v = (FloatVector) chunk;
                    System.arraycopy(v.values(), v.offset(), values, to, v.length());
                    to += v.length();
                }
                yield new FloatVector(type, values, validity);
            }
            case FLOAT64 -> {
                double[] values = new double[length];
                int to = 0;
                for (Vector chunk : chunks) {
                    DoubleVector v = (DoubleVector) chunk;
                    System.arraycopy(v.values(), v.offset(), values, to, v.length());
                    to += v.length();
                }
                yield new DoubleVector(type, values, validity);
            }
            case UTF8 -> {
                int bytes = 0;
                for (Vector chunk : chunks) {
                    Utf8Vector v = (Utf8Vector) chunk;
                    bytes += v.offsets()[v.offset() + v.length()] - v.offsets()[v.offset()];
                }
                byte[] data = new byte[bytes];
                int[] offsets = new int[length + 1];
                int row = 0;
                int pos = 0;
                for (Vector chunk : chunks) {
                    Utf8Vector v = (Utf8Vector) chunk;
                    int base = v.offsets()[v.offset()];
                    int size = v.offsets()[v.offset() + v.length()] - base;
                    System.arraycopy(v.data(), base, data, pos, size);
                    for (int i = 0; i < v.length(); i++) {
                        offsets[row + i + 1] = pos + v.offsets()[v.offset() + i + 1] - base;
                    }
                    row += v.length();
                    pos += size;
                }
                yield new Utf8Vector(data, offsets, 0, length, validity);
            }
            case CATEGORICAL -> {
                int[] codes = new int[length];
                int to = 0;
                Dictionary dictionary = null;
                for (Vector chunk : chunks) {
                    CategoricalVector v = (CategoricalVector) chunk;
                    System.arraycopy(v.codes(), v.offset(), codes, to, v.length());
                    to += v.length();
                    dictionary = v.dictionary();
                }
                yield new CategoricalVector(codes, 0, length, validity,
                        dictionary == null ? new Dictionary.Builder().build() : dictionary);
            }
            default -> {
                if (!type.isList()) {
                    throw new IllegalStateException("unhandled type " + type);
                }
                int[] offsets = new int[length + 1];
                List<Vector> elements = new java.util.ArrayList<>(chunks.size());
                int row = 0;
                int count = 0;
                for (Vector chunk : chunks) {
                    ListVector v = (ListVector) chunk;
                    int base = v.offsets()[v.offset()];
                    int size = v.offsets()[v.offset() + v.length()] - base;
                    elements.add(v.elements().slice(base, size));
                    for (int i = 0; i < v.length(); i++) {
                        offsets[row + i + 1] = count + v.offsets()[v.offset() + i + 1] - base;
                    }
                    row += v.length();
                    count += size;
                }
                DataType elementType = type.elementType();
                if (elementType == DataType.CATEGORICAL && !elements.isEmpty()) {
                    elements = shareDictionary(elements);
                }
                yield new ListVector(offsets, concat(elementType, elements), 0, length, validity);
            }
        };
    }

    /**
     * Categorical chunks re-encoded over one dictionary, as a column requires: chunks of one
     * dictionary lineage ({@link Dictionary#covers}) keep their codes over its largest dictionary;
     * chunks of several lineages go over their union (the first lineage's values, then the others'
     * new values in order), the later lineages' codes mapped once each. Chunks already sharing one
     * dictionary are returned as they are. Work per distinct value, plus one pass over the codes.
     */
    public static List<Vector> shareDictionary(List<Vector> chunks) {
        // the largest dictionary of each lineage (it covers the others of its lineage), in order of first appearance
        java.util.Map<Object, Dictionary> largest = new java.util.LinkedHashMap<>();
        boolean shared = true;
        Dictionary firstSeen = ((CategoricalVector) chunks.get(0)).dictionary();
        for (Vector chunk : chunks) {
            Dictionary dictionary = ((CategoricalVector) chunk).dictionary();
            shared &= dictionary == firstSeen;
            largest.merge(dictionary.lineage(), dictionary, (a, b) -> a.size() >= b.size() ? a : b);
        }
        if (shared) {
            return chunks;
        }
        java.util.Iterator<Dictionary> lineages = largest.values().iterator();
        Dictionary first = lineages.next();
        Dictionary union = first;
        java.util.Map<Object, int[]> remaps = new java.util.HashMap<>();
        if (lineages.hasNext()) {
            // the union starts with the first lineage's values, so chunks of that lineage keep their codes
            Dictionary.Builder merged = Dictionary.Builder.startingWith(first);
            while (lineages.hasNext()) {
                Dictionary other = lineages.next();
                remaps.put(other.lineage(), merged.codesOf(other));
            }
            union = merged.build();
        }
        java.util.List<Vector> out = new java.util.ArrayList<>(chunks.size());
        for (Vector chunk : chunks) {
            CategoricalVector categorical = (CategoricalVector) chunk;
            int[] remap = remaps.get(categorical.dictionary().lineage());
            if (remap == null) {
                out.add(new CategoricalVector(categorical.codes(), categorical.offset(), categorical.length(),
                        categorical.validity(), union));
                continue;
            }
            int[] codes = new int[categorical.length()];
            int[] source = categorical.codes();
            int offset = categorical.offset();
            for (int i = 0; i < codes.length; i++) {
                codes[i] = categorical.isNull(i) ? 0 : remap[source[offset + i]];
            }
            out.add(new CategoricalVector(codes, 0, codes.length, categorical.validity(), union));
        }
        return out;
    }

    /** The main array behind a vector, to tell shared storage apart. */
    static Object backingArray(Vector vector) {
        return switch (vector) {
            case ByteVector v -> v.values();
            case ShortVector v -> v.values();
            case IntVector v -> v.values();
            case LongVector v -> v.values();
            case Int128Vector v -> v.low();
            case FloatVector v -> v.values();
            case DoubleVector v -> v.values();
            case Utf8Vector v -> v.data();
            case CategoricalVector v -> v.codes();
            case NullVector v -> v;
            case ListVector v -> v.offsets();
        };
    }

    /**
     * A categorical vector whose dictionary is larger than its length, over a dictionary of only the
     * values it uses (in their old codes' order), so that a few rows taken from a large column do
     * not carry its whole dictionary (to a spill file, into a merge of dictionaries). Any other
     * vector as it is.
     */
    public static Vector compactDictionary(Vector column) {
        if (!(column instanceof CategoricalVector categorical) || categorical.dictionary().size() <= column.length()) {
            return column;
        }
        int rows = column.length();
        int[] codes = categorical.codes();
        int offset = categorical.offset();
        int[] used = new int[rows];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            if (!column.isNull(i)) {
                used[count++] = codes[offset + i];
            }
        }
        java.util.Arrays.sort(used, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || used[distinct - 1] != used[i]) {
                used[distinct++] = used[i];
            }
        }
        Utf8Vector values = categorical.dictionary().values();
        byte[] data = values.data();
        Dictionary.Builder dictionary = new Dictionary.Builder();
        for (int k = 0; k < distinct; k++) {
            dictionary.codeOf(data, values.start(used[k]), values.byteLength(used[k]));
        }
        int[] recoded = new int[rows];
        for (int i = 0; i < rows; i++) {
            if (!column.isNull(i)) {
                recoded[i] = java.util.Arrays.binarySearch(used, 0, distinct, codes[offset + i]);
            }
        }
        return new CategoricalVector(recoded, 0, rows, categorical.validity(), dictionary.build());
    }
}
