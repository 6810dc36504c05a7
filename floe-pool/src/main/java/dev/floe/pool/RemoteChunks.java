package dev.floe.pool;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A job's chunks as they travel to worker JVMs: serialized when the job is submitted (so a task
 * that cannot cross is rejected at once, naming the class), then run one chunk at a time on a
 * borrowed worker, with retries for dead workers and a time-out per chunk.
 */
final class RemoteChunks {
    private static final AtomicLong JOB_NUMBERS = new AtomicLong();

    /** How a chunk ended. */
    sealed interface Outcome {
        record Done(Object[] values) implements Outcome {}

        /** {@code before}: the results of the chunk's tasks that ran before the failing one. */
        record Failed(TaskFailedException failure, Object[] before) implements Outcome {
            Failed(TaskFailedException failure) {
                this(failure, new Object[0]);
            }
        }

        /** The job was cancelled before the chunk was sent. */
        record Cancelled() implements Outcome {}
    }

    private final ProcessWorkers workers; // null when the chunks run on a backend
    private final ChunkBackend backend; // null when they run on worker JVMs
    private final Pool.Fn<?, ?> function;
    private final String operation;
    private final long job = JOB_NUMBERS.incrementAndGet();
    private final byte[] fn;
    private final byte[][] chunks;
    private final List<?> inputs;
    private final int chunksize;
    private final boolean describeInputs;

    private RemoteChunks(ProcessWorkers workers, ChunkBackend backend, Pool.Fn<?, ?> function, String operation,
            byte[] fn, byte[][] chunks, List<?> inputs, int chunksize, boolean describeInputs) {
        this.workers = workers;
        this.backend = backend;
        this.function = function;
        this.operation = operation;
        this.fn = fn;
        this.chunks = chunks;
        this.inputs = inputs;
        this.chunksize = chunksize;
        this.describeInputs = describeInputs;
    }

    /**
     * Serializes the function and every chunk of the inputs.
     *
     * @throws TaskSerializationException naming what could not be serialized
     */
    static RemoteChunks encode(ProcessWorkers workers, String operation, Pool.Fn<?, ?> fn, List<?> inputs,
            int chunksize, boolean describeInputs) {
        return encode(workers, null, operation, fn, inputs, chunksize, describeInputs);
    }

    /**
     * The chunks of a pool over {@code backend}: checked for serialization as for worker JVMs (the
     * backend sends them its own way), run by handing the function and the items to the backend.
     */
    static RemoteChunks encode(ChunkBackend backend, String operation, Pool.Fn<?, ?> fn, List<?> inputs,
            int chunksize, boolean describeInputs) {
        return encode(null, backend, operation, fn, inputs, chunksize, describeInputs);
    }

    private static RemoteChunks encode(ProcessWorkers workers, ChunkBackend backend, String operation,
            Pool.Fn<?, ?> fn, List<?> inputs, int chunksize, boolean describeInputs) {
        String where = backend == null ? "worker processes" : backend.name() + "'s workers";
        byte[] fnBytes;
        try {
            fnBytes = Wire.serialize(fn);
        } catch (IOException | RuntimeException e) {
            throw new TaskSerializationException(TaskSerializationException.Phase.SERIALIZE_TASK,
                    "the function of " + operation + " cannot be sent to " + where + ": " + Wire.reason(e)
                            + "; a lambda for a process pool may capture only serializable values", e);
        }
        int chunkCount = inputs.isEmpty() ? 0 : (int) ((inputs.size() + (long) chunksize - 1) / chunksize);
        byte[][] chunks = new byte[chunkCount][];
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            int start = chunk * chunksize;
            int end = (int) Math.min((long) start + chunksize, inputs.size());
            chunks[chunk] = encodeItems(operation, inputs, start, end);
        }
        return new RemoteChunks(workers, backend, fn, operation, fnBytes, chunks, inputs, chunksize, describeInputs);
    }

    private static byte[] encodeItems(String operation, List<?> inputs, int start, int end) {
        try {
            return ValueCodec.encode(inputs.subList(start, end));
        } catch (IOException | RuntimeException e) {
            int index = Wire.firstUnserializable(inputs, start, end);
            throw new TaskSerializationException(TaskSerializationException.Phase.SERIALIZE_TASK,
                    "input " + index + " of " + operation + " cannot be sent to worker processes: " + Wire.reason(e), e);
        }
    }

    /**
     * Runs chunk {@code chunk} on a worker and waits for it; does not send it once {@code cancelled}.
     *
     * @throws InterruptedException if interrupted while waiting for an idle worker
     */
    Outcome run(int chunk, BooleanSupplier cancelled) throws InterruptedException {
        int start = chunk * chunksize;
        int end = (int) Math.min((long) start + chunksize, inputs.size());
        if (backend != null) {
            return runOnBackend(start, end, cancelled);
        }
        return runRange(start, end, chunks[chunk], 0, cancelled);
    }

    @SuppressWarnings("unchecked")
    private Outcome runOnBackend(int start, int end, BooleanSupplier cancelled) throws InterruptedException {
        if (cancelled.getAsBoolean()) {
            return new Outcome.Cancelled();
        }
        ChunkBackend.Result result = backend.run((Pool.Fn<Object, Object>) function,
                new java.util.ArrayList<>(inputs.subList(start, end)));
        Object[] values = result.values().toArray();
        if (result.failure() == null) {
            if (values.length != end - start) {
                return failed(start + Math.min(values.length, end - start - 1), new IllegalStateException(backend.name()
                        + " gave " + values.length + " results for " + describe(start, end)));
            }
            return new Outcome.Done(values);
        }
        return new Outcome.Failed(failure(start + values.length, result.failure()), values);
    }

    private Outcome runRange(int start, int end, byte[] items, int deaths, BooleanSupplier cancelled)
            throws InterruptedException {
        Duration timeout = workers.options().timeout();
        byte[] payload = Wire.concat(ints(fn.length), fn, items);
        while (true) {
            WorkerProcess worker = workers.borrow();
            if (cancelled.getAsBoolean()) {
                workers.giveBack(worker);
                return new Outcome.Cancelled();
            }
            WorkerProcess.Reply reply = worker.call(job, payload, end - start, timeout, workers.alarms());
            switch (reply.kind()) {
                case ANSWER -> {
                    workers.giveBack(worker);
                    return answered(start, reply.frame());
                }
                case TIMED_OUT -> {
                    workers.replace(worker);
                    return new Outcome.Failed(new TaskTimeoutException(start, describe(start, end)
                            + " ran longer than the time-out of " + Durations.format(timeout)
                            + "; its worker was killed and replaced", timeout));
                }
                case DIED -> {
                    workers.replace(worker);
                    deaths++;
                    int retries = workers.options().retries();
                    if (deaths > retries) {
                        String poison = retries > 0 ? "; poison task: it killed " + deaths + " workers" : "";
                        return new Outcome.Failed(new WorkerDiedException(start, reply.death() + " while running "
                                + describe(start, end) + poison, reply.exitCode(), retries > 0));
                    }
                    if (end - start > 1) {
                        return isolate(start, end, deaths, cancelled);
                    }
                }
            }
        }
    }

    /** After a death, runs a chunk's tasks one by one, so that only the one that kills is blamed. */
    private Outcome isolate(int start, int end, int deaths, BooleanSupplier cancelled) throws InterruptedException {
        Object[] values = new Object[end - start];
        for (int index = start; index < end; index++) {
            Outcome outcome = runRange(index, index + 1, encodeItems(operation, inputs, index, index + 1), deaths,
                    cancelled);
            switch (outcome) {
                case Outcome.Done done -> values[index - start] = done.values()[0];
                case Outcome.Failed failed -> {
                    return new Outcome.Failed(failed.failure(), java.util.Arrays.copyOf(values, index - start));
                }
                case Outcome.Cancelled stop -> {
                    return stop;
                }
            }
        }
        return new Outcome.Done(values);
    }

    private Outcome answered(int start, Wire.Frame frame) {
        byte[] bytes = frame.bytes();
        return switch (frame.type()) {
            case Wire.RESULT -> {
                try {
                    yield new Outcome.Done(ValueCodec.decode(bytes, 0, bytes.length));
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    yield failed(start, new TaskSerializationException(
                            TaskSerializationException.Phase.DESERIALIZE_RESULT,
                            "the result of " + describe(start, start + 1) + " could not be read: " + Wire.reason(e), e));
                }
            }
            case Wire.TASK_FAILED, Wire.SETUP_FAILED -> {
                // int offset of the failing task in the chunk, int length, the results before it, the throwable
                int offset = Wire.intAt(bytes, 0);
                int beforeLength = Wire.intAt(bytes, 4);
                Object[] before;
                try {
                    before = ValueCodec.decode(bytes, 8, beforeLength);
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    yield failed(start, new TaskSerializationException(
                            TaskSerializationException.Phase.DESERIALIZE_RESULT,
                            "the results before task " + (start + offset) + " of " + operation
                                    + " could not be read: " + Wire.reason(e), e));
                }
                Throwable cause = Wire.deserializeThrowable(bytes, 8 + beforeLength);
                yield new Outcome.Failed(failure(start + offset, cause), before);
            }
            default -> failed(start, new IllegalStateException("worker answered frame type " + frame.type()));
        };
    }

    private Outcome failed(int index, Throwable cause) {
        return new Outcome.Failed(failure(index, cause));
    }

    private TaskFailedException failure(int index, Throwable cause) {
        return new TaskFailedException(index, describeInputs ? Describe.value(inputs.get(index)) : null, cause);
    }

    private String describe(int start, int end) {
        return end - start == 1 ? "task " + start + " of " + operation
                : "tasks " + start + " to " + (end - 1) + " of " + operation;
    }

    private static byte[] ints(int value) {
        try {
            return Wire.ints(value);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return "RemoteChunks[" + operation + ", job " + job + ", " + chunks.length + " chunks, fn "
                + fn.length + " bytes, inputs " + Arrays.stream(chunks).mapToLong(c -> c.length).sum() + " bytes]";
    }
}
