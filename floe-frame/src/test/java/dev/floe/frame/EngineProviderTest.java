package dev.floe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.physical.LocalEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engines by name: Floe's own always, the others from their modules (none on this module's class path). */
class EngineProviderTest {
    @Test
    void localIsFloesOwnEngineAndClosingItDoesNothing() {
        try (Engine local = EngineProvider.open("local", Map.of())) {
            assertThat(local).isSameAs(LocalEngine.INSTANCE);
        }
        assertThat(DataFrame.of(Series.of("x", 1L, 2L)).lazy().collect(LocalEngine.INSTANCE).height()).isEqualTo(2);
    }

    @Test
    void anUnknownNameIsRefusedWithTheNamesThereAre() {
        assertThatThrownBy(() -> EngineProvider.open("sparky", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no engine named 'sparky'; the engines are local, spark");
        assertThat(EngineProvider.names()).containsExactly("local", "spark");
    }

    @Test
    void anEngineWhoseModuleIsMissingNamesTheModule() {
        assertThatThrownBy(() -> EngineProvider.open("spark", Map.of("master", "local[2]")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the spark engine needs the floe-spark module on the class path (Maven: dev.floe:floe-spark)");
    }

    @Test
    void theLocalEngineTakesNoSettings() {
        assertThatThrownBy(() -> EngineProvider.open("local", Map.of("master", "local[2]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the local engine takes no engine settings, and was given master");
    }
}
