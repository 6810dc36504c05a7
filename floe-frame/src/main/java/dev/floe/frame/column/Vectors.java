package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.List;

/** Operations over vectors of any layout: concatenation (of whole vectors or of ranges of one), the array behind a vector. */
public final class Vectors {
    private Vectors() {}

    /**
     * The chunks copied into one vector of type {@code type}. Each layout is copied by a small
     * method of its own: a query's first run waits for the JIT, and a method that handled every
     * layout was compiled again each time a query brought it a new one.
     */
    public static Vector concat(DataType type, List<Vector> chunks) {
        int n = chunks.size();
        Pieces pieces = new Pieces(chunks.toArray(new Vector[n]), new int[n], new int[n]);
        for (int c = 0; c < n; c++) {
            pieces.lengths[c] = chunks.get(c).length();
        }
        return join(type, pieces);
    }

    /**
     * The rows of {@code vector} in {@code runs} (pairs of first row and length), one run after
     * another, as {@link #concat} of the runs' slices gives them but without making the slices: each
     * run copied whole, a text run's bytes in one copy.
     */
    public static Vector ranges(Vector vector, int[] runs) {
        int n = runs.length / 2;
        Vector[] sources = new Vector[n];
        int[] starts = new int[n];
        int[] lengths = new int[n];
        for (int r = 0; r < n; r++) {
            sources[r] = vector;
            starts[r] = runs[2 * r];
            lengths[r] = runs[2 * r + 1];
        }
        return join(vector.type(), new Pieces(sources, starts, lengths));
    }

    /** Ranges of vectors to put end to end: {@code lengths[p]} values of {@code sources[p]} from its value {@code starts[p]}. */
    private record Pieces(Vector[] sources, int[] starts, int[] lengths) {
        int count() {
            return sources.length;
        }

        /** Where piece {@code p} begins in its source's arrays. */
        int at(int p) {
            return ((AbstractVector) sources[p]).offset() + starts[p];
        }
    }

    private static Vector join(DataType type, Pieces pieces) {
        int length = 0;
        boolean anyNulls = type == DataType.NULL;
        for (int p = 0; p < pieces.count(); p++) {
            length += pieces.lengths[p];
            anyNulls |= pieces.sources[p].validity() != null;
        }
        Validity validity = anyNulls ? validity(pieces, length) : null;
        return switch (type.id()) {
            case NULL -> new NullVector(length);
            case BOOLEAN, INT8 -> new ByteVector(type, values(pieces, new byte[length]), validity);
            case INT16 -> new ShortVector(type, values(pieces, new short[length]), validity);
            case INT32, DATE -> new IntVector(type, values(pieces, new int[length]), validity);
            case INT64, DATETIME, DURATION, TIME -> new LongVector(type, values(pieces, new long[length]), validity);
            case INT128 -> int128s(type, pieces, length, validity);
            case DECIMAL -> type.isLongDecimal() ? new LongVector(type, values(pieces, new long[length]), validity)
                    : int128s(type, pieces, length, validity);
            case FLOAT32 -> new FloatVector(type, values(pieces, new float[length]), validity);
            case FLOAT64 -> new DoubleVector(type, values(pieces, new double[length]), validity);
            case UTF8 -> text(pieces, length, validity);
            case CATEGORICAL -> categorical(pieces, length, validity);
            case MAP -> maps(type, pieces, length, validity);
            case STRUCT -> structs(type, pieces, length, validity);
            default -> {
                if (!type.isList()) {
                    throw new IllegalStateException("unhandled type " + type);
                }
                yield lists(type, pieces, length, validity);
            }
        };
    }

    /**
     * A vector of {@code rows} nulls of type {@code type}: zeroed values, every validity bit clear
     * (what appending {@code rows} nulls to a {@link ColumnBuilder} gives, made without a call a
     * value).
     */
    public static Vector nulls(DataType type, int rows) {
        if (type == DataType.NULL) {
            return new NullVector(rows);
        }
        Validity none = rows == 0 ? null : Validity.of(new long[(rows + 63) >>> 6], rows);
        return switch (type.id()) {
            case BOOLEAN, INT8 -> new ByteVector(type, new byte[rows], none);
            case INT16 -> new ShortVector(type, new short[rows], none);
            case INT32, DATE -> new IntVector(type, new int[rows], none);
            case INT64, DATETIME, DURATION, TIME -> new LongVector(type, new long[rows], none);
            case INT128 -> new Int128Vector(new long[rows], new long[rows], none);
            case DECIMAL -> type.isLongDecimal() ? new LongVector(type, new long[rows], none)
                    : new Int128Vector(type, new long[rows], new long[rows], 0, rows, none);
            case FLOAT32 -> new FloatVector(type, new float[rows], none);
            case FLOAT64 -> new DoubleVector(type, new double[rows], none);
            case UTF8 -> new Utf8Vector(new byte[0], new int[rows + 1], 0, rows, none);
            case CATEGORICAL -> new CategoricalVector(new int[rows], 0, rows, none, new Dictionary.Builder().build());
            case MAP -> new MapVector(type, new int[rows + 1], nulls(type.keyType(), 0), nulls(type.valueType(), 0), 0,
                    rows, none);
            case STRUCT -> {
                List<Vector> fields = new java.util.ArrayList<>();
                for (dev.floe.frame.Schema.Field field : type.fields()) {
                    fields.add(nulls(field.type(), rows));
                }
                yield new StructVector(type, fields, 0, rows, none);
            }
            default -> {
                if (!type.isList()) {
                    throw new IllegalStateException("unhandled type " + type);
                }
                yield new ListVector(new int[rows + 1], nulls(type.elementType(), 0), 0, rows, none);
            }
        };
    }

    /** The validity of the pieces one after another ({@code length} values in all). */
    private static Validity validity(Pieces pieces, int length) {
        long[] bits = new long[(length + 63) >>> 6];
        int at = 0;
        for (int p = 0; p < pieces.count(); p++) {
            Validity source = pieces.sources[p].validity();
            int start = pieces.starts[p];
            int n = pieces.lengths[p];
            if (source == null) {
                setRange(bits, at, at + n);
            } else {
                for (int i = 0; i < n; i++) {
                    if (source.isValid(start + i)) {
                        bits[(at + i) >>> 6] |= 1L << (at + i);
                    }
                }
            }
            at += n;
        }
        return Validity.of(bits, length);
    }

    /** Sets bits {@code from} (inclusive) to {@code to} (exclusive). */
    private static void setRange(long[] bits, int from, int to) {
        if (from >= to) {
            return;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> -to;
        if (first == last) {
            bits[first] |= firstMask & lastMask;
            return;
        }
        bits[first] |= firstMask;
        for (int w = first + 1; w < last; w++) {
            bits[w] = -1L;
        }
        bits[last] |= lastMask;
    }

    /**
     * The pieces' values one after another in {@code into}, an array of their layout as long as
     * all of them (one copy of each piece's range of its main array).
     */
    private static <A> A values(Pieces pieces, A into) {
        int to = 0;
        for (int p = 0; p < pieces.count(); p++) {
            System.arraycopy(backingArray(pieces.sources[p]), pieces.at(p), into, to, pieces.lengths[p]);
            to += pieces.lengths[p];
        }
        return into;
    }

    private static Int128Vector int128s(DataType type, Pieces pieces, int length, Validity validity) {
        long[] high = new long[length];
        long[] low = new long[length];
        int to = 0;
        for (int p = 0; p < pieces.count(); p++) {
            Int128Vector v = (Int128Vector) pieces.sources[p];
            System.arraycopy(v.high(), pieces.at(p), high, to, pieces.lengths[p]);
            System.arraycopy(v.low(), pieces.at(p), low, to, pieces.lengths[p]);
            to += pieces.lengths[p];
        }
        return new Int128Vector(type, high, low, 0, length, validity);
    }

    private static Utf8Vector text(Pieces pieces, int length, Validity validity) {
        int bytes = 0;
        for (int p = 0; p < pieces.count(); p++) {
            int[] offsets = ((Utf8Vector) pieces.sources[p]).offsets();
            bytes += offsets[pieces.at(p) + pieces.lengths[p]] - offsets[pieces.at(p)];
        }
        byte[] data = new byte[bytes];
        int[] offsets = new int[length + 1];
        int row = 0;
        int pos = 0;
        for (int p = 0; p < pieces.count(); p++) {
            Utf8Vector v = (Utf8Vector) pieces.sources[p];
            int at = pieces.at(p);
            int n = pieces.lengths[p];
            int base = v.offsets()[at];
            int size = v.offsets()[at + n] - base;
            System.arraycopy(v.data(), base, data, pos, size);
            shiftOffsets(v.offsets(), at, n, pos - base, offsets, row);
            row += n;
            pos += size;
        }
        return new Utf8Vector(data, offsets, 0, length, validity);
    }

    /** {@code to[at + i + 1] = from[start + i + 1] + shift} for the {@code n} values' ends. */
    private static void shiftOffsets(int[] from, int start, int n, int shift, int[] to, int at) {
        for (int i = 1; i <= n; i++) {
            to[at + i] = from[start + i] + shift;
        }
    }

    private static CategoricalVector categorical(Pieces pieces, int length, Validity validity) {
        // the pieces share one dictionary (as a column's chunks do): the last one's
        Dictionary dictionary = pieces.count() == 0 ? new Dictionary.Builder().build()
                : ((CategoricalVector) pieces.sources[pieces.count() - 1]).dictionary();
        return new CategoricalVector(values(pieces, new int[length]), 0, length, validity, dictionary);
    }

    private static ListVector lists(DataType type, Pieces pieces, int length, Validity validity) {
        int[] offsets = new int[length + 1];
        List<Vector> elements = new java.util.ArrayList<>(pieces.count());
        int row = 0;
        int count = 0;
        for (int p = 0; p < pieces.count(); p++) {
            ListVector v = (ListVector) pieces.sources[p];
            int at = pieces.at(p);
            int n = pieces.lengths[p];
            int base = v.offsets()[at];
            int size = v.offsets()[at + n] - base;
            elements.add(v.elements().slice(base, size));
            shiftOffsets(v.offsets(), at, n, count - base, offsets, row);
            row += n;
            count += size;
        }
        DataType elementType = type.elementType();
        if (elementType == DataType.CATEGORICAL && !elements.isEmpty()) {
            elements = shareDictionary(elements);
        }
        return new ListVector(offsets, concat(elementType, elements), 0, length, validity);
    }

    /** Each field's pieces put end to end, as a column of its own. */
    private static StructVector structs(DataType type, Pieces pieces, int length, Validity validity) {
        List<Vector> fields = new java.util.ArrayList<>(type.fields().size());
        for (int f = 0; f < type.fields().size(); f++) {
            Vector[] sources = new Vector[pieces.count()];
            int[] starts = new int[pieces.count()];
            for (int p = 0; p < pieces.count(); p++) {
                StructVector v = (StructVector) pieces.sources[p];
                sources[p] = v.fields().get(f);
                starts[p] = v.offset() + pieces.starts[p];
            }
            Pieces fieldPieces = new Pieces(sources, starts, pieces.lengths);
            DataType fieldType = type.fields().get(f).type();
            if (fieldType == DataType.CATEGORICAL && pieces.count() > 0) {
                List<Vector> slices = new java.util.ArrayList<>();
                for (int p = 0; p < pieces.count(); p++) {
                    slices.add(sources[p].slice(starts[p], pieces.lengths[p]));
                }
                fields.add(concat(fieldType, shareDictionary(slices)));
            } else {
                fields.add(join(fieldType, fieldPieces));
            }
        }
        return new StructVector(type, fields, 0, length, validity);
    }

    private static MapVector maps(DataType type, Pieces pieces, int length, Validity validity) {
        int[] offsets = new int[length + 1];
        List<Vector> keys = new java.util.ArrayList<>(pieces.count());
        List<Vector> values = new java.util.ArrayList<>(pieces.count());
        int row = 0;
        int count = 0;
        for (int p = 0; p < pieces.count(); p++) {
            MapVector v = (MapVector) pieces.sources[p];
            int at = pieces.at(p);
            int n = pieces.lengths[p];
            int base = v.offsets()[at];
            int size = v.offsets()[at + n] - base;
            keys.add(v.keys().slice(base, size));
            values.add(v.values().slice(base, size));
            shiftOffsets(v.offsets(), at, n, count - base, offsets, row);
            row += n;
            count += size;
        }
        if (type.keyType() == DataType.CATEGORICAL && !keys.isEmpty()) {
            keys = shareDictionary(keys);
        }
        if (type.valueType() == DataType.CATEGORICAL && !values.isEmpty()) {
            values = shareDictionary(values);
        }
        return new MapVector(type, offsets, concat(type.keyType(), keys), concat(type.valueType(), values), 0, length,
                validity);
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
            case MapVector v -> v.offsets();
            case StructVector v -> v.fields();
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
