package dev.floe.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * What crosses between the pool and its worker JVMs: frames of {@code type, id, length, bytes},
 * and Java serialization for what the bytes hold, read back under a {@link SerialFilter}.
 */
final class Wire {
    // caller -> worker
    static final int INIT = 1;      // id 0, bytes: the initializer
    static final int CHUNK = 2;     // id: job, bytes: int fn length, fn (read once per job), items
    static final int EXIT = 3;
    // worker -> caller
    static final int READY = 10;         // after the initializer ran
    static final int INIT_FAILED = 11;   // bytes: the throwable
    static final int RESULT = 12;        // bytes: Object[] of the results
    // TASK_FAILED (a task threw) and SETUP_FAILED (a task or result could not cross, the cause a
    // TaskSerializationException) share one layout: int offset of the failing task in the chunk,
    // int length, the results before it, the throwable
    static final int TASK_FAILED = 13;
    static final int SETUP_FAILED = 14;

    private Wire() {}

    record Frame(int type, long id, byte[] bytes) {}

    static void write(DataOutputStream out, int type, long id, byte[] bytes) throws IOException {
        out.writeInt(type);
        out.writeLong(id);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    static Frame read(DataInputStream in) throws IOException {
        int type = in.readInt();
        long id = in.readLong();
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("a frame of type " + type + " claims " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new Frame(type, id, bytes);
    }

    static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the object {@code bytes} hold, which must be a {@code shape}.
     *
     * @throws InvalidObjectException naming what was refused: another shape, or beyond the limits
     */
    static <T> T deserialize(byte[] bytes, Class<? super T> shape) throws IOException, ClassNotFoundException {
        return deserialize(bytes, 0, bytes.length, shape);
    }

    @SuppressWarnings("unchecked")
    static <T> T deserialize(byte[] bytes, int offset, int length, Class<? super T> shape)
            throws IOException, ClassNotFoundException {
        SerialFilter filter = new SerialFilter(shape, length);
        Object value;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            in.setObjectInputFilter(filter);
            value = in.readObject();
        } catch (InvalidClassException e) {
            if (filter.refusal() == null) {
                throw e;
            }
            InvalidObjectException refused = new InvalidObjectException("refused by the limits on what crosses "
                    + "between JVMs: " + filter.refusal());
            refused.initCause(e);
            throw refused;
        }
        if (!shape.isInstance(value)) { // a lambda of another interface passes the filter as a SerializedLambda
            throw new InvalidObjectException("a " + (value == null ? "null" : value.getClass().getName()) + " where "
                    + filter.expected() + " was expected");
        }
        return (T) value;
    }

    /** The index of the first value in {@code values[start, end)} that cannot be serialized ({@code end - 1} if none fails alone). */
    static int firstUnserializable(java.util.List<?> values, int start, int end) {
        int index = start;
        while (index < end - 1 && serializes(values.get(index))) {
            index++;
        }
        return index;
    }

    private static boolean serializes(Object value) {
        try {
            serialize(value);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A throwable as bytes; one that cannot be serialized travels as a {@link RemoteTaskException}. */
    static byte[] serializeThrowable(Throwable thrown) {
        try {
            return serialize(thrown);
        } catch (IOException | RuntimeException e) {
            try {
                return serialize(new RemoteTaskException(thrown.getClass().getName(), thrown.getMessage(),
                        thrown.getStackTrace()));
            } catch (IOException impossible) {
                throw new IllegalStateException("cannot serialize a RemoteTaskException", impossible);
            }
        }
    }

    static Throwable deserializeThrowable(byte[] bytes, int offset) {
        try {
            return deserialize(bytes, offset, bytes.length - offset, Throwable.class);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return new RemoteTaskException("unreadable exception", e.toString(), new StackTraceElement[0]);
        }
    }

    /** Why serialization failed, naming the class: "com.example.Foo is not Serializable". */
    static String reason(Exception failure) {
        if (failure instanceof NotSerializableException e) {
            return e.getMessage() + " is not Serializable";
        }
        if (failure instanceof ClassNotFoundException e) {
            return "class " + e.getMessage() + " is not on the worker's class path (worker JVMs start with this "
                    + "JVM's class path; a program run from its source, java Demo.java, has its classes in memory "
                    + "only: compile it, javac -d classes Demo.java, and run it with java -cp classes:... Demo, or use "
                    + "Pool.threads())";
        }
        return failure.toString();
    }

    static byte[] ints(int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int value : values) {
            out.writeInt(value);
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static int intAt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
    }
}
