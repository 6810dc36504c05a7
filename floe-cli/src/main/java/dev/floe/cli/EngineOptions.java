package dev.floe.cli;

import dev.floe.frame.Engine;
import dev.floe.frame.EngineProvider;
import dev.floe.frame.Floe;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where a command's queries run: {@code --engine} (Floe's own engine, or one a module adds, found
 * by name through {@link EngineProvider}: {@code spark} with floe-spark), {@code --master} and
 * {@code --conf} for that engine. The CLI does not depend on floe-spark: the launcher puts it on
 * the class path when {@code --engine spark} is asked for.
 */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "NAME",
            description = "Where the queries run: local (Floe's own engine, the default) or spark (Apache Spark, "
                    + "through floe-spark; see --master).")
    String engine = EngineProvider.LOCAL;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master, such as local[4] or spark://host:7077 (default: "
                    + "local[N] for --threads N, else local[*], Spark in this JVM on every core).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "With --engine spark: a Spark setting, such as spark.executor.memory=4g; repeatable.")
    Map<String, String> conf;

    /** Whether the queries run on an engine other than Floe's own. */
    boolean remote() {
        return !engine.equals(EngineProvider.LOCAL);
    }

    /**
     * Starts the engine asked for and makes it the default session's, so every query the command
     * runs goes there; closing the result puts the session's engine back and closes this one.
     * Floe's own engine needs nothing started: then the result does nothing.
     *
     * @param threads the command's --threads, or null
     */
    Running start(CommandLine.Model.CommandSpec spec, Integer threads) {
        if (!remote()) {
            if (master != null || conf != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), (master != null ? "--master" : "--conf")
                        + " is for another engine (--engine spark); the local engine runs in this process");
            }
            return () -> {};
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (conf != null) {
            settings.putAll(conf);
        }
        settings.put("master", master != null ? master : threads != null ? "local[" + threads + "]" : "local[*]");
        Engine opened;
        try {
            opened = EngineProvider.open(engine, settings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--engine " + engine + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage() + "; the ./floe launcher puts it there with --engine " + engine
                    + " once it is built (mvn -pl " + EngineProvider.MODULES.getOrDefault(engine, "floe-" + engine)
                    + " -am package -DskipTests)", e);
        }
        Engine before = Floe.session().engine();
        Floe.session().engine(opened);
        return () -> {
            Floe.session().engine(before);
            opened.close();
        };
    }

    /** A started engine: closing it puts the session's engine back and stops it. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }
}
