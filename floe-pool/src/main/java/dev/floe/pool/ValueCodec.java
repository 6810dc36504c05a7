package dev.floe.pool;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a chunk's inputs and results cross to and from worker JVMs: plain Java serialization in
 * general, and a compact form when every value is an {@code Integer}, a {@code Long}, a
 * {@code Double} or a {@code String} (or null, for strings) — the common case, several times
 * faster to write and read than object streams.
 */
final class ValueCodec {
    private static final byte OBJECTS = 0;
    private static final byte INTEGERS = 1;
    private static final byte LONGS = 2;
    private static final byte DOUBLES = 3;
    private static final byte STRINGS = 4;

    private ValueCodec() {}

    static byte[] encode(List<?> values) throws IOException {
        byte kind = kindOf(values);
        if (kind == OBJECTS) {
            return Wire.concat(new byte[] {OBJECTS}, Wire.serialize(values.toArray()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + values.size() * 9);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(kind);
        out.writeInt(values.size());
        switch (kind) {
            case INTEGERS -> {
                for (Object value : values) {
                    out.writeInt((Integer) value);
                }
            }
            case LONGS -> {
                for (Object value : values) {
                    out.writeLong((Long) value);
                }
            }
            case DOUBLES -> {
                for (Object value : values) {
                    out.writeDouble((Double) value);
                }
            }
            default -> {
                for (Object value : values) {
                    if (value == null) {
                        out.writeInt(-1);
                    } else {
                        byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
                        out.writeInt(utf8.length);
                        out.write(utf8);
                    }
                }
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * The values {@code bytes[offset, offset + length)} hold.
     *
     * @throws IOException if the bytes are not values this codec wrote: a count or a text longer
     *     than the bytes left, an object stream of another shape or beyond {@link SerialFilter}'s limits
     */
    static Object[] decode(byte[] bytes, int offset, int length) throws IOException, ClassNotFoundException {
        if (offset < 0 || length < 1 || offset > bytes.length - length) {
            throw new StreamCorruptedException("values at bytes " + offset + " to " + ((long) offset + length)
                    + " are outside a frame of " + bytes.length + " bytes");
        }
        byte kind = bytes[offset];
        if (kind == OBJECTS) {
            return Wire.deserialize(bytes, offset + 1, length - 1, Object[].class);
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, offset + 1, length - 1));
        int count = in.readInt();
        int width = switch (kind) {
            case INTEGERS, STRINGS -> Integer.BYTES;
            case LONGS, DOUBLES -> Long.BYTES;
            default -> throw new StreamCorruptedException("unknown value encoding " + kind);
        };
        if (count < 0 || (long) count * width > in.available()) {
            throw new StreamCorruptedException(count + " values cannot fit the " + in.available() + " bytes left");
        }
        Object[] values = new Object[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (kind) {
                case INTEGERS -> in.readInt();
                case LONGS -> in.readLong();
                case DOUBLES -> in.readDouble();
                default -> {
                    int size = in.readInt();
                    if (size < 0) {
                        yield null;
                    }
                    if (size > in.available()) {
                        throw new StreamCorruptedException("a text of " + size + " bytes cannot fit the "
                                + in.available() + " bytes left");
                    }
                    byte[] utf8 = new byte[size];
                    in.readFully(utf8);
                    yield new String(utf8, StandardCharsets.UTF_8);
                }
            };
        }
        return values;
    }

    private static byte kindOf(List<?> values) {
        if (values.isEmpty()) {
            return OBJECTS;
        }
        Object first = values.getFirst();
        Class<?> type = first == null ? String.class : first.getClass();
        byte kind = type == Integer.class ? INTEGERS : type == Long.class ? LONGS : type == Double.class ? DOUBLES
                : type == String.class ? STRINGS : OBJECTS;
        if (kind == OBJECTS) {
            return OBJECTS;
        }
        for (Object value : values) {
            if (value == null ? kind != STRINGS : value.getClass() != type) {
                return OBJECTS;
            }
        }
        return kind;
    }
}
