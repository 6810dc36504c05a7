package dev.floe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
    static List<Object> roundTrip(List<?> values) throws IOException, ClassNotFoundException {
        byte[] bytes = ValueCodec.encode(values);
        return Arrays.asList(ValueCodec.decode(bytes, 0, bytes.length));
    }

    @Test
    void everyCompactKindRoundTrips() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        List<Integer> ints = random.ints(1000).boxed().toList();
        List<Long> longs = random.longs(1000).boxed().toList();
        List<Double> doubles = new ArrayList<>(random.doubles(1000).boxed().toList());
        doubles.addAll(List.of(Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE));
        List<String> strings = new ArrayList<>(List.of("", "plain", "ünïcødé ✓", "x".repeat(100_000)));
        strings.add(1, null);
        assertThat(roundTrip(ints)).isEqualTo(ints);
        assertThat(roundTrip(longs)).isEqualTo(longs);
        assertThat(roundTrip(doubles)).isEqualTo(doubles);
        assertThat(roundTrip(strings)).isEqualTo(strings);
    }

    @Test
    void compactFormsAreSmallerThanObjectStreams() throws IOException {
        List<Integer> ints = java.util.stream.IntStream.range(0, 10_000).boxed().toList();
        assertThat(ValueCodec.encode(ints).length).isLessThan(Wire.serialize(ints.toArray()).length / 2);
    }

    @Test
    void mixedNullAndOtherValuesFallBackToSerialization() throws Exception {
        List<Object> mixed = Arrays.asList(1, 2L, "three", null, new int[] {4}, List.of(5));
        List<Object> back = roundTrip(mixed);
        assertThat(back.subList(0, 4)).isEqualTo(mixed.subList(0, 4));
        assertThat((int[]) back.get(4)).containsExactly(4);
        assertThat(back.get(5)).isEqualTo(List.of(5));
        assertThat(roundTrip(Arrays.asList(1, null, 3))).containsExactly(1, null, 3);
        assertThat(roundTrip(List.of())).isEmpty();
        assertThat(roundTrip(Arrays.asList((Object) null))).containsExactly((Object) null);
    }
}
