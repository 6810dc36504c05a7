package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Vector;
import java.util.Arrays;
import java.util.List;

/**
 * A hash table from key values to dense group numbers (0, 1, 2, ... in order of arrival), with
 * the keys of every group kept column by column ({@link KeyColumn}) and the first input row of
 * each group, so that groups can be put in order of first appearance. Open addressing with
 * linear probing; each slot is one {@code long} holding the high 32 bits of the group's hash and
 * its number, so a probe reads one cache line and compares keys only where the hashes agree.
 * Hashes are computed a column at a time for a whole batch. A table of one key column with
 * direct indexes (small integers, ids, dictionary codes) finds most groups in an array indexed
 * by the key instead, and puts those groups into its slots only when a lookup by hash needs them.
 * Not thread-safe: each worker fills its own table, and tables are merged afterwards.
 */
final class GroupTable {
    private final KeyColumn[] keys;
    private int groups;
    /** Empty slots hold {@link #EMPTY}; a full one {@code (hash & HIGH) | group}. */
    private long[] slots;
    private int mask;
    private long[] groupHashes = new long[16];
    private long[] firstRows = new long[16];
    private long[] rowHashes = new long[0];
    /**
     * For one key column with direct indexes: the group of each index below its length, -1 where
     * there is none (every group whose key's index is below the length is here).
     */
    private int[] direct = new int[0];
    /** A batch's direct indexes ({@link KeyColumn#directIndexes}), kept between batches. */
    private int[] directIndexes = new int[0];
    /**
     * The groups of a direct-indexed table whose index lay beyond the direct array when they were
     * made (found by hash until the array grows over them); {@code beyondCount} of them.
     */
    private int[] beyond = new int[0];
    private int beyondCount;
    private int nullGroup = -1;
    /**
     * How many groups, from 0, the slots hold. A group made through the direct array goes into
     * the slots only when a lookup by hash needs it ({@link #catchUp}): a table whose keys all
     * have direct indexes (ids numbered from 1 up to millions) never hashes them into slots.
     */
    private int slotted;

    private static final long EMPTY = -1L;
    private static final long HIGH = 0xFFFF_FFFF_0000_0000L;

    GroupTable(List<DataType> keyTypes) {
        this.keys = new KeyColumn[keyTypes.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = KeyColumn.of(keyTypes.get(k));
        }
        this.slots = new long[64];
        Arrays.fill(slots, EMPTY);
        this.mask = slots.length - 1;
        if (keys.length == 0) {
            newGroup(Long.MAX_VALUE, 0); // the single group of a global aggregation, even over no rows
            slotted = groups;
        }
    }

    int groups() {
        return groups;
    }

    /**
     * Lets go of what finds a key's group (the slots, the groups' hashes, the direct index), for a
     * table no row will be added to or merged from: its groups' keys and first rows stay readable.
     */
    void stopFinding() {
        finding = false;
        slots = new long[] {EMPTY};
        mask = 0;
        groupHashes = new long[0];
        rowHashes = new long[0];
        direct = new int[0];
        beyond = new int[0];
        beyondCount = 0;
        slotted = groups;
    }

    /** False once {@link #stopFinding}: a row added or a table merged then would make groups of its own. */
    private boolean finding = true;

    private void requireFinding() {
        if (!finding) {
            throw new IllegalStateException("a group table that no longer finds groups was given rows");
        }
    }

    /** About how many bytes the table holds: its slots, hashes, first rows and stored keys. */
    long sizeInBytes() {
        long bytes = 8L * (slots.length + groupHashes.length + firstRows.length + rowHashes.length)
                + 4L * (direct.length + directIndexes.length);
        for (KeyColumn key : keys) {
            bytes += key.sizeInBytes();
        }
        return bytes;
    }

    /**
     * About how many bytes the table's groups take: its slots, hashes, first rows and stored keys;
     * not the scratch of a batch's hashes or the direct index of small keys, which are bounded and
     * which splitting the groups over several tables would not shrink.
     */
    long groupBytes() {
        long bytes = 8L * (slots.length + groupHashes.length + firstRows.length);
        for (KeyColumn key : keys) {
            bytes += key.sizeInBytes();
        }
        return bytes;
    }

    /** How many dictionaries the key columns have had to map into their own codes. */
    int dictionaryTranslations() {
        int count = 0;
        for (KeyColumn key : keys) {
            count += key.dictionaryTranslations();
        }
        return count;
    }

    /**
     * The group of each row of a batch, creating groups for new keys.
     *
     * @param keyVectors one vector per key column, {@code rows} values each
     * @param firstRow the input row number of the batch's first row (for first-appearance order)
     * @param out receives the group of row {@code i} at {@code out[i]}
     */
    void assign(List<Vector> keyVectors, int rows, long firstRow, int[] out) {
        requireFinding();
        if (keys.length == 0) {
            Arrays.fill(out, 0, rows, 0);
            return;
        }
        if (keys.length == 1 && keys[0].hasDirectIndex()) {
            assignDirect(keyVectors.get(0), rows, firstRow, out);
            return;
        }
        catchUp();
        hashRows(keyVectors, rows);
        if (keys.length == 1) {
            assignOne(rows, firstRow, out);
        } else {
            assignMany(rows, firstRow, out);
        }
    }

    // assign's steps are small methods of their own: the JIT compiles each sooner, and a query
    // that brings a new kind of key compiles again only the step that calls into it

    /** Binds the key columns to a batch's vectors and hashes its rows into {@link #rowHashes}. */
    private void hashRows(List<Vector> keyVectors, int rows) {
        if (rowHashes.length < rows) {
            rowHashes = new long[Math.max(rows, 1024)];
        }
        Arrays.fill(rowHashes, 0, rows, 17);
        for (int k = 0; k < keys.length; k++) {
            keys[k].bind(keyVectors.get(k));
            keys[k].hash(rowHashes, rows);
        }
    }

    /** {@link #assign}'s rows, once hashed, for one key column. */
    private void assignOne(int rows, long firstRow, int[] out) {
        // the table's arrays in locals, read again only when a new group may have grown them
        KeyColumn key = keys[0];
        long[] hashes = rowHashes;
        long[] table = slots;
        int tableMask = mask;
        for (int i = 0; i < rows; i++) {
            long hash = KeyColumn.mix(hashes[i]);
            int slot = (int) hash & tableMask;
            int group = -1;
            long entry;
            while ((entry = table[slot]) != EMPTY) {
                if (((entry ^ hash) & HIGH) == 0 && key.matches((int) entry, i)) {
                    group = (int) entry;
                    break;
                }
                slot = (slot + 1) & tableMask;
            }
            if (group < 0) {
                group = insert(slot, hash, firstRow + i, i);
                table = slots;
                tableMask = mask;
            }
            out[i] = group;
        }
    }

    /** {@link #assign}'s rows, once hashed, for several key columns. */
    private void assignMany(int rows, long firstRow, int[] out) {
        long[] hashes = rowHashes;
        long[] table = slots;
        int tableMask = mask;
        for (int i = 0; i < rows; i++) {
            long hash = KeyColumn.mix(hashes[i]);
            int slot = (int) hash & tableMask;
            int group = -1;
            long entry;
            while ((entry = table[slot]) != EMPTY) {
                if (((entry ^ hash) & HIGH) == 0 && rowMatches((int) entry, i)) {
                    group = (int) entry;
                    break;
                }
                slot = (slot + 1) & tableMask;
            }
            if (group < 0) {
                group = insert(slot, hash, firstRow + i, i);
                table = slots;
                tableMask = mask;
            }
            out[i] = group;
        }
    }

    /** A new group for row {@code row} of the bound batch, in empty slot {@code slot}; grows the slots when they fill. */
    private int insert(int slot, long hash, long firstRow, int row) {
        int group = newGroup(hash, firstRow);
        for (KeyColumn key : keys) {
            key.add(row);
        }
        slots[slot] = (hash & HIGH) | group;
        slotted = groups;
        if (groups * 2 > slots.length) {
            grow();
        }
        return group;
    }

    /**
     * {@link #assign} for one key column with direct indexes (categorical codes, small integers):
     * a row whose index the array reaches takes its group from the array, without hashing, and a
     * new key there makes its group without going into the slots; nulls and keys beyond the
     * array are looked up by hash.
     */
    private void assignDirect(Vector keyVector, int rows, long firstRow, int[] out) {
        KeyColumn key = keys[0];
        key.bind(keyVector);
        dev.floe.frame.column.Validity validity = keyVector.validity();
        if (directIndexes.length < rows) {
            directIndexes = new int[Math.max(rows, 1024)];
        }
        int[] indexes = directIndexes;
        key.directIndexes(rows, indexes); // one call a batch: the loop below has no call for a row in the array
        int[] direct = this.direct;
        for (int i = 0; i < rows; i++) {
            int index = indexes[i];
            int group;
            if (index >= 0 && index < direct.length && (group = direct[index]) >= 0) {
                out[i] = group;
            } else {
                out[i] = assignDirectRow(key, validity, index, i, firstRow);
                direct = this.direct;
            }
        }
    }

    /**
     * {@link #assignDirect}'s group for row {@code i}, whose direct index is {@code index}, when
     * the array has none for it yet.
     */
    private int assignDirectRow(KeyColumn key, dev.floe.frame.column.Validity validity, int index, int i,
            long firstRow) {
        if (validity != null && validity.isNull(i)) {
            return nullGroup >= 0 ? nullGroup : (nullGroup = findOrAdd(i, firstRow));
        }
        if (index < 0 || index >= direct.length && index >= directLimit()) {
            int before = groups;
            int group = findOrAdd(i, firstRow);
            if (groups > before) {
                register(group);
            }
            return group;
        }
        if (index >= direct.length) {
            growDirect(index);
        }
        int group = direct[index];
        if (group < 0) {
            group = direct[index] = newGroup(KeyColumn.mix(17L * 31 + key.rowHash(i)), firstRow + i);
            key.add(i);
        }
        return group;
    }

    /**
     * Makes the direct array reach {@code index} (at least doubling it, up to the limit) and
     * puts the groups it now reaches, made by hash before, at their indexes.
     */
    private void growDirect(int index) {
        int old = direct.length;
        direct = Arrays.copyOf(direct, (int) Math.min(directLimit(), Math.max(index + 1L, old * 2L)));
        Arrays.fill(direct, old, direct.length, -1);
        int kept = 0;
        for (int b = 0; b < beyondCount; b++) {
            int group = beyond[b];
            int at = keys[0].storedDirectIndex(group);
            if (at < direct.length) {
                direct[at] = group;
            } else {
                beyond[kept++] = group;
            }
        }
        beyondCount = kept;
    }

    /** Puts a group made by hash in a direct-indexed table at its index, or among those beyond the array. */
    private void register(int group) {
        int at = keys[0].storedDirectIndex(group);
        if (at < 0) {
            return;
        }
        if (at < direct.length) {
            direct[at] = group;
        } else {
            addBeyond(group);
        }
    }

    private void addBeyond(int group) {
        if (beyondCount == beyond.length) {
            beyond = Arrays.copyOf(beyond, Math.max(16, beyondCount * 2));
        }
        beyond[beyondCount++] = group;
    }

    /** Puts the groups made through the direct array into the slots, so that hash lookups find every group. */
    private void catchUp() {
        if (slotted == groups && slots.length >= reservedSlots) {
            return;
        }
        if (groups * 2 > slots.length || slots.length < reservedSlots) {
            rehash(Math.max(reservedSlots, slotsFor(groups)));
            return;
        }
        for (int group = slotted; group < groups; group++) {
            long hash = groupHashes[group];
            int slot = (int) hash & mask;
            while (slots[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (hash & HIGH) | group;
        }
        slotted = groups;
    }

    /** How far the direct array may reach now ({@link KeyColumn#directLimit}). */
    private long directLimit() {
        return keys[0].directLimit(Math.max(groups, expectedGroups));
    }

    /** The group of row {@code i} of the bound batch (one key column), through the hash table. */
    private int findOrAdd(int i, long firstRow) {
        catchUp();
        long hash = KeyColumn.mix(17L * 31 + keys[0].rowHash(i));
        int slot = (int) hash & mask;
        long entry;
        while ((entry = slots[slot]) != EMPTY) {
            if (((entry ^ hash) & HIGH) == 0 && keys[0].matches((int) entry, i)) {
                return (int) entry;
            }
            slot = (slot + 1) & mask;
        }
        int group = newGroup(hash, firstRow + i);
        keys[0].add(i);
        slots[slot] = (hash & HIGH) | group;
        slotted = groups;
        if (groups * 2 > slots.length) {
            grow();
        }
        return group;
    }

    /**
     * The group of each row of a batch, or -1 where its key is in no table or is null in any
     * column; adds nothing, and is thread-safe once the tables are complete (built by {@link
     * #assignReserving}). Each table holds one hash partition of the keys: a row's key is looked
     * for in the table of its partition, and its group there numbered from that table's {@code
     * offsets} entry.
     */
    static void lookup(GroupTable[] tables, int[] offsets, List<Vector> keyVectors, int rows, int[] out) {
        int keyCount = keyVectors.size();
        KeyColumn[][] views = new KeyColumn[tables.length][keyCount];
        long[] hashes = new long[rows];
        Arrays.fill(hashes, 17);
        boolean[] hasNull = new boolean[rows];
        for (int k = 0; k < keyCount; k++) {
            Vector vector = keyVectors.get(k);
            for (int t = 0; t < tables.length; t++) {
                views[t][k] = tables[t].keys[k].view();
                views[t][k].bind(vector);
            }
            views[0][k].hash(hashes, rows);
            if (vector.validity() != null) {
                for (int i = 0; i < rows; i++) {
                    hasNull[i] |= vector.isNull(i);
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            if (hasNull[i]) {
                out[i] = -1;
                continue;
            }
            long hash = KeyColumn.mix(hashes[i]);
            int t = tables.length == 1 ? 0 : partitionOf(hash, tables.length);
            GroupTable table = tables[t];
            if (table.slotted != table.groups) {
                throw new IllegalStateException("a group table was looked up before its slots held every group");
            }
            long[] slots = table.slots;
            int slot = (int) hash & table.mask;
            int group = -1;
            long entry;
            while ((entry = slots[slot]) != EMPTY) {
                if (((entry ^ hash) & HIGH) == 0 && matches(views[t], (int) entry, i)) {
                    group = (int) entry;
                    break;
                }
                slot = (slot + 1) & table.mask;
            }
            out[i] = group < 0 ? -1 : offsets[t] + group;
        }
    }

    private static boolean matches(KeyColumn[] views, int group, int row) {
        for (KeyColumn view : views) {
            if (!view.matches(group, row)) {
                return false;
            }
        }
        return true;
    }

    private boolean rowMatches(int group, int row) {
        for (KeyColumn key : keys) {
            if (!key.matches(group, row)) {
                return false;
            }
        }
        return true;
    }

    private int newGroup(long hash, long firstRow) {
        if (groups == groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, groups * 2);
            firstRows = Arrays.copyOf(firstRows, groups * 2);
        }
        groupHashes[groups] = hash;
        firstRows[groups] = firstRow;
        return groups++;
    }

    /**
     * Makes room for {@code expected} groups in all, so that a table known to get large does not
     * rehash its way there.
     */
    void reserve(int expected) {
        if (expected > groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, expected);
            firstRows = Arrays.copyOf(firstRows, expected);
        }
        expectedGroups = Math.max(expectedGroups, expected);
        int needed = slotsFor(expected);
        if (keys.length == 1 && keys[0].hasDirectIndex()) {
            // the direct array may reach further; slots are made when a lookup by hash needs them
            reservedSlots = Math.max(reservedSlots, needed);
            return;
        }
        if (needed > slots.length) {
            rehash(needed);
        }
    }

    /** How many groups the table was told to expect ({@link #reserve}). */
    private int expectedGroups;
    /** The slots a direct-indexed table makes for its expected groups when it first needs slots. */
    private int reservedSlots;

    /** The slots for {@code groups} groups: a power of two over twice as many. */
    private static int slotsFor(int groups) {
        return Integer.highestOneBit(Math.max(64, groups) * 2 - 1) * 2;
    }

    private void grow() {
        rehash(slots.length * 2);
    }

    /** New slots of {@code size} (a power of two, over twice the groups) holding every group. */
    private void rehash(int size) {
        slots = new long[size];
        Arrays.fill(slots, EMPTY);
        mask = slots.length - 1;
        slotted = groups;
        for (int group = 0; group < groups; group++) {
            long hash = groupHashes[group];
            int slot = (int) hash & mask;
            while (slots[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (hash & HIGH) | group;
        }
    }

    /**
     * Adds those of {@code other}'s groups that fall in {@code partition} (of {@code partitions},
     * by hash) to this table. Only reads {@code other}, so several partitions may merge from it
     * at once.
     *
     * @return for each of {@code other}'s groups, its group here, or -1 if it is in another partition
     */
    int[] merge(GroupTable other, int partition, int partitions) {
        requireFinding();
        other.requireFinding();
        int[] mapping = new int[other.groups];
        if (keys.length == 0) {
            // the one group of a global aggregation belongs to partition 0
            mapping[0] = partition == 0 ? 0 : -1;
            return mapping;
        }
        // one key of small integers: a group whose index the direct array reaches is found there
        boolean byIndex = keys.length == 1 && keys[0].hasDirectIndex() && keys[0].directIndexesShared();
        for (int g = 0; g < other.groups; g++) {
            long hash = other.groupHashes[g];
            if (partitions > 1 && partitionOf(hash, partitions) != partition) {
                mapping[g] = -1;
                continue;
            }
            int index = byIndex ? other.keys[0].storedDirectIndex(g) : -1;
            if (index >= 0 && (index < direct.length || index < directLimit())) {
                if (index >= direct.length) {
                    growDirect(index);
                }
                int group = direct[index];
                if (group < 0) {
                    group = direct[index] = newGroup(hash, other.firstRows[g]);
                    keys[0].addFrom(other.keys[0], g);
                } else {
                    firstRows[group] = Math.min(firstRows[group], other.firstRows[g]);
                }
                mapping[g] = group;
                continue;
            }
            catchUp();
            int slot = (int) hash & mask;
            int group = -1;
            long entry;
            while ((entry = slots[slot]) != EMPTY) {
                if (((entry ^ hash) & HIGH) == 0 && groupMatches((int) entry, other, g)) {
                    group = (int) entry;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (group < 0) {
                group = newGroup(hash, other.firstRows[g]);
                for (int k = 0; k < keys.length; k++) {
                    keys[k].addFrom(other.keys[k], g);
                }
                slots[slot] = (hash & HIGH) | group;
                slotted = groups;
                if (keys.length == 1 && keys[0].hasDirectIndex()) {
                    register(group);
                }
                if (groups * 2 > slots.length) {
                    grow();
                }
            } else {
                firstRows[group] = Math.min(firstRows[group], other.firstRows[g]);
            }
            mapping[g] = group;
        }
        return mapping;
    }

    private boolean groupMatches(int group, GroupTable other, int otherGroup) {
        for (int k = 0; k < keys.length; k++) {
            if (!keys[k].matches(group, other.keys[k], otherGroup)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hash {@link #assign} gives each row of a batch, the same in every table of these key
     * types: what decides a row's partition.
     */
    static long[] rowHashes(List<DataType> keyTypes, List<Vector> keyVectors, int rows) {
        long[] hashes = new long[rows];
        Arrays.fill(hashes, 17);
        for (int k = 0; k < keyTypes.size(); k++) {
            KeyColumn column = KeyColumn.of(keyTypes.get(k));
            column.bind(keyVectors.get(k));
            column.hash(hashes, rows);
        }
        for (int i = 0; i < rows; i++) {
            hashes[i] = KeyColumn.mix(hashes[i]);
        }
        return hashes;
    }

    /**
     * The rows of a batch by hash partition of their keys: {@code rowsOf[p]} lists, in order, the
     * rows whose key falls in partition {@code p} (the partition its group has in every table).
     */
    static int[][] rowsByPartition(List<DataType> keyTypes, List<Vector> keyVectors, int rows, int partitions) {
        return rowsByPartition(rowHashes(keyTypes, keyVectors, rows), rows, partitions, 0);
    }

    /**
     * The rows by partition of their hashes at a level of re-partitioning ({@link
     * #partitionOf(long, int, int)}); {@code hashes} is overwritten.
     */
    static int[][] rowsByPartition(long[] hashes, int rows, int partitions, int level) {
        int[] counts = new int[partitions];
        for (int i = 0; i < rows; i++) {
            int p = partitionOf(hashes[i], partitions, level);
            hashes[i] = p; // the hash is not needed again: keep the partition
            counts[p]++;
        }
        int[][] rowsOf = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            rowsOf[p] = new int[counts[p]];
            counts[p] = 0;
        }
        for (int i = 0; i < rows; i++) {
            int p = (int) hashes[i];
            rowsOf[p][counts[p]++] = i;
        }
        return rowsOf;
    }

    /** Rows of keys a nearly-unique test looks at: at most this many, and at least {@link #SAMPLE_MIN}. */
    static final int SAMPLE_ROWS = 1 << 16;
    static final int SAMPLE_MIN = 4_096;

    /** Whether {@code groups} groups among {@code rows} sampled rows make keys nine in ten distinct. */
    private static boolean nearlyUnique(int groups, int rows) {
        return rows >= SAMPLE_MIN && groups > rows * 0.9;
    }

    /**
     * How many groups the whole input's keys fall in, judged from the first rows' keys (up to
     * {@link #SAMPLE_ROWS}) when they are nine in ten distinct; 0 when they are not, or there are
     * fewer than {@link #SAMPLE_MIN} rows. Keys drawn evenly from {@code G} groups repeat about
     * {@code n^2 / 2G} times among {@code n} rows, so {@code n} rows with {@code r} repeats come
     * from about {@code n^2 / 2r} groups: a million groups show some 2,000 repeats among 65,536
     * rows, a hundred million some 20; no repeat at all reads as infinitely many groups. An
     * estimate (keys drawn unevenly repeat more, and read as fewer groups), used only to choose a
     * way of aggregating, never for what a result holds.
     */
    static double sampledGroups(List<DataType> keyTypes, List<Vector> keyVectors, int rows) {
        int sample = Math.min(rows, SAMPLE_ROWS);
        if (sample < SAMPLE_MIN) {
            return 0;
        }
        GroupTable table = new GroupTable(keyTypes);
        table.assign(slices(keyVectors, 0, sample), sample, 0, new int[sample]);
        int groups = table.groups();
        if (!nearlyUnique(groups, sample)) {
            return 0;
        }
        int repeats = sample - groups;
        return repeats == 0 ? Double.POSITIVE_INFINITY : (double) sample * sample / (2.0 * repeats);
    }

    /**
     * {@link #assign} of all of {@code rows} rows numbered from 0, the first {@link #SAMPLE_ROWS}
     * first: when their keys are nearly all distinct (a join's build side keyed by a unique id),
     * the table makes room for every row before the rest, rather than rehashing its way up. The
     * slots then hold every group, so that {@link #lookup} may read the table from any thread.
     */
    void assignReserving(List<Vector> keyVectors, int rows, int[] out) {
        if (rows <= SAMPLE_ROWS) {
            assign(keyVectors, rows, 0, out);
            catchUp();
            return;
        }
        int[] head = new int[SAMPLE_ROWS];
        assign(slices(keyVectors, 0, SAMPLE_ROWS), SAMPLE_ROWS, 0, head);
        if (nearlyUnique(groups, SAMPLE_ROWS)) {
            reserve(rows);
        }
        int[] tail = new int[rows - SAMPLE_ROWS];
        assign(slices(keyVectors, SAMPLE_ROWS, rows - SAMPLE_ROWS), rows - SAMPLE_ROWS, SAMPLE_ROWS, tail);
        System.arraycopy(head, 0, out, 0, SAMPLE_ROWS);
        System.arraycopy(tail, 0, out, SAMPLE_ROWS, tail.length);
        catchUp();
    }

    private static List<Vector> slices(List<Vector> vectors, int from, int count) {
        List<Vector> slices = new java.util.ArrayList<>(vectors.size());
        for (Vector vector : vectors) {
            slices.add(vector.slice(from, count));
        }
        return slices;
    }

    /**
     * The partition of a group hash: from its high 32 bits (slots use the low ones), scaled to
     * {@code [0, partitions)} by a multiply and a shift rather than a division.
     */
    static int partitionOf(long hash, int partitions) {
        return (int) (((hash >>> 32) * partitions) >>> 32);
    }

    /** The hash bits each level of re-partitioning uses: {@code 2^LEVEL_BITS} partitions at most. */
    static final int LEVEL_BITS = 6;

    /**
     * The partition of a group hash at a level of re-partitioning: level 0 is {@link
     * #partitionOf(long, int)}; each further level reads the {@value #LEVEL_BITS} hash bits below
     * the previous level's, so keys that shared a partition at one level spread over the next.
     * With 64 partitions, the partitions of levels 0 to {@code l} are together the top
     * {@code 6 (l + 1)} bits of the hash: {@code partitionOf(hash, 64^(l + 1))}.
     */
    static int partitionOf(long hash, int partitions, int level) {
        return partitionOf(hash << (LEVEL_BITS * level), partitions);
    }

    /** The input row where group {@code group} first appears. */
    long firstRow(int group) {
        return firstRows[group];
    }

    /**
     * Corrects the first rows of the groups from {@code fromGroup} on, added by an {@link #assign}
     * of gathered rows: the row numbered {@code start + i} there was row {@code start + rows[i]}.
     */
    void firstRowsAt(int fromGroup, long start, int[] rows) {
        for (int g = fromGroup; g < groups; g++) {
            firstRows[g] = start + rows[(int) (firstRows[g] - start)];
        }
    }

    /**
     * Lowers groups' first rows to the rows {@code start + places[i]} that fell in them, where those
     * come earlier: for rows that arrive out of order (spilled rows merged with tables built before).
     */
    void lowerFirstRows(int[] groupOfRow, int count, long start, int[] places) {
        for (int i = 0; i < count; i++) {
            int g = groupOfRow[i];
            long row = start + places[i];
            if (row < firstRows[g]) {
                firstRows[g] = row;
            }
        }
    }

    /**
     * The groups in order of their first input row. First rows are stream positions: row numbers,
     * or a split's number in the high 32 bits and a row within it in the low ones. Each is packed
     * with its group into one long, the high and low parts and the group taking only the bits
     * their largest values need, and those are sorted; positions too wide for that are sorted
     * through ranks.
     */
    int[] orderOfFirstAppearance() {
        int[] order = new int[groups];
        if (groups == 1) {
            return order;
        }
        long maxHigh = 0;
        long maxLow = 0;
        for (int g = 0; g < groups; g++) {
            if (firstRows[g] < 0) {
                throw new IllegalStateException("group " + g + " has no first row");
            }
            maxHigh = Math.max(maxHigh, firstRows[g] >>> 32);
            maxLow = Math.max(maxLow, firstRows[g] & 0xFFFF_FFFFL);
        }
        int groupBits = 32 - Integer.numberOfLeadingZeros(groups - 1);
        int lowBits = 64 - Long.numberOfLeadingZeros(maxLow);
        int highBits = 64 - Long.numberOfLeadingZeros(maxHigh);
        if (highBits + lowBits + groupBits <= 63) {
            long[] pairs = new long[groups];
            long groupMask = (1L << groupBits) - 1;
            for (int g = 0; g < groups; g++) {
                long row = firstRows[g];
                long packed = ((row >>> 32) << lowBits) | (row & 0xFFFF_FFFFL);
                pairs[g] = (packed << groupBits) | g;
            }
            Arrays.sort(pairs);
            for (int i = 0; i < groups; i++) {
                order[i] = (int) (pairs[i] & groupMask);
            }
            return order;
        }
        // first rows are distinct (one row starts one group), so each one's rank among them is its place
        long[] sorted = Arrays.copyOf(firstRows, groups);
        Arrays.sort(sorted);
        for (int g = 0; g < groups; g++) {
            order[Arrays.binarySearch(sorted, firstRows[g])] = g;
        }
        return order;
    }

    /** The key columns' values in {@code order}. */
    Vector keyVector(int key, int[] order) {
        return keys[key].finish(order);
    }
}
