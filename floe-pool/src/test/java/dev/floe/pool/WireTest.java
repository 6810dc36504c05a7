package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a frame from the other side may not do: forge lengths, nest without end, or arrive in another shape. */
class WireTest {
    /** An empty Object[] in ValueCodec's general form, its length (the last four bytes) set to {@code length}. */
    private static byte[] objectsClaiming(int length) throws IOException {
        byte[] bytes = ValueCodec.encode(List.of()); // an empty Object[]
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, length);
        return bytes;
    }

    @Test
    void anArrayLongerThanItsStreamIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] forged = objectsClaiming(Integer.MAX_VALUE);
        assertThatThrownBy(() -> ValueCodec.decode(forged, 0, forged.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("an array of 2147483647 elements in a stream of " + (forged.length - 1) + " bytes");
        byte[] fine = ValueCodec.encode(Arrays.asList(new int[1000], "x"));
        assertThat((int[]) ValueCodec.decode(fine, 0, fine.length)[0]).hasSize(1000);
    }

    @Test
    void compactValuesCannotClaimMoreThanTheirBytes() throws IOException {
        byte[] ints = ValueCodec.encode(List.of(1, 2, 3));
        ByteBuffer.wrap(ints).putInt(1, 1 << 30);
        assertThatThrownBy(() -> ValueCodec.decode(ints, 0, ints.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("1073741824 values");
        byte[] strings = ValueCodec.encode(List.of("abc"));
        ByteBuffer.wrap(strings).putInt(5, Integer.MAX_VALUE);
        assertThatThrownBy(() -> ValueCodec.decode(strings, 0, strings.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("a text of 2147483647 bytes");
        assertThatThrownBy(() -> ValueCodec.decode(strings, 0, strings.length + 10)).isInstanceOf(IOException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void valuesNestedBeyondTheLimitAreRefused() throws IOException, ClassNotFoundException {
        byte[] deep = ValueCodec.encode(Arrays.asList(nested(SerialFilter.MAX_DEPTH + 10), "x"));
        assertThatThrownBy(() -> ValueCodec.decode(deep, 0, deep.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("objects nested deeper than " + SerialFilter.MAX_DEPTH);
        byte[] shallow = ValueCodec.encode(Arrays.asList(nested(100), "x"));
        assertThat(ValueCodec.decode(shallow, 0, shallow.length)).hasSize(2);
    }

    private static Object[] nested(int depth) {
        Object[] top = new Object[1];
        Object[] innermost = top;
        for (int i = 1; i < depth; i++) {
            Object[] next = new Object[1];
            innermost[0] = next;
            innermost = next;
        }
        return top;
    }

    @Test
    void aReplyOfAnotherShapeIsRefusedBeforeItIsRead() throws IOException {
        ArrayList<Object> list = new ArrayList<>(List.of(1, 2));
        byte[] notAnArray = Wire.concat(new byte[] {0}, Wire.serialize(list));
        assertThatThrownBy(() -> ValueCodec.decode(notAnArray, 0, notAnArray.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("a java.util.ArrayList where an Object[] was expected");
        Map<String, String> map = new HashMap<>(Map.of("not", "a throwable"));
        Throwable read = Wire.deserializeThrowable(Wire.serialize(map), 0);
        assertThat(read).isInstanceOf(RemoteTaskException.class)
                .hasMessageContaining("a java.util.HashMap where a java.lang.Throwable was expected");
        Throwable real = Wire.deserializeThrowable(Wire.serialize(new IllegalStateException("kept")), 0);
        assertThat(real).isInstanceOf(IllegalStateException.class).hasMessage("kept");
    }

    @Test
    void aTaskMustBeTheFunctionItClaimsToBe() throws Exception {
        Pool.Fn<Integer, Integer> increment = x -> x + 1;
        Pool.Fn<Object, Object> back = Wire.deserialize(Wire.serialize(increment), Pool.Fn.class);
        assertThat(back.apply(1)).isEqualTo(2);
        FloeProcess.Body body = () -> { };
        assertThatThrownBy(() -> Wire.deserialize(Wire.serialize(body), Pool.Fn.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("where a dev.floe.pool.Pool$Fn was expected");
        assertThatThrownBy(() -> Wire.deserialize(Wire.serialize(42), Pool.Fn.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("a java.lang.Integer where a dev.floe.pool.Pool$Fn was expected");
    }

    @Test
    void aFrameWithANegativeLengthIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(Wire.RESULT);
        out.writeLong(1);
        out.writeInt(-5);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThatThrownBy(() -> Wire.read(in)).isInstanceOf(IOException.class).hasMessageContaining("-5 bytes");
    }
}
