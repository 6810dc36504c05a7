package dev.floe.frame.plan;

/** Prints a plan as an indented tree, the root first: what {@code explain()} shows. */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static String print(PlanNode plan) {
        StringBuilder text = new StringBuilder();
        print(plan, 0, text);
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

    private static void print(PlanNode node, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(node).append('\n');
        for (PlanNode input : node.inputs()) {
            print(input, depth + 1, text);
        }
    }
}
