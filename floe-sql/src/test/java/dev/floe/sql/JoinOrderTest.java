package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The join order search over estimates: cheapest trees, no needless cross products, the smaller side built. */
class JoinOrderTest {
    /** Tables {@code rows}, joined by {@code edges} (pairs i, j, each keeping {@code share} of row pairs). */
    /** Tables of {@code rows}, joined by {@code edges} (pairs i, j), each keeping {@code shares[e]} of row pairs. */
    private record Graph(double[] rows, int[][] edges, double[] shares) {
        double[][] share() {
            int n = rows.length;
            double[][] share = new double[n][n];
            for (double[] row : share) {
                java.util.Arrays.fill(row, 1);
            }
            for (int e = 0; e < edges.length; e++) {
                share[edges[e][0]][edges[e][1]] = share[edges[e][1]][edges[e][0]] = shares[e];
            }
            return share;
        }

        boolean[][] connected() {
            boolean[][] connected = new boolean[rows.length][rows.length];
            for (int[] edge : edges) {
                connected[edge[0]][edge[1]] = connected[edge[1]][edge[0]] = true;
            }
            return connected;
        }

        /** 2 to {@code most} tables of 1 to 1e6 rows, a random spanning tree of joins (and, if {@code cycle}, maybe one more). */
        static Graph random(Random random, int most, boolean cycle) {
            int n = 2 + random.nextInt(most - 1);
            double[] rows = new double[n];
            for (int i = 0; i < n; i++) {
                rows[i] = Math.pow(10, random.nextInt(7));
            }
            List<int[]> edges = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                edges.add(new int[] {random.nextInt(i), i}); // a spanning tree: connected
            }
            if (cycle && n > 2 && random.nextBoolean() && edges.stream().noneMatch(e -> e[0] == 0 && e[1] == n - 1)) {
                edges.add(new int[] {0, n - 1});
            }
            double[] shares = new double[edges.size()];
            for (int e = 0; e < shares.length; e++) {
                shares[e] = Math.pow(10, -random.nextInt(7));
            }
            return new Graph(rows, edges.toArray(int[][]::new), shares);
        }
    }

    private static JoinOrder.Tree best(double[] rows, int[][] edges, double[] shares) {
        Graph graph = new Graph(rows, edges, shares);
        return JoinOrder.best(rows, graph.share(), graph.connected());
    }

    /** The tree as text: a table's number, or (probe build). */
    private static String shape(JoinOrder.Tree tree) {
        return tree.isTable() ? String.valueOf(tree.table())
                : "(" + shape(tree.probe()) + " " + shape(tree.build()) + ")";
    }

    @Test
    void aStarJoinsTheMostSelectiveDimensionFirstAndBuildsOnTheDimensions() {
        // fact 0 (1e6 rows) with dimensions 1 (1,000 rows, unfiltered) and 2 (10 of its 1,000 rows left)
        JoinOrder.Tree tree = best(new double[] {1e6, 1000, 10}, new int[][] {{0, 1}, {0, 2}},
                new double[] {1e-3, 1e-3});
        assertThat(shape(tree)).isEqualTo("((0 2) 1)");
        assertThat(tree.rows()).isEqualTo(1e4, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theSmallerSideIsBuiltWhicheverComesFirst() {
        assertThat(shape(best(new double[] {10, 1e6}, new int[][] {{0, 1}}, new double[] {1e-6}))).isEqualTo("(1 0)");
        assertThat(shape(best(new double[] {1e6, 10}, new int[][] {{0, 1}}, new double[] {1e-6}))).isEqualTo("(0 1)");
    }

    @Test
    void aChainIsNeverCrossedEvenWhereACrossProductLooksCheaper() {
        // 0 - 1 - 2: 0 and 2 are tiny, but no condition joins them, so they are not crossed
        JoinOrder.Tree tree = best(new double[] {2, 1e6, 2}, new int[][] {{0, 1}, {1, 2}}, new double[] {1e-6, 1e-6});
        assertThat(crossesConnectedParts(tree, new int[][] {{0, 1}, {1, 2}})).isFalse();
    }

    @Test
    void onlyTablesNoConditionReachesAreCrossed() {
        // 0 - 1 joined, 2 alone: one cross product, at the top, after the join that shrinks
        JoinOrder.Tree tree = best(new double[] {1000, 1000, 5}, new int[][] {{0, 1}}, new double[] {1e-5});
        assertThat(shape(tree)).isEqualTo("((0 1) 2)");
    }

    @Test
    void bushyTreesWhenTwoPairsShrinkApart() {
        // 0-1 and 2-3 each shrink to a few rows; joining the pairs is cheaper than any left-deep order
        JoinOrder.Tree tree = best(new double[] {1e5, 1e5, 1e5, 1e5}, new int[][] {{0, 1}, {1, 2}, {2, 3}},
                new double[] {1e-9, 1e-3, 1e-9});
        assertThat(shape(tree)).isIn("((0 1) (2 3))", "((2 3) (0 1))");
    }

    @Test
    void randomGraphsGetTheCheapestConnectedTreeThatBruteForceFinds() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            Graph graph = Graph.random(random, 6, true);
            double[] rows = graph.rows();
            int[][] edgeArray = graph.edges();
            double[] shares = graph.shares();
            int n = rows.length;
            JoinOrder.Tree tree = best(rows, edgeArray, shares);
            assertThat(crossesConnectedParts(tree, edgeArray)).as("round %d: %s", round, shape(tree)).isFalse();
            double cost = cost(tree);
            double cheapest = cheapest((1 << n) - 1, rows, edgeArray, shares);
            assertThat(cost).as("round %d: %s", round, shape(tree)).isCloseTo(cheapest,
                    org.assertj.core.data.Percentage.withPercentage(1e-6));
            assertBuildsSmaller(tree);
        }
    }

    @Test
    void manyTablesAreOrderedGreedilyWithoutCrossingConnectedOnes() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            Graph graph = Graph.random(random, 19, false);
            double[] rows = graph.rows();
            int[][] edgeArray = graph.edges();
            double[][] share = graph.share();
            boolean[][] connected = graph.connected();
            int n = rows.length;
            JoinOrder.Tree greedy = JoinOrder.greedy(rows, share, connected);
            assertThat(tables(greedy)).isEqualTo((1 << n) - 1);
            assertThat(crossesConnectedParts(greedy, edgeArray)).as("round %d: %s", round, shape(greedy)).isFalse();
            assertBuildsSmaller(greedy);
            if (n <= 8) {
                // never cheaper than the exhaustive search's best
                assertThat(cost(greedy)).isGreaterThanOrEqualTo(cost(JoinOrder.best(rows, share, connected)) * (1 - 1e-9));
            }
        }
        // a star: the most selective dimension first
        JoinOrder.Tree star = JoinOrder.greedy(new double[] {1e6, 1000, 10}, new double[][] {{1, 1e-3, 1e-3},
                {1e-3, 1, 1}, {1e-3, 1, 1}}, new boolean[][] {{false, true, true}, {true, false, false},
                {true, false, false}});
        assertThat(shape(star)).isEqualTo("((0 2) 1)");
    }

    @Test
    void tooManyTablesAreRefused() {
        assertThatThrownBy(() -> JoinOrder.best(new double[13], new double[13][13], new boolean[13][13]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
    }

    private static void assertBuildsSmaller(JoinOrder.Tree tree) {
        if (!tree.isTable()) {
            assertThat(tree.build().rows()).isLessThanOrEqualTo(tree.probe().rows());
            assertBuildsSmaller(tree.probe());
            assertBuildsSmaller(tree.build());
        }
    }

    private static double cost(JoinOrder.Tree tree) {
        return tree.isTable() ? 0 : tree.rows() + cost(tree.probe()) + cost(tree.build());
    }

    private static int tables(JoinOrder.Tree tree) {
        return tree.isTable() ? 1 << tree.table() : tables(tree.probe()) | tables(tree.build());
    }

    /** Whether a join in the tree has no condition between its sides (every test graph here is connected within each join's tables). */
    private static boolean crossesConnectedParts(JoinOrder.Tree tree, int[][] edges) {
        if (tree.isTable()) {
            return false;
        }
        int a = tables(tree.probe());
        int b = tables(tree.build());
        boolean joined = false;
        for (int[] edge : edges) {
            int i = 1 << edge[0];
            int j = 1 << edge[1];
            joined |= (a & i) != 0 && (b & j) != 0 || (a & j) != 0 && (b & i) != 0;
        }
        return !joined || crossesConnectedParts(tree.probe(), edges) || crossesConnectedParts(tree.build(), edges);
    }

    /** The least cost over every connected tree of {@code set}, by brute force (no memo). */
    private static double cheapest(int set, double[] rows, int[][] edges, double[] shares) {
        if ((set & (set - 1)) == 0) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int part = (set - 1) & set; part > 0; part = (part - 1) & set) {
            int other = set ^ part;
            if (!connected(part, edges) || !connected(other, edges) || !linked(part, other, edges)) {
                continue;
            }
            best = Math.min(best, cheapest(part, rows, edges, shares) + cheapest(other, rows, edges, shares));
        }
        return best + card(set, rows, edges, shares);
    }

    private static double card(int set, double[] rows, int[][] edges, double[] shares) {
        double c = 1;
        for (int i = 0; i < rows.length; i++) {
            if ((set & (1 << i)) != 0) {
                c *= rows[i];
            }
        }
        for (int e = 0; e < edges.length; e++) {
            if ((set & (1 << edges[e][0])) != 0 && (set & (1 << edges[e][1])) != 0) {
                c *= shares[e];
            }
        }
        return c;
    }

    private static boolean linked(int a, int b, int[][] edges) {
        for (int[] edge : edges) {
            int i = 1 << edge[0];
            int j = 1 << edge[1];
            if ((a & i) != 0 && (b & j) != 0 || (a & j) != 0 && (b & i) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean connected(int set, int[][] edges) {
        int seen = set & -set;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int[] edge : edges) {
                int i = 1 << edge[0];
                int j = 1 << edge[1];
                if ((set & i) != 0 && (set & j) != 0 && ((seen & i) != 0) != ((seen & j) != 0)) {
                    seen |= i | j;
                    grew = true;
                }
            }
        }
        return seen == set;
    }
}
