package dev.floe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeriesTest {
    @Test
    void primitiveArraysKeepTheirWidth() {
        assertThat(Series.of("a", 1L, 2L).type()).isEqualTo(DataType.INT64);
        assertThat(Series.of("a", 1, 2).type()).isEqualTo(DataType.INT32);
        assertThat(Series.of("a", (short) 1).type()).isEqualTo(DataType.INT16);
        assertThat(Series.of("a", (byte) 1).type()).isEqualTo(DataType.INT8);
        assertThat(Series.of("a", 1.5).type()).isEqualTo(DataType.FLOAT64);
        assertThat(Series.of("a", 1.5f).type()).isEqualTo(DataType.FLOAT32);
        assertThat(Series.of("a", true, false).toList()).containsExactly(true, false);
        assertThat(Series.of("a", "x", null).nullCount()).isEqualTo(1);
        long[] source = {1, 2};
        Series copy = Series.of("a", source);
        source[0] = 99;
        assertThat(copy.get(0)).as("the series copies the array it is given").isEqualTo(1L);
    }

    @Test
    void explicitTypesConvertOnlyWhatFits() {
        Series cats = Series.of("k", DataType.CATEGORICAL, List.of("a", "b", "a"));
        assertThat(cats.type()).isEqualTo(DataType.CATEGORICAL);
        assertThat(cats.getString(2)).isEqualTo("a");
        assertThatThrownBy(() -> Series.of("n", DataType.INT32, List.of(1, "2")))
                .hasMessage("column 'n', row 1: the value \"2\" (String) does not fit type i32");
    }

    @Test
    void printsLikePolars() {
        assertThat(Series.of("a", 1L, 2L).toString()).isEqualTo("shape: (2,)\nSeries: 'a' [i64]\n[\n\t1\n\t2\n]");
        String longOne = Series.of("n", IntStream.range(0, 20).toArray()).toString();
        assertThat(longOne).contains("\t4\n\t…\n\t15\n").doesNotContain("\t5\n");
    }

    @Test
    void valuesAreFormattedForReading() {
        assertThat(Values.format(1.0)).isEqualTo("1.0");
        assertThat(Values.format(1.0 / 3)).isEqualTo("0.333333");
        assertThat(Values.format(-2.5e-7)).isEqualTo("-2.5000e-07");
        assertThat(Values.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Values.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Values.format(LocalDateTime.of(2024, 1, 2, 3, 4))).isEqualTo("2024-01-02 03:04:00");
        assertThat(Values.format(Duration.ofHours(26).plusMillis(5))).isEqualTo("1d 2h 5ms");
        assertThat(Values.format(Duration.ofSeconds(-90))).isEqualTo("-1m 30s");
        assertThat(Values.format(Duration.ZERO)).isEqualTo("0µs");
        assertThat(Values.format(null)).isEqualTo("null");
    }

    @Test
    void slicesClipAndRename() {
        Series s = Series.of("a", Arrays.asList(1L, null, 3L));
        assertThat(s.head(5).length()).isEqualTo(3);
        assertThat(s.tail(1).toList()).containsExactly(3L);
        assertThat(s.slice(-3, 2).toList()).containsExactly(1L, null);
        assertThat(s.rename("b").name()).isEqualTo("b");
    }

    @Test
    void schemasLookUpNamesAndRefuseDuplicates() {
        Schema schema = Schema.of("a", DataType.INT64, "b", DataType.UTF8);
        assertThat(schema.indexOf("b")).isEqualTo(1);
        assertThat(schema.type("a")).isEqualTo(DataType.INT64);
        assertThat(schema.toString()).isEqualTo("Schema[a: i64, b: str]");
        assertThat(schema.toMap()).containsKeys("a", "b");
        assertThatThrownBy(() -> Schema.of("a", DataType.INT64, "a", DataType.UTF8)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Schema.of("a")).hasMessageContaining("name, type pairs");
        assertThatThrownBy(() -> schema.type("B")).isInstanceOf(ColumnNotFoundException.class)
                .hasMessageContaining("did you mean 'b'?");
        assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
    }
}
