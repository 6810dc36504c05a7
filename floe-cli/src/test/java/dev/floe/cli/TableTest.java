package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsTextLeftAndNumbersRight() {
        Table table = new Table("variant", "time").row("map", "3.2 ms").row("sequential loop", "12.5 ms");
        assertThat(table.toString()).isEqualTo("""
                  variant             time
                  ---------------  -------
                  map               3.2 ms
                  sequential loop  12.5 ms
                """);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row needs 2 values, got 1");
    }
}
