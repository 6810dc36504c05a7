package dev.floe.frame.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataType;
import dev.floe.frame.SchemaException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnBuilderTest {
    enum Color { RED }

    @Test
    void infersTheTypeThatHoldsEveryValue() {
        assertThat(ColumnBuilder.inferType(List.of(1, 2), "x")).isEqualTo(DataType.INT32);
        assertThat(ColumnBuilder.inferType(List.of(1, 2L), "x")).isEqualTo(DataType.INT64);
        assertThat(ColumnBuilder.inferType(List.of(1, 2.5), "x")).isEqualTo(DataType.FLOAT64);
        assertThat(ColumnBuilder.inferType(List.of((short) 1, 2.5f), "x")).isEqualTo(DataType.FLOAT32);
        assertThat(ColumnBuilder.inferType(List.of(1L, 2.5f), "x")).isEqualTo(DataType.FLOAT64);
        assertThat(ColumnBuilder.inferType(Arrays.asList(null, "a"), "x")).isEqualTo(DataType.UTF8);
        assertThat(ColumnBuilder.inferType(List.of(Color.RED), "x")).isEqualTo(DataType.CATEGORICAL);
        assertThat(ColumnBuilder.inferType(List.of(Color.RED, "b"), "x")).isEqualTo(DataType.UTF8);
        assertThat(ColumnBuilder.inferType(List.of(LocalDate.EPOCH), "x")).isEqualTo(DataType.DATE);
        assertThat(ColumnBuilder.inferType(List.of(Instant.EPOCH, LocalDateTime.MIN), "x")).isEqualTo(DataType.DATETIME);
        assertThat(ColumnBuilder.inferType(List.of(Duration.ZERO), "x")).isEqualTo(DataType.DURATION);
        assertThat(ColumnBuilder.inferType(List.of(true), "x")).isEqualTo(DataType.BOOLEAN);
        assertThat(ColumnBuilder.inferType(Arrays.asList(null, null), "x")).isEqualTo(DataType.NULL);
        assertThat(ColumnBuilder.inferType(List.of(), "x")).isEqualTo(DataType.NULL);
    }

    @Test
    void mixedTypesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> ColumnBuilder.inferType(List.of(1, 2, "three"), "x"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 'x': row 2 holds \"three\" (String) but earlier rows are i32; one column holds one type");
        assertThatThrownBy(() -> ColumnBuilder.inferType(List.of(new Object()), "y"))
                .hasMessageContaining("column 'y': row 0 holds a java.lang.Object, which no column type holds");
    }

    @Test
    void valuesThatDoNotFitAreRefusedNotConverted() {
        ColumnBuilder ints = ColumnBuilder.of(DataType.INT32, "n", 2).append(1);
        assertThatThrownBy(() -> ints.append(2.5)).isInstanceOf(SchemaException.class)
                .hasMessage("column 'n', row 1: the value 2.5 (Double) does not fit type i32");
        assertThatThrownBy(() -> ColumnBuilder.of(DataType.INT8, "b", 1).append(300))
                .hasMessage("column 'b', row 0: the value 300 does not fit type i8 (-128 to 127)");
        assertThatThrownBy(() -> ColumnBuilder.of(DataType.DATE, 1).append("2024-01-01"))
                .hasMessage("row 0: the value \"2024-01-01\" (String) does not fit type date");
        assertThat(ColumnBuilder.of(DataType.FLOAT64, 1).append(3).build().get(0)).isEqualTo(3.0);
        assertThat(ColumnBuilder.of(DataType.INT64, 1).append(3).build().get(0)).isEqualTo(3L);
    }
}
