package dev.floe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** The questions a benchmark's {@code --only} names. */
public final class Questions {
    private Questions() {}

    /**
     * The questions {@code only} names, as {@code q} and a number ({@code 3}, {@code Q3} and
     * {@code q03} are {@code q3}), or null (every question) when it is null. A name that is not one
     * of {@code q1} to {@code q<count>} is refused, so that a typo never runs nothing.
     */
    public static List<String> selected(List<String> only, int count, CommandLine commandLine) {
        if (only == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String given : only) {
            String name = given.strip().toLowerCase(Locale.ROOT);
            if (name.startsWith("q")) {
                name = name.substring(1);
            }
            int number;
            try {
                number = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > count) {
                throw new CommandLine.ParameterException(commandLine, "--only: there is no question '" + given
                        + "'; the questions are q1 to q" + count);
            }
            names.add("q" + number);
        }
        return names;
    }
}
