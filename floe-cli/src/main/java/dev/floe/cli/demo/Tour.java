package dev.floe.cli.demo;

import dev.floe.pool.Timeit;
import java.io.PrintWriter;
import java.util.Locale;

/** What every section of the tour shares: headings, notes, and how it times things. */
abstract class Tour {
    final PrintWriter out;
    final boolean quick;

    Tour(PrintWriter out, boolean quick) {
        this.out = out;
        this.quick = quick;
    }

    /** Runs the section; returns whether every check it makes held. */
    abstract boolean run();

    void title(String text) {
        out.println(text);
        out.println("=".repeat(text.length()));
    }

    void heading(String text) {
        out.println();
        out.println("## " + text);
        out.println();
    }

    void note(String text) {
        out.println(text);
    }

    /** The median seconds of several timed runs after a warm-up (a single run when quick). */
    double time(Timeit.Block block, int loops) {
        Timeit timeit = Timeit.of(block).number(quick ? 1 : loops);
        return (quick ? timeit.repeat(1).warmup(0) : timeit.repeat(5).warmup(1)).run().median();
    }

    static String seconds(double seconds) {
        return Timeit.Timing.format(seconds);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
