package dev.floe.parquet;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.StructVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.schema.MessageType;

/**
 * Lists, maps and structs, nested to any depth, read from and written to Parquet's repetition and
 * definition levels.
 *
 * <p>Reading: each leaf of the column's tree is read once into its levels and its present values.
 * A field's slots (its places: a row for the column itself, an element for a list's element, an entry
 * for a map's key and value, the struct's own for a struct's fields) are, in any leaf below it, the
 * entries whose repetition level is at most the field's (the levels of the lists around it) and whose
 * definition level reaches the level at which the field's place exists. A slot holds a value where
 * its definition level reaches the field's own; a list's elements are the slots of its element field
 * between its slot and the next. Each field is so assembled from its first leaf, a struct's fields each
 * from theirs.
 */
final class NestedColumns {
    private NestedColumns() {}

    /** One leaf's entries: their repetition and definition levels, and the present values in order. */
    private record Levels(int[] repetition, int[] definition, int count, int maxDefinition, Vector values,
            int[] valueIndex) {}

    /** The column {@code column} of a row group of {@code rows} rows. */
    static Vector read(ParquetColumn column, ColumnReadStore store, MessageType schema, int rows, String file) {
        Reader reader = new Reader(store, schema, file, column.name());
        Vector vector = reader.assemble(column.node(), 0, 0);
        if (vector.length() != rows) {
            throw new dev.floe.FloeException("'" + file + "' is corrupt: column '" + column.name() + "' holds "
                    + vector.length() + " rows in a row group of " + rows);
        }
        return vector;
    }

    private static final class Reader {
        private final ColumnReadStore store;
        private final MessageType schema;
        private final String file;
        private final String column;
        private final Map<String, Levels> leaves = new HashMap<>();

        Reader(ColumnReadStore store, MessageType schema, String file, String column) {
            this.store = store;
            this.schema = schema;
            this.file = file;
            this.column = column;
        }

        private dev.floe.FloeException corrupt(String why) {
            return new dev.floe.FloeException("'" + file + "' is corrupt: column '" + column + "' " + why);
        }

        /** The leaf's entries, read on first use. */
        private Levels levels(ParquetColumn.Node leaf) {
            String key = String.join("\u0000", leaf.path());
            Levels known = leaves.get(key);
            if (known != null) {
                return known;
            }
            ColumnReader reader = store.getColumnReader(leaf.descriptor());
            long total = reader.getTotalValueCount();
            if (total > Integer.MAX_VALUE - 8) {
                throw corrupt("holds more than 2^31 values in one row group");
            }
            int n = (int) total;
            int[] repetition = new int[n];
            int[] definition = new int[n];
            int[] valueIndex = new int[n];
            int maxDefinition = leaf.descriptor().getMaxDefinitionLevel();
            dev.floe.frame.column.ColumnBuilder values = dev.floe.frame.column.ColumnBuilder.of(leaf.type(), column,
                    Math.max(16, n));
            ParquetColumn owner = new ParquetColumn(column, leaf.type(), null, leaf.primitive(), leaf.descriptor());
            int present = 0;
            for (int i = 0; i < n; i++) {
                repetition[i] = reader.getCurrentRepetitionLevel();
                definition[i] = reader.getCurrentDefinitionLevel();
                valueIndex[i] = present;
                if (definition[i] == maxDefinition) {
                    values.append(leaf.type() == DataType.NULL ? null
                            : ColumnDecoding.value(leaf.primitive(), leaf.type(), reader, file, owner));
                    present++;
                }
                reader.consume();
            }
            int maxRepetition = leaf.descriptor().getMaxRepetitionLevel();
            for (int i = 0; i < n; i++) {
                if (definition[i] > maxDefinition || repetition[i] > maxRepetition || i == 0 && repetition[i] != 0) {
                    throw corrupt("holds levels outside its schema (entry " + i + ": repetition " + repetition[i]
                            + ", definition " + definition[i] + ")");
                }
            }
            Levels levels = new Levels(repetition, definition, n, maxDefinition, values.build().toVector(), valueIndex);
            leaves.put(key, levels);
            return levels;
        }

        /** The entries of {@code levels} that are slots of a field whose places repeat at {@code r} and exist from {@code e}. */
        private static int[] slots(Levels levels, int r, int e) {
            int count = 0;
            for (int i = 0; i < levels.count; i++) {
                if (levels.repetition[i] <= r && levels.definition[i] >= e) {
                    count++;
                }
            }
            int[] out = new int[count];
            int at = 0;
            for (int i = 0; i < levels.count; i++) {
                if (levels.repetition[i] <= r && levels.definition[i] >= e) {
                    out[at++] = i;
                }
            }
            return out;
        }

        private Validity validity(Levels levels, int[] slots, int defined) {
            long[] bits = new long[(slots.length + 63) >>> 6];
            for (int k = 0; k < slots.length; k++) {
                if (levels.definition[slots[k]] >= defined) {
                    bits[k >>> 6] |= 1L << k;
                }
            }
            return Validity.of(bits, slots.length);
        }

        /** The values of {@code node}, whose places repeat at level {@code r} and exist from definition level {@code e}. */
        Vector assemble(ParquetColumn.Node node, int r, int e) {
            Levels levels = levels(node.firstLeaf());
            int[] slots = slots(levels, r, e);
            int n = slots.length;
            switch (node.kind()) {
                case PRIMITIVE -> {
                    int[] positions = new int[n];
                    for (int k = 0; k < n; k++) {
                        int s = slots[k];
                        positions[k] = levels.definition[s] == levels.maxDefinition ? levels.valueIndex[s] : -1;
                    }
                    if (levels.values.length() == 0) {
                        return Kernels.nulls(node.type(), n);
                    }
                    return Kernels.gatherOrNull(levels.values, positions, n);
                }
                case STRUCT -> {
                    sameShapeBelow(node, r, e, -1, -1);
                    Validity validity = validity(levels, slots, schema.getMaxDefinitionLevel(node.path()));
                    List<Vector> fields = new ArrayList<>(node.children().size());
                    for (ParquetColumn.Node child : node.children()) {
                        Vector field = assemble(child, r, e);
                        if (field.length() != n) {
                            throw corrupt("has " + field.length() + " values in field '" + child.path()[child.path().length - 1]
                                    + "' for " + n + " structs");
                        }
                        fields.add(field);
                    }
                    return new StructVector(node.type(), fields, 0, n, validity);
                }
                default -> {
                    // a list or a map: its entries are the slots of the fields below its repeated group
                    boolean bare = java.util.Arrays.equals(node.path(), node.repeated()); // never null itself
                    int childR = schema.getMaxRepetitionLevel(node.repeated());
                    int childE = schema.getMaxDefinitionLevel(node.repeated());
                    sameShapeBelow(node, r, e, childR, childE);
                    Validity validity = bare ? null : validity(levels, slots, schema.getMaxDefinitionLevel(node.path()));
                    int[] entries = slots(levels, childR, childE);
                    int[] offsets = offsets(levels, slots, entries);
                    if (node.kind() == ParquetColumn.Kind.LIST) {
                        Vector elements = assemble(node.children().get(0), childR, childE);
                        if (elements.length() != entries.length) {
                            throw corrupt("has " + elements.length() + " list elements where its levels say "
                                    + entries.length);
                        }
                        return new ListVector(offsets, elements, 0, n, validity);
                    }
                    Vector keys = assemble(node.children().get(0), childR, childE);
                    Vector values = node.children().size() > 1 ? assemble(node.children().get(1), childR, childE)
                            : Kernels.nulls(DataType.NULL, entries.length);
                    if (keys.length() != entries.length || values.length() != entries.length) {
                        throw corrupt("has " + keys.length() + " map keys and " + values.length()
                                + " values where its levels say " + entries.length);
                    }
                    checkKeys(keys, offsets, n, r == 0);
                    return new MapVector(node.type(), offsets, keys, values, 0, n, validity);
                }
            }
        }

        /** Where each slot's entries begin among {@code entries}, the slots of the field below (and where they end). */
        private int[] offsets(Levels levels, int[] slots, int[] entries) {
            int n = slots.length;
            int[] offsets = new int[n + 1];
            int c = 0;
            for (int k = 0; k < n; k++) {
                int end = k + 1 < n ? slots[k + 1] : levels.count;
                while (c < entries.length && entries[c] < end) {
                    c++;
                }
                offsets[k + 1] = c;
            }
            if (c != entries.length) {
                throw corrupt("has entries outside its rows");
            }
            return offsets;
        }

        /**
         * Every leaf below {@code node} gives it the same places, nulls and (for a list or map, whose entries
         * repeat at {@code childR} and exist from {@code childE}; -1 for a struct) entries per place as its
         * first leaf does: leaves that disagree make the file corrupt, where reading each field from its own
         * leaf would put values in other rows.
         */
        private void sameShapeBelow(ParquetColumn.Node node, int r, int e, int childR, int childE) {
            List<ParquetColumn.Node> below = new ArrayList<>();
            leaves(node, below);
            if (below.size() < 2) {
                return;
            }
            int defined = schema.getMaxDefinitionLevel(node.path());
            long[] firstShape = null;
            for (ParquetColumn.Node leaf : below) {
                Levels levels = levels(leaf);
                int[] slots = slots(levels, r, e);
                long[] shape = new long[2 * slots.length + 1];
                shape[0] = slots.length;
                for (int k = 0; k < slots.length; k++) {
                    shape[1 + k] = levels.definition[slots[k]] >= defined ? 1 : 0;
                }
                if (childR >= 0) {
                    int[] offsets = offsets(levels, slots, slots(levels, childR, childE));
                    for (int k = 0; k < slots.length; k++) {
                        shape[1 + slots.length + k] = offsets[k + 1] - offsets[k];
                    }
                }
                if (firstShape == null) {
                    firstShape = shape;
                } else if (!java.util.Arrays.equals(firstShape, shape)) {
                    throw corrupt("holds fields whose levels disagree (" + String.join(".", leaf.path())
                            + " against " + String.join(".", below.get(0).path()) + ")");
                }
            }
        }

        private static void leaves(ParquetColumn.Node node, List<ParquetColumn.Node> out) {
            if (node.kind() == ParquetColumn.Kind.PRIMITIVE) {
                out.add(node);
            } else {
                for (ParquetColumn.Node child : node.children()) {
                    leaves(child, out);
                }
            }
        }

        /** A null key, or a key given twice in one map, makes the file corrupt. */
        private void checkKeys(Vector keys, int[] offsets, int n, boolean rows) {
            java.util.Set<Object> seen = new java.util.HashSet<>();
            for (int k = 0; k < n; k++) {
                seen.clear();
                for (int j = offsets[k]; j < offsets[k + 1]; j++) {
                    String where = rows ? "row " + k + " of its row group" : "map " + k + " of its row group";
                    if (keys.isNull(j)) {
                        throw new dev.floe.FloeException("'" + file + "' is corrupt: a key of map column '" + column
                                + "' is null (" + where + ")");
                    }
                    Object key = keys.get(j);
                    if (!seen.add(key)) {
                        throw new dev.floe.FloeException("'" + file + "' is corrupt: map column '" + column
                                + "' holds key " + key + " twice in one map (" + where + ")");
                    }
                }
            }
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    /** How many leaves a field of {@code type} has in the file. */
    static int leafCount(DataType type) {
        if (type.isStruct()) {
            int count = 0;
            for (dev.floe.frame.Schema.Field field : type.fields()) {
                count += leafCount(field.type());
            }
            return count;
        }
        if (type.isMap()) {
            return 1 + leafCount(type.valueType());
        }
        if (type.isList()) {
            return leafCount(type.elementType());
        }
        return 1;
    }

    /**
     * Writes values of nested columns, row by row, on their leaves' writers, as {@link ParquetColumn#forWriting}
     * lays them out (every group and value optional, a map's key required).
     */
    static final class Writer {
        private final Map<Vector, Object> arrays = new java.util.IdentityHashMap<>();
        /** Each struct's fields as vectors of its rows, made once per struct vector. */
        private final Map<Vector, Vector[]> fields = new java.util.IdentityHashMap<>();
        private final ValueWriter values;

        /** Writes one present value of a primitive vector at a row, with the levels given. */
        interface ValueWriter {
            void write(ColumnWriter writer, Vector vector, Object array, int row, int repetition, int definition);
        }

        Writer(ValueWriter values) {
            this.values = values;
        }

        /**
         * Value {@code row} of {@code vector} on {@code writers[first ..]}, at repetition level {@code r}
         * where its place exists at definition level {@code d}, inside {@code depth} lists or maps.
         */
        void write(ColumnWriter[] writers, int first, Vector vector, int row, int r, int d, int depth) {
            DataType type = vector.type();
            if (vector.isNull(row) || type == DataType.NULL) {
                nulls(writers, first, leafCount(type), r, d);
                return;
            }
            switch (vector) {
                case StructVector struct -> {
                    Vector[] parts = fields.computeIfAbsent(struct, s -> {
                        Vector[] out = new Vector[struct.fields().size()];
                        for (int f = 0; f < out.length; f++) {
                            out[f] = struct.field(f);
                        }
                        return out;
                    });
                    int at = first;
                    for (Vector part : parts) {
                        write(writers, at, part, row, r, d + 1, depth);
                        at += leafCount(part.type());
                    }
                }
                case ListVector list -> {
                    int size = list.size(row);
                    if (size == 0) {
                        nulls(writers, first, leafCount(type), r, d + 1);
                        return;
                    }
                    for (int k = 0; k < size; k++) {
                        write(writers, first, list.elements(), list.start(row) + k, k == 0 ? r : depth + 1, d + 2,
                                depth + 1);
                    }
                }
                case MapVector map -> {
                    int size = map.size(row);
                    if (size == 0) {
                        nulls(writers, first, leafCount(type), r, d + 1);
                        return;
                    }
                    for (int k = 0; k < size; k++) {
                        int entry = map.start(row) + k;
                        int repetition = k == 0 ? r : depth + 1;
                        Vector keys = map.keys();
                        values.write(writers[first], keys, arrays.computeIfAbsent(keys, ParquetFrameWriter::array), entry,
                                repetition, d + 2); // the key is required: its place's level
                        write(writers, first + 1, map.values(), entry, repetition, d + 2, depth + 1);
                    }
                }
                default -> values.write(writers[first], vector, arrays.computeIfAbsent(vector, ParquetFrameWriter::array),
                        row, r, d + 1);
            }
        }

        private static void nulls(ColumnWriter[] writers, int first, int count, int r, int d) {
            for (int l = first; l < first + count; l++) {
                writers[l].writeNull(r, d);
            }
        }
    }
}
