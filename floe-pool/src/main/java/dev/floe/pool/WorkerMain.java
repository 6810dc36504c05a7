package dev.floe.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;

/**
 * The worker JVM of a {@link ProcessPool}: connects back to the pool over a loopback socket, runs
 * the initializer, then runs the chunks it is sent and answers with their results or failures.
 * It exits when the pool says so, when the connection ends, or when the parent process dies, so
 * no worker outlives its pool.
 *
 * <p>Arguments: {@code port token workerId parentPid}. Not for direct use.
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
        int port = Integer.parseInt(args[0]);
        long token = Long.parseLong(args[1]);
        int workerId = Integer.parseInt(args[2]);
        long parentPid = Long.parseLong(args[3]);
        exitWithParent(parentPid);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            out.writeLong(token);
            out.writeInt(workerId);
            out.flush();
            new WorkerMain(in, out).serve();
        } catch (EOFException | SocketException e) {
            // the pool went away: nothing left to do
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** A worker must not outlive the JVM that started it, even one killed with SIGKILL. */
    static void exitWithParent(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(70)),
                () -> Runtime.getRuntime().halt(70));
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

    @SuppressWarnings("unchecked")
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
