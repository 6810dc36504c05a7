package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Spilled batches come back as written, and a codec keeps no large buffer between batches. */
class SpillCodecTest {
    @Test
    void aLargeBatchDoesNotLeaveItsBufferBehindAndBatchesRoundTrip() {
        SpillCodec codec = new SpillCodec();
        Vector large = new LongVector(DataType.INT64, LongStream.range(0, 300_000).toArray(), null);
        ByteBuffer first = codec.encode(new Batch(List.of(large), 300_000, 7));
        assertThat(first.capacity()).isGreaterThan(SpillCodec.KEPT_BUFFER);
        Batch back = new SpillCodec().decode(ByteBuffer.wrap(java.util.Arrays.copyOf(first.array(), first.limit())));
        assertThat(back.start()).isEqualTo(7);
        assertThat(back.rows()).isEqualTo(300_000);
        assertThat(((LongVector) back.columns().get(0)).getLong(299_999)).isEqualTo(299_999);

        Vector small = new LongVector(DataType.INT64, new long[] {5, -3}, null);
        ByteBuffer second = codec.encode(new Batch(List.of(small), 2, 9));
        assertThat(second.capacity()).isLessThanOrEqualTo(SpillCodec.KEPT_BUFFER);
        Batch smallBack = new SpillCodec().decode(second);
        assertThat(((LongVector) smallBack.columns().get(0)).getLong(1)).isEqualTo(-3);
    }
}
