package dev.floe.frame.plan;

import dev.floe.frame.io.TableStatistics;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a plan as an indented tree, the root first: what {@code explain()} shows. Each node
 * ends with the optimizer's estimate of its rows ({@code ~1,234 rows}) where its sources tell
 * their sizes (in-memory frames, Parquet files, CSV files by their size; not JSON files).
 */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static String print(PlanNode plan) {
        StringBuilder text = new StringBuilder();
        print(plan, 0, text, Estimates.all(plan));
        return text.toString();
    }

    /** The plan as a Graphviz DOT graph: a box per node, arrows from inputs to the nodes that read them. */
    public static String dot(PlanNode plan) {
        StringBuilder text = new StringBuilder("digraph plan {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        dot(plan, new int[] {0}, text);
        return text.append("}\n").toString();
    }

    private static int dot(PlanNode node, int[] counter, StringBuilder text) {
        int id = counter[0]++;
        String label = node.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        text.append("  n").append(id).append(" [label=\"").append(label).append("\"];\n");
        for (PlanNode input : node.inputs()) {
            int child = dot(input, counter, text);
            text.append("  n").append(child).append(" -> n").append(id).append(";\n");
        }
        return id;
    }

    private static void print(PlanNode node, int depth, StringBuilder text, Map<PlanNode, TableStatistics> estimates) {
        text.append("  ".repeat(depth)).append(node);
        double rows = estimates.get(node).rows();
        if (!Double.isNaN(rows)) {
            text.append(String.format(Locale.ROOT, "  ~%,d %s", Math.round(rows), Math.round(rows) == 1 ? "row" : "rows"));
        }
        text.append('\n');
        for (PlanNode input : node.inputs()) {
            print(input, depth + 1, text, estimates);
        }
    }
}
