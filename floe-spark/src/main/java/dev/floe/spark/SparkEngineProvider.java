package dev.floe.spark;

import dev.floe.frame.Engine;
import dev.floe.frame.EngineProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code spark} engine for programs that find engines by name ({@link EngineProvider}: the
 * {@code floe} command, the benchmarks): a {@link SparkEngine} on the master of setting
 * {@code master} ({@code local[*]} when none is given), with the Spark settings given by their
 * names ({@code spark.*}).
 */
public final class SparkEngineProvider implements EngineProvider {
    /** The master used when the settings name none: Spark in this JVM, on every core. */
    public static final String DEFAULT_MASTER = "local[*]";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine open(Map<String, String> settings) {
        Map<String, String> spark = new HashMap<>();
        String master = DEFAULT_MASTER;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (setting.getKey().equals("master")) {
                master = setting.getValue();
            } else if (setting.getKey().startsWith("spark.")) {
                spark.put(setting.getKey(), setting.getValue());
            } else {
                throw new IllegalArgumentException("the spark engine takes master and Spark's settings (spark.*), "
                        + "not '" + setting.getKey() + "'");
            }
        }
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("the spark engine's master is empty; give a master URL such as "
                    + "local[4] or spark://host:7077");
        }
        return SparkEngine.open(master, spark);
    }
}
