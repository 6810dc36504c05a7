package dev.floe.frame;

import dev.floe.frame.physical.LocalEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * An engine that a module adds (Apache Spark with {@code floe-spark}), found by name with
 * {@link ServiceLoader}, so that a program that does not depend on that module at compile time
 * (the {@code floe} command, the benchmarks) can still run its plans there when the module is on
 * the class path. Floe's own engine is always there, as {@code local}.
 *
 * <pre>{@code
 * try (Engine spark = EngineProvider.open("spark", Map.of("master", "local[2]"))) {
 *     DataFrame out = Floe.scanCsv("G1.csv").groupBy("id1").agg(col("v1").sum()).collect(spark);
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe and have a public no-argument constructor.
 */
public interface EngineProvider {
    /** The name of Floe's own engine. */
    String LOCAL = "local";

    /** Engines that Floe's modules add, by name, and the module each needs. */
    Map<String, String> MODULES = Map.of("spark", "floe-spark");

    /** The engine's name, as {@link Engine#name()} gives it: {@code spark}. */
    String name();

    /**
     * Starts an engine; the caller closes it. Settings are the engine's own: for {@code spark},
     * {@code master} (a master URL, {@code local[*]} by default) and Spark's settings by their
     * names ({@code spark.executor.memory}, ...).
     *
     * @throws IllegalArgumentException for a setting the engine does not know or a bad value
     */
    Engine open(Map<String, String> settings);

    /**
     * The engine named {@code name}, started with {@code settings}: Floe's own for {@code local}
     * (which takes no settings), else the provider of that name on the class path. The caller
     * closes it.
     *
     * @throws IllegalArgumentException for a name no module gives, listing the engines there are
     * @throws IllegalStateException for an engine whose module is not on the class path, naming the module
     */
    static Engine open(String name, Map<String, String> settings) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(settings, "settings is null");
        if (name.equals(LOCAL)) {
            if (!settings.isEmpty()) {
                throw new IllegalArgumentException("the local engine takes no engine settings, and was given "
                        + String.join(", ", new TreeSet<>(settings.keySet())));
            }
            return LocalEngine.INSTANCE;
        }
        for (EngineProvider provider : ServiceLoader.load(EngineProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.open(settings);
            }
        }
        String module = MODULES.get(name);
        if (module != null) {
            throw new IllegalStateException("the " + name + " engine needs the " + module + " module on the class path "
                    + "(Maven: dev.floe:" + module + ")");
        }
        throw new IllegalArgumentException("there is no engine named '" + name + "'; the engines are "
                + String.join(", ", names()));
    }

    /** The engines' names: {@code local}, those on the class path, and those Floe's modules would add. */
    static List<String> names() {
        TreeSet<String> names = new TreeSet<>(MODULES.keySet());
        for (EngineProvider provider : ServiceLoader.load(EngineProvider.class)) {
            names.add(provider.name());
        }
        List<String> all = new ArrayList<>();
        all.add(LOCAL);
        names.remove(LOCAL);
        all.addAll(names);
        return all;
    }
}
