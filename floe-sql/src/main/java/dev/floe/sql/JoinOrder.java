package dev.floe.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which to join the tables of a FROM list: the join tree with the least sum of
 * estimated intermediate rows ("C_out"), found by dynamic programming over the subsets of the
 * tables. A subset whose tables are connected by join conditions is only ever split into two
 * connected parts that a condition joins, so no cross product is built where a condition exists;
 * only tables no condition reaches are crossed. Trees may be bushy. Each join builds its hash
 * table on the side estimated to be smaller.
 *
 * <p>The estimates: the rows of each table after its own filters, and for each pair of tables the
 * share of their row pairs that the conditions between them keep (1 for no condition). The rows
 * of a set of tables are the product of theirs and of the shares between them. Up to
 * {@link #MOST_TABLES} tables (3^n steps); more are ordered by {@link #greedy}.
 */
final class JoinOrder {
    /** The most tables ordered by exhaustive search; more are ordered greedily ({@link #greedy}). */
    static final int MOST_TABLES = 12;

    /** A join tree: a table ({@code table >= 0}), or the join of {@code probe} and {@code build}. */
    record Tree(int table, Tree probe, Tree build, double rows) {
        boolean isTable() {
            return table >= 0;
        }
    }

    private JoinOrder() {}

    /**
     * The best tree over {@code rows.length} tables.
     *
     * @param rows each table's estimated rows (at least 1 each is assumed)
     * @param share {@code share[i][j]}: the share of pairs of rows of tables i and j the conditions
     *     between them keep, symmetric; 1 where none
     * @param connected {@code connected[i][j]}: whether a condition joins tables i and j
     */
    static Tree best(double[] rows, double[][] share, boolean[][] connected) {
        int n = rows.length;
        if (n < 1 || n > MOST_TABLES) {
            throw new IllegalArgumentException("orders 1 to " + MOST_TABLES + " tables, not " + n);
        }
        int subsets = 1 << n;
        int[] neighbours = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && connected[i][j]) {
                    neighbours[i] |= 1 << j;
                }
            }
        }
        double[] card = new double[subsets];
        int[] reach = new int[subsets]; // the tables joined to some table of the set
        boolean[] whole = new boolean[subsets]; // connected as a graph
        double[] cost = new double[subsets];
        int[] split = new int[subsets];
        for (int set = 1; set < subsets; set++) {
            int low = Integer.numberOfTrailingZeros(set);
            int rest = set & (set - 1);
            if (rest == 0) {
                card[set] = Math.max(1, rows[low]);
                reach[set] = neighbours[low];
                whole[set] = true;
                continue;
            }
            double c = card[rest] * Math.max(1, rows[low]);
            for (int j = 0; j < n; j++) {
                if ((rest & (1 << j)) != 0) {
                    c *= share[low][j];
                }
            }
            card[set] = c;
            reach[set] = reach[rest] | neighbours[low];
            whole[set] = isConnected(set, neighbours);
        }
        for (int set = 1; set < subsets; set++) {
            if ((set & (set - 1)) == 0) {
                continue;
            }
            int low = set & -set;
            double best = Double.POSITIVE_INFINITY;
            int bestPart = 0;
            // each split once: the part holding the lowest table, and the rest
            for (int part = (set - 1) & set; part > 0; part = (part - 1) & set) {
                if ((part & low) == 0) {
                    continue;
                }
                int other = set ^ part;
                if (whole[set] && !(whole[part] && whole[other] && (reach[part] & other) != 0)) {
                    continue;
                }
                double c = cost[part] + cost[other] + card[set];
                if (c < best) {
                    best = c;
                    bestPart = part;
                }
            }
            cost[set] = best;
            split[set] = bestPart;
        }
        return tree(subsets - 1, card, split);
    }

    /**
     * A tree for any number of tables, greedily: of the pairs of trees so far that a condition
     * joins (any pair when none does), join the one whose result is estimated smallest, until one
     * tree is left (greedy operator ordering, as engines do beyond what exhaustive search affords).
     */
    static Tree greedy(double[] rows, double[][] share, boolean[][] connected) {
        int n = rows.length;
        List<Tree> trees = new ArrayList<>();
        List<java.util.BitSet> tables = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            trees.add(new Tree(i, null, null, Math.max(1, rows[i])));
            java.util.BitSet one = new java.util.BitSet(n);
            one.set(i);
            tables.add(one);
        }
        while (trees.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double bestRows = Double.POSITIVE_INFINITY;
            boolean bestJoined = false;
            for (int a = 0; a < trees.size(); a++) {
                for (int b = a + 1; b < trees.size(); b++) {
                    double pairs = 1;
                    boolean joined = false;
                    for (int i = tables.get(a).nextSetBit(0); i >= 0; i = tables.get(a).nextSetBit(i + 1)) {
                        for (int j = tables.get(b).nextSetBit(0); j >= 0; j = tables.get(b).nextSetBit(j + 1)) {
                            pairs *= share[i][j];
                            joined |= connected[i][j];
                        }
                    }
                    double result = trees.get(a).rows() * trees.get(b).rows() * pairs;
                    if (joined && !bestJoined || joined == bestJoined && result < bestRows) {
                        bestA = a;
                        bestB = b;
                        bestRows = result;
                        bestJoined = joined;
                    }
                }
            }
            Tree a = trees.get(bestA);
            Tree b = trees.get(bestB);
            Tree joined = b.rows() > a.rows() ? new Tree(-1, b, a, bestRows) : new Tree(-1, a, b, bestRows);
            java.util.BitSet union = (java.util.BitSet) tables.get(bestA).clone();
            union.or(tables.get(bestB));
            trees.remove(bestB);
            tables.remove(bestB);
            trees.set(bestA, joined);
            tables.set(bestA, union);
        }
        return trees.get(0);
    }

    private static Tree tree(int set, double[] card, int[] split) {
        if ((set & (set - 1)) == 0) {
            return new Tree(Integer.numberOfTrailingZeros(set), null, null, card[set]);
        }
        Tree a = tree(split[set], card, split);
        Tree b = tree(set ^ split[set], card, split);
        // the smaller side is built, the larger probes (ties: the part with the lower tables probes)
        return b.rows() > a.rows() ? new Tree(-1, b, a, card[set]) : new Tree(-1, a, b, card[set]);
    }

    private static boolean isConnected(int set, int[] neighbours) {
        int seen = set & -set;
        int frontier = seen;
        while (frontier != 0) {
            int next = 0;
            for (int rest = frontier; rest != 0; rest &= rest - 1) {
                next |= neighbours[Integer.numberOfTrailingZeros(rest)];
            }
            next &= set & ~seen;
            seen |= next;
            frontier = next;
        }
        return seen == set;
    }
}
