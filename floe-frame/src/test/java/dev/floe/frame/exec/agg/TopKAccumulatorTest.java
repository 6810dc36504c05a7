package dev.floe.frame.exec.agg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataType;
import dev.floe.frame.SchemaException;
import dev.floe.frame.column.LongVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopKAccumulatorTest {
    @Test
    void tooManyGroupsForOneArrayAreRefusedByName() {
        TopKAccumulator top = new TopKAccumulator(DataType.INT64, 64);
        // 2^31 / 64 groups of 64 values each would not fit one array: said, not overflowed
        assertThatThrownBy(() -> top.add(new int[0], 0, 40_000_000, List.of(LongVector.of()), 0))
                .isInstanceOf(SchemaException.class).hasMessageContaining("topK(64) over 40000000 groups");
    }
}
