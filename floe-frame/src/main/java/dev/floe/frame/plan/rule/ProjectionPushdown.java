package dev.floe.frame.plan.rule;

import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.PlanKeys;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Scan;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Slice;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.plan.TopK;
import dev.floe.frame.plan.WithColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads only the columns the query uses: works out, from the result down, which columns each
 * node needs, drops computed columns nobody reads, and makes scans read only what is needed
 * (for a file, the columns it does not parse at all). The result's schema never changes.
 *
 * <p>A subplan that occurs more than once and holds a join or an aggregation (a correlated
 * subquery's outer query, read again for its outer values; a view named twice) is pruned to the
 * columns all its occurrences need together, so that its occurrences stay equal and the engine
 * can compute it once. Passes repeat until those column sets stop growing.
 */
public final class ProjectionPushdown implements Rule {
    @Override
    public PlanNode apply(PlanNode plan) {
        PlanKeys keys = new PlanKeys();
        Map<PlanKeys.Key, Integer> uses = new HashMap<>();
        count(plan, uses, keys);
        Map<PlanKeys.Key, Set<String>> demanded = new HashMap<>();
        while (true) {
            Pass pass = new Pass(uses, demanded, keys);
            PlanNode pruned = pass.prune(plan, new LinkedHashSet<>(plan.schema().names()));
            if (!pass.grew) {
                return pruned;
            }
        }
    }

    private static void count(PlanNode node, Map<PlanKeys.Key, Integer> uses, PlanKeys keys) {
        if (uses.merge(keys.of(node), 1, Integer::sum) > 1) {
            return; // its inputs were counted with its first occurrence
        }
        for (PlanNode input : node.inputs()) {
            count(input, uses, keys);
        }
    }

    /** One pass over the plan, with the columns each repeated subplan was asked for so far. */
    private static final class Pass {
        private final Map<PlanKeys.Key, Integer> uses;
        private final Map<PlanKeys.Key, Set<String>> demanded;
        private final PlanKeys keys;
        /** Each repeated subplan as this pass pruned it, with the columns it was pruned to. */
        private final Map<PlanKeys.Key, PlanNode> done = new HashMap<>();
        private final Map<PlanKeys.Key, Set<String>> doneFor = new HashMap<>();
        /** Whether a repeated subplan was asked for a column no earlier occurrence asked for. */
        private boolean grew;

        Pass(Map<PlanKeys.Key, Integer> uses, Map<PlanKeys.Key, Set<String>> demanded, PlanKeys keys) {
            this.uses = uses;
            this.demanded = demanded;
            this.keys = keys;
        }

        /** {@code node} rebuilt to produce at least the columns in {@code required}. */
        private PlanNode prune(PlanNode node, Set<String> required) {
            PlanKeys.Key key = keys.of(node);
            if (uses.getOrDefault(key, 1) > 1 && PlanNode.joinsOrAggregates(node)) {
                Set<String> all = demanded.computeIfAbsent(key, k -> new LinkedHashSet<>());
                if (all.addAll(required)) {
                    grew = true;
                }
                Set<String> wanted = new LinkedHashSet<>(all);
                PlanNode known = done.get(key);
                if (known != null && doneFor.get(key).equals(wanted)) {
                    return known;
                }
                PlanNode pruned = pruneNode(node, wanted);
                done.put(key, pruned);
                doneFor.put(key, wanted);
                return pruned;
            }
            return pruneNode(node, required);
        }

        private PlanNode pruneNode(PlanNode node, Set<String> required) {
            return switch (node) {
                case Scan scan -> {
                    List<String> columns = new ArrayList<>();
                    for (String name : scan.frame().columns()) {
                        if (required.contains(name)) {
                            columns.add(name);
                        }
                    }
                    if (columns.isEmpty() && !scan.frame().columns().isEmpty()) {
                        columns.add(scan.frame().columns().get(0)); // the row count still matters
                    }
                    List<String> current = scan.projection() == null ? scan.frame().columns() : scan.projection();
                    yield columns.equals(current) ? scan : new Scan(scan.frame(), columns);
                }
                case dev.floe.frame.plan.FileScan file -> {
                    List<String> all = file.source().schema().names();
                    List<String> columns = new ArrayList<>();
                    for (String name : all) {
                        if (required.contains(name)) {
                            columns.add(name);
                        }
                    }
                    if (columns.isEmpty() && !all.isEmpty()) {
                        columns.add(all.get(0)); // the row count still matters
                    }
                    List<String> current = file.projection() == null ? all : file.projection();
                    yield columns.equals(current) ? file
                            : new dev.floe.frame.plan.FileScan(file.source(), columns, file.limit(), file.predicate());
                }
                case Select select -> {
                    List<Expr> kept = new ArrayList<>();
                    for (Expr expr : select.exprs()) {
                        if (required.contains(expr.outputName())) {
                            kept.add(expr);
                        }
                    }
                    if (kept.isEmpty()) {
                        kept.add(select.exprs().get(0));
                    }
                    PlanNode input = prune(select.input(), columnsOf(kept));
                    yield kept.equals(select.exprs()) && input == select.input() ? select : new Select(input, kept);
                }
                case WithColumns with -> {
                    List<Expr> kept = new ArrayList<>();
                    for (Expr expr : with.exprs()) {
                        if (required.contains(expr.outputName())) {
                            kept.add(expr);
                        }
                    }
                    // a replaced column stays in the input, so that its replacement keeps its place
                    Set<String> needed = new LinkedHashSet<>(required);
                    needed.addAll(columnsOf(kept));
                    needed.retainAll(with.input().schema().names());
                    PlanNode input = prune(with.input(), needed);
                    if (kept.isEmpty()) {
                        yield input;
                    }
                    yield kept.equals(with.exprs()) && input == with.input() ? with : new WithColumns(input, kept);
                }
                case Filter filter -> {
                    Set<String> needed = new LinkedHashSet<>(required);
                    needed.addAll(ExprTrees.columns(filter.predicate()));
                    yield rebuilt(filter, prune(filter.input(), needed));
                }
                case Sort sort -> rebuilt(sort, prune(sort.input(), withKeys(required, sort.keys())));
                case TopK top -> rebuilt(top, prune(top.input(), withKeys(required, top.keys())));
                case Slice slice -> rebuilt(slice, prune(slice.input(), required));
                case dev.floe.frame.plan.Explode explode -> {
                    // the exploded columns set the row count, so they stay even when unread
                    Set<String> needed = new LinkedHashSet<>(required);
                    needed.addAll(explode.columns());
                    yield rebuilt(explode, prune(explode.input(), needed));
                }
                case Aggregate aggregate -> {
                    // an aggregation nobody reads is not computed (nor can it fail on its data); one stays for the rows
                    List<Expr> kept = new ArrayList<>();
                    for (Expr agg : aggregate.aggs()) {
                        if (required.contains(agg.outputName())) {
                            kept.add(agg);
                        }
                    }
                    if (kept.isEmpty() && !aggregate.aggs().isEmpty()) {
                        kept.add(dev.floe.frame.expr.Exprs.len().alias(aggregate.aggs().get(0).outputName()));
                    }
                    Set<String> needed = new LinkedHashSet<>(columnsOf(aggregate.keys()));
                    needed.addAll(columnsOf(kept));
                    PlanNode input = prune(aggregate.input(), needed);
                    yield kept.equals(aggregate.aggs()) ? rebuilt(aggregate, input)
                            : new Aggregate(input, aggregate.keys(), kept);
                }
                case dev.floe.frame.plan.Unique unique -> {
                    Set<String> needed = new LinkedHashSet<>(required);
                    needed.addAll(unique.keys());
                    yield rebuilt(unique, prune(unique.input(), needed));
                }
                case dev.floe.frame.plan.WithRowIndex index -> {
                    Set<String> needed = new LinkedHashSet<>(required);
                    needed.remove(index.name());
                    needed.retainAll(index.input().schema().names());
                    yield rebuilt(index, prune(index.input(), needed));
                }
                case dev.floe.frame.plan.Concat concat -> {
                    if (concat.horizontal()) {
                        yield concat; // every part's columns are in the result
                    }
                    // every part gives exactly the columns wanted, in order: a pruned part may keep more (a join
                    // its keys), and the parts must stay alike; with none wanted, the first, so rows still count
                    Set<String> wanted = new LinkedHashSet<>();
                    for (String name : concat.schema().names()) {
                        if (required.contains(name)) {
                            wanted.add(name);
                        }
                    }
                    if (wanted.isEmpty()) {
                        wanted.add(concat.schema().names().get(0));
                    }
                    List<PlanNode> parts = new ArrayList<>();
                    for (PlanNode part : concat.parts()) {
                        parts.add(narrowed(prune(part, wanted), wanted));
                    }
                    yield parts.equals(concat.parts()) ? concat : concat.withInputs(parts);
                }
                case dev.floe.frame.plan.Window window -> {
                    // a window column nobody reads is not computed (nor can it fail on its data); a window
                    // gives its input's rows back one for one, so with none read it goes
                    List<Expr> kept = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    for (int w = 0; w < window.windows().size(); w++) {
                        if (required.contains(window.names().get(w))) {
                            kept.add(window.windows().get(w));
                            names.add(window.names().get(w));
                        }
                    }
                    Set<String> needed = new LinkedHashSet<>(required);
                    needed.removeAll(window.names());
                    needed.addAll(columnsOf(kept));
                    needed.retainAll(window.input().schema().names());
                    PlanNode input = prune(window.input(), needed);
                    if (kept.isEmpty()) {
                        yield input;
                    }
                    yield kept.size() == window.windows().size() ? rebuilt(window, input)
                            : new dev.floe.frame.plan.Window(input, kept, names);
                }
                case Join join -> {
                    Set<String> leftNames = new LinkedHashSet<>(join.left().schema().names());
                    Set<String> rightNames = new LinkedHashSet<>(join.right().schema().names());
                    Set<String> left = new LinkedHashSet<>(join.leftOn());
                    Set<String> right = new LinkedHashSet<>(join.rightOn());
                    for (String name : leftNames) {
                        // a left column the right side shares keeps the right's suffix in place
                        if (required.contains(name) || rightNames.contains(name)) {
                            left.add(name);
                        }
                    }
                    for (String name : rightNames) {
                        if (required.contains(name) || required.contains(name + join.suffix())) {
                            right.add(name);
                        }
                    }
                    // a side keeps only what is needed above the join: columns a filter below read
                    // are not carried into the hash table and gathered into every joined row
                    yield join.withInputs(List.of(narrowed(prune(join.left(), left), left),
                            narrowed(prune(join.right(), right), right)));
                }
            };
        }

    }

    /** {@code node}, or a selection of its columns in {@code needed} when it has others. */
    private static PlanNode narrowed(PlanNode node, Set<String> needed) {
        List<String> names = node.schema().names();
        List<Expr> kept = new ArrayList<>();
        for (String name : names) {
            if (needed.contains(name)) {
                kept.add(dev.floe.frame.expr.Exprs.col(name));
            }
        }
        return kept.size() == names.size() || kept.isEmpty() ? node : new Select(node, kept);
    }

    private static PlanNode rebuilt(PlanNode node, PlanNode input) {
        return input == node.inputs().get(0) ? node : node.withInputs(List.of(input));
    }

    private static Set<String> withKeys(Set<String> required, List<SortKey> keys) {
        Set<String> needed = new LinkedHashSet<>(required);
        for (SortKey key : keys) {
            needed.addAll(ExprTrees.columns(key.expr()));
        }
        return needed;
    }

    private static Set<String> columnsOf(List<Expr> exprs) {
        Set<String> columns = new LinkedHashSet<>();
        for (Expr expr : exprs) {
            columns.addAll(ExprTrees.columns(expr));
        }
        return columns;
    }
}
