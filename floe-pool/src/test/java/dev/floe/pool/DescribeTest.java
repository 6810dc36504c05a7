package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DescribeTest {
    @Test
    void arraysAndStringsReadAsAPersonWouldWriteThem() {
        assertThat(Describe.value(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(Describe.value(new String[][] {{"a"}})).isEqualTo("[[a]]");
        assertThat(Describe.value("id")).isEqualTo("\"id\"");
        assertThat(Describe.value(null)).isEqualTo("null");
        assertThat(Args.of(new double[] {0.5}, 4).toString()).isEqualTo("([0.5], 4)");
        assertThat(Args.of(1, "b", null).toString()).isEqualTo("(1, \"b\", null)");
    }

    @Test
    void longValuesAreCut() {
        String text = Describe.value(new int[1000]);
        assertThat(text).hasSize(80).endsWith("…");
    }

    @Test
    void aFailingToStringDoesNotHideTheRealError() {
        Object broken = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("broken");
            }
        };
        assertThat(Describe.value(broken)).contains("toString() failed");
    }
}
