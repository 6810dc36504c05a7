package dev.floe.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The worker JVM of a {@link ProcessPool}: connects back to the pool's {@link WorkerChannel},
 * runs the initializer, then runs the chunks it is sent and answers with their results or
 * failures. It exits when the pool says so, when the connection ends, or when the parent
 * process dies, so no worker outlives its pool.
 *
 * <p>Arguments: {@code socketPath workerId parentPid}; the worker's token comes first on its
 * stdin, so that no other user can read it. Not for direct use.
 */
public final class WorkerMain {
    private final DataInputStream in;
    private final DataOutputStream out;
    private long cachedJob = Long.MIN_VALUE;
    private Pool.Fn<Object, Object> cachedFn;

    private WorkerMain(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path address = Path.of(args[0]);
        int workerId = Integer.parseInt(args[1]);
        long parentPid = Long.parseLong(args[2]);
        // a pool whose JVM died cannot remove its socket's directory: its workers do
        exitWithParent(parentPid, () -> WorkerChannel.removeDirectory(address));
        byte[] token = System.in.readNBytes(WorkerChannel.TOKEN_BYTES);
        if (token.length != WorkerChannel.TOKEN_BYTES) {
            System.err.println("worker-" + workerId + " got no token on its stdin: a process pool starts its workers,"
                    + " they are not for starting by hand");
            Runtime.getRuntime().halt(2);
        }
        try (SocketChannel channel = WorkerChannel.connect(address, workerId, token)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel),
                    1 << 16));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
            new WorkerMain(in, out).serve();
        } catch (EOFException | SocketException | ClosedChannelException e) {
            // the pool went away without a word: if its JVM died, no one else removes the socket's directory
            if (parentGone(parentPid)) {
                WorkerChannel.removeDirectory(address);
            }
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** A worker must not outlive the JVM that started it, even one killed with SIGKILL. */
    static void exitWithParent(long parentPid) {
        exitWithParent(parentPid, () -> { });
    }

    /** {@link #exitWithParent(long)}, running {@code last} before it halts. */
    static void exitWithParent(long parentPid, Runnable last) {
        Runnable halt = () -> {
            last.run();
            Runtime.getRuntime().halt(70);
        };
        ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(halt), halt);
    }

    /** Whether the parent process has ended, waiting a little for it: its sockets close as it dies. */
    private static boolean parentGone(long parentPid) {
        return ProcessHandle.of(parentPid).map(parent -> {
            try {
                parent.onExit().get(2, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }).orElse(true);
    }

    private void serve() throws IOException {
        while (true) {
            Wire.Frame frame = Wire.read(in);
            switch (frame.type()) {
                case Wire.INIT -> initialize(frame.bytes());
                case Wire.CHUNK -> runChunk(frame.id(), frame.bytes());
                case Wire.EXIT -> {
                    return;
                }
                default -> throw new IOException("unknown frame type " + frame.type());
            }
        }
    }

    private void initialize(byte[] bytes) throws IOException {
        if (bytes.length > 0) {
            try {
                Wire.<ProcessPool.Initializer>deserialize(bytes, ProcessPool.Initializer.class).run();
            } catch (Throwable thrown) {
                Wire.write(out, Wire.INIT_FAILED, 0, Wire.serializeThrowable(thrown));
                return;
            }
        }
        Wire.write(out, Wire.READY, 0, new byte[0]);
    }

    private void runChunk(long job, byte[] bytes) throws IOException {
        int fnLength = Wire.intAt(bytes, 0);
        List<?> items;
        try {
            if (job != cachedJob) {
                cachedFn = Wire.deserialize(bytes, 4, fnLength, Pool.Fn.class);
                cachedJob = job;
            }
            items = Arrays.asList(ValueCodec.decode(bytes, 4 + fnLength, bytes.length - 4 - fnLength));
        } catch (Exception | LinkageError e) {
            cachedJob = Long.MIN_VALUE;
            setupFailed(job, TaskSerializationException.Phase.DESERIALIZE_TASK, new Object[0],
                    "the task could not be read in the worker: " + Wire.reason(e instanceof Exception x ? x : new Exception(e)), e);
            return;
        }
        Object[] values = new Object[items.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = cachedFn.apply(items.get(i));
            } catch (Throwable thrown) {
                // the results before the failure still count (imap yields them)
                byte[] before = serializeResults(job, Arrays.copyOf(values, i));
                if (before != null) {
                    Wire.write(out, Wire.TASK_FAILED, job,
                            Wire.concat(Wire.ints(i, before.length), before, Wire.serializeThrowable(thrown)));
                }
                return;
            }
        }
        byte[] result = serializeResults(job, values);
        if (result != null) {
            Wire.write(out, Wire.RESULT, job, result);
        }
    }

    /** The results as bytes, or null after reporting the first one that cannot be serialized. */
    private byte[] serializeResults(long job, Object[] values) throws IOException {
        try {
            return ValueCodec.encode(Arrays.asList(values));
        } catch (IOException | RuntimeException e) {
            int offset = Wire.firstUnserializable(Arrays.asList(values), 0, values.length);
            setupFailed(job, TaskSerializationException.Phase.SERIALIZE_RESULT, Arrays.copyOf(values, offset),
                    "the result could not be sent back: " + Wire.reason(e), e);
            return null;
        }
    }

    /** Reports a failure to cross at task {@code before.length} of the chunk, with the results before it. */
    private void setupFailed(long job, TaskSerializationException.Phase phase, Object[] before, String message,
            Throwable cause) throws IOException {
        TaskSerializationException failure = new TaskSerializationException(phase, message, null);
        failure.setStackTrace(cause.getStackTrace());
        byte[] good;
        try {
            good = ValueCodec.encode(Arrays.asList(before));
        } catch (IOException | RuntimeException e) {
            before = new Object[0]; // the values fail only together: blame the chunk's first task
            good = ValueCodec.encode(Arrays.asList(before));
        }
        Wire.write(out, Wire.SETUP_FAILED, job,
                Wire.concat(Wire.ints(before.length, good.length), good, Wire.serializeThrowable(failure)));
    }
}
