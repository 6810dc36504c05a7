package dev.floe.frame.plan;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Plan nodes as the keys of hash maps in which equal subplans (a subquery's plan made twice, a
 * view named twice) are one key, for the passes over one plan: each node's hash is worked out
 * once, from its own parts and its inputs' hashes. A plan node's own {@code hashCode} (a
 * record's) walks its whole subtree each time it is asked, so that maps keyed by the nodes of a
 * plan cost about the square of its size (a tenth of a small query's time in planning).
 */
public final class PlanKeys {
    private final Map<PlanNode, Key> keys = new IdentityHashMap<>();

    /** A plan node with its hash; keys are equal where their nodes are. */
    public static final class Key {
        private final PlanNode node;
        private final int hash;

        private Key(PlanNode node, int hash) {
            this.node = node;
            this.hash = hash;
        }

        public PlanNode node() {
            return node;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && (key.node == node || key.node.equals(node));
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }

    /**
     * The most rows a subplan that occurs more than once in a plan (and joins or aggregates) is
     * estimated to give for the engine to compute it once and hold its rows for every occurrence.
     */
    public static final double SHARED_ROWS = 1 << 18;

    /**
     * Whether {@code a} and {@code b} hold an equal subplan that joins or aggregates and is
     * estimated to give at most {@link #SHARED_ROWS} rows: work that one plan holding both computes
     * once (the engine shares such a subplan between its occurrences).
     */
    public static boolean shareWork(PlanNode a, PlanNode b) {
        PlanKeys keys = new PlanKeys();
        java.util.Set<Key> inA = new java.util.HashSet<>();
        collect(a, keys, inA);
        return holdsAny(b, keys, inA);
    }

    /** Adds the keys of {@code node}'s subplans that join or aggregate to {@code into}. */
    private static void collect(PlanNode node, PlanKeys keys, java.util.Set<Key> into) {
        if (PlanNode.joinsOrAggregates(node) && into.add(keys.of(node))) {
            for (PlanNode input : node.inputs()) {
                collect(input, keys, into);
            }
        }
    }

    private static boolean holdsAny(PlanNode node, PlanKeys keys, java.util.Set<Key> known) {
        if (!PlanNode.joinsOrAggregates(node)) {
            return false;
        }
        if (known.contains(keys.of(node))) {
            double rows = Estimates.rows(node);
            if (!Double.isNaN(rows) && rows <= SHARED_ROWS) {
                return true;
            }
        }
        for (PlanNode input : node.inputs()) {
            if (holdsAny(input, keys, known)) {
                return true;
            }
        }
        return false;
    }

    /** The key of {@code node} (and of its inputs, worked out on the way), the same object each time for one node. */
    public Key of(PlanNode node) {
        Key known = keys.get(node);
        if (known != null) {
            return known;
        }
        int hash = own(node);
        for (PlanNode input : node.inputs()) {
            hash = 31 * hash + of(input).hash;
        }
        Key key = new Key(node, hash);
        keys.put(node, key);
        return key;
    }

    /** A hash of a node's own parts, its inputs left out (equal nodes have equal parts). */
    private static int own(PlanNode node) {
        return switch (node) {
            case Scan scan -> scan.hashCode();
            case FileScan file -> file.hashCode();
            case Select select -> Objects.hash(1, select.exprs());
            case WithColumns with -> Objects.hash(2, with.exprs());
            case Filter filter -> Objects.hash(3, filter.predicate());
            case Slice slice -> Objects.hash(4, slice.offset(), slice.length());
            case Aggregate aggregate -> Objects.hash(5, aggregate.keys(), aggregate.aggs());
            case Sort sort -> Objects.hash(6, sort.keys());
            case Join join -> Objects.hash(7, join.leftOn(), join.rightOn(), join.how(), join.suffix());
            case TopK top -> Objects.hash(8, top.keys(), top.k());
            case Unique unique -> Objects.hash(9, unique.subset(), unique.keepLast());
            case Window window -> Objects.hash(10, window.windows(), window.names());
            case WithRowIndex index -> Objects.hash(11, index.name(), index.offset());
            case Concat concat -> Objects.hash(12, concat.horizontal());
            case Explode explode -> Objects.hash(13, explode.columns());
        };
    }
}
