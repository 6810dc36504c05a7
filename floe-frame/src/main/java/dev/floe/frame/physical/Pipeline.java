package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.HashJoin;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of batches not yet run: one or more branches (a source and the streaming operators
 * over it; several for a union, read one after the other), then the streaming operators they all
 * go through. A sink at its end makes it run ({@link PipelineRunner}).
 */
public record Pipeline(List<Branch> branches, List<StreamingOperator> operators) {
    /** A source and the operators over it, in order. */
    public record Branch(Source source, List<StreamingOperator> operators) {
        public Branch {
            operators = List.copyOf(operators);
        }

        Schema schema() {
            return operators.isEmpty() ? source.schema() : operators.get(operators.size() - 1).schema();
        }
    }

    public Pipeline {
        branches = List.copyOf(branches);
        operators = List.copyOf(operators);
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs a source");
        }
    }

    /** A source alone. */
    public static Pipeline of(Source source) {
        return new Pipeline(List.of(new Branch(source, List.of())), List.of());
    }

    /** This stream, then {@code operator}. */
    public Pipeline then(StreamingOperator operator) {
        List<StreamingOperator> more = new ArrayList<>(operators);
        more.add(operator);
        return new Pipeline(branches, more);
    }

    /** This stream with {@code join}'s key filters (placed unbound by the planner) bound to its built keys. */
    Pipeline bindingKeyFilters(HashJoin join, HashJoin.Built built) {
        List<Branch> bound = new ArrayList<>();
        for (Branch branch : branches) {
            bound.add(new Branch(branch.source(), binding(branch.operators(), join, built)));
        }
        return new Pipeline(bound, binding(operators, join, built));
    }

    private static List<StreamingOperator> binding(List<StreamingOperator> operators, HashJoin join,
            HashJoin.Built built) {
        List<StreamingOperator> out = new ArrayList<>(operators.size());
        for (StreamingOperator operator : operators) {
            out.add(operator instanceof JoinKeyFilter filter && filter.joins().contains(join) ? filter.bind(join, built)
                    : operator);
        }
        return out;
    }

    /** The columns of the batches at its end. */
    public Schema schema() {
        return operators.isEmpty() ? branches.get(0).schema() : operators.get(operators.size() - 1).schema();
    }

    /** The branches with the common operators folded into each: the same stream, as branches only. */
    List<Branch> flattened() {
        if (operators.isEmpty()) {
            return branches;
        }
        List<Branch> out = new ArrayList<>();
        for (Branch branch : branches) {
            List<StreamingOperator> all = new ArrayList<>(branch.operators());
            all.addAll(operators);
            out.add(new Branch(branch.source(), all));
        }
        return out;
    }

    /** Whether an operator gives batches after the stream ends (then this cannot join a union). */
    boolean hasTail() {
        for (Branch branch : branches) {
            for (StreamingOperator operator : branch.operators()) {
                if (operator.hasTail()) {
                    return true;
                }
            }
        }
        return operators.stream().anyMatch(StreamingOperator::hasTail);
    }
}
