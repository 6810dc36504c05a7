package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.HashJoin;
import java.util.List;

/**
 * A node of a physical plan: what the local engine runs. Leaves are sources; a streaming node
 * adds an operator to its input's pipeline; a hash join streams its probe side through the
 * tables of its build side (run first, as a pipeline of its own); a union reads its inputs one
 * after the other; a breaker runs each input as a pipeline into a sink of its own and starts
 * a new pipeline with its result.
 */
public sealed interface PhysicalNode {
    Schema schema();

    List<PhysicalNode> inputs();

    /** One line for {@code explain}. */
    String describe();

    /** A source: a scan of a frame or of files. */
    record Scan(Source source) implements PhysicalNode {
        @Override
        public Schema schema() {
            return source.schema();
        }

        @Override
        public List<PhysicalNode> inputs() {
            return List.of();
        }

        @Override
        public String describe() {
            return "SCAN " + source.describe();
        }
    }

    /** A streaming operator over its input. */
    record Stream(PhysicalNode input, StreamingOperator operator) implements PhysicalNode {
        @Override
        public Schema schema() {
            return operator.schema();
        }

        @Override
        public List<PhysicalNode> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return operator.describe();
        }
    }

    /**
     * A hash join: {@code build} collected and hashed first, then {@code probe} streamed through it;
     * {@code tail}: build rows follow the probe stream (see {@link HashJoin#hasTail}).
     */
    record HashJoinNode(PhysicalNode probe, PhysicalNode build, HashJoin join, Schema schema, String label,
            boolean tail) implements PhysicalNode {
        @Override
        public List<PhysicalNode> inputs() {
            return List.of(probe, build);
        }

        @Override
        public String describe() {
            return label;
        }
    }

    /** The inputs' rows one after the other, each input's batches cast to the common columns. */
    record Union(List<PhysicalNode> inputs, List<StreamingOperator> casts, Schema schema) implements PhysicalNode {
        @Override
        public String describe() {
            return "UNION ALL of " + inputs.size();
        }
    }

    /** A pipeline breaker: its inputs run into its sinks, its result a new source. */
    record Breaker(List<PhysicalNode> inputs, BreakerOperator operator) implements PhysicalNode {
        @Override
        public Schema schema() {
            return operator.schema();
        }

        @Override
        public String describe() {
            return operator.describe();
        }
    }

    /**
     * What a breaker does with its inputs' streams: consumes each (through {@link PipelineRunner}
     * into sinks of its making) and gives its result as a frame.
     */
    interface BreakerOperator {
        Schema schema();

        DataFrame run(List<Pipeline> inputs, ExecutionContext context);

        /**
         * The result as the source of the next pipeline: the frame {@link #run} gives, unless the
         * operator streams its result (a sort that spilled merges its runs as they are read).
         */
        default Source runToSource(List<Pipeline> inputs, ExecutionContext context) {
            return new MemorySource(run(inputs, context), "result of " + describe());
        }

        String describe();
    }
}
