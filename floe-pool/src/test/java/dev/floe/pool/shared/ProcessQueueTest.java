package dev.floe.pool.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.FloeException;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a queue does with values it cannot trust: damaged lengths and hostile object graphs are refused by name. */
class ProcessQueueTest {
    private final String name = "queue-" + UUID.randomUUID();

    @AfterEach
    void removeLeftovers() {
        SharedRegion.unlink(name);
    }

    @Test
    void aDamagedLengthIsRefusedInsteadOfAllocated() throws Exception {
        for (int claimed : new int[] {-1, Integer.MAX_VALUE, 1 << 20}) {
            try (ProcessQueue<String> queue = ProcessQueue.create(name, 256); SharedRegion raw = SharedRegion.open(name)) {
                queue.put("hello");
                raw.segment().set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN),
                        ProcessQueue.RING, claimed);
                assertThatThrownBy(() -> queue.poll(Duration.ofSeconds(1))).isInstanceOf(FloeException.class)
                        .hasMessageContaining("queue '" + name + "' is damaged")
                        .hasMessageContaining("claims " + claimed + " bytes");
            }
        }
    }

    @Test
    void aValueNestedBeyondTheLimitIsRefusedWhenTaken() throws Exception {
        Object[] deep = new Object[1];
        Object[] innermost = deep;
        for (int i = 0; i < ProcessQueue.MAX_DEPTH + 10; i++) {
            Object[] next = new Object[1];
            innermost[0] = next;
            innermost = next;
        }
        try (ProcessQueue<Object[]> queue = ProcessQueue.create(name, 1 << 16)) {
            queue.put(deep);
            assertThatThrownBy(queue::take).isInstanceOf(FloeException.class)
                    .hasMessageContaining("cannot read a value from queue '" + name + "'")
                    .hasMessageContaining("nested deeper than " + ProcessQueue.MAX_DEPTH);
            Object[] shallow = {new Object[] {"fine"}};
            queue.put(shallow);
            assertThat(((Object[]) queue.take()[0])[0]).isEqualTo("fine");
        }
    }
}
