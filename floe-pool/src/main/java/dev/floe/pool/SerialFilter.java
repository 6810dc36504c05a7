package dev.floe.pool;

import java.io.ObjectInputFilter;
import java.lang.invoke.SerializedLambda;

/**
 * The limits every object stream between a pool and its worker JVMs is read under, one filter
 * per stream:
 *
 * <ul>
 *   <li>the stream's top object must have the shape the frame declares ({@code Object[]} for
 *       results and inputs, a {@code Throwable} for a failure, the functional interface for a
 *       task, where a lambda arrives as a {@link SerializedLambda}); anything else is refused
 *       before its own {@code readObject} runs;
 *   <li>objects nest at most {@value #MAX_DEPTH} deep (reading recurses once per level);
 *   <li>no array is longer, and no stream holds more references or bytes, than the stream's own
 *       length in bytes: every element and reference takes at least one byte, so real data always
 *       fits, while a forged length cannot make the reader allocate gigabytes.
 * </ul>
 *
 * A JVM-wide filter ({@code -Djdk.serialFilter=...}) still applies on top. After a refusal,
 * {@link #refusal()} says what was refused. Not thread-safe: one stream, one filter.
 */
final class SerialFilter implements ObjectInputFilter {
    static final int MAX_DEPTH = 1_000;

    private final Class<?> shape;
    private final long streamLength;
    private final ObjectInputFilter global = ObjectInputFilter.Config.getSerialFilter();
    private String refusal;

    SerialFilter(Class<?> shape, long streamLength) {
        this.shape = shape;
        this.streamLength = streamLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        String problem = problem(info);
        if (problem != null) {
            if (refusal == null) {
                refusal = problem;
            }
            return Status.REJECTED;
        }
        return global == null ? Status.UNDECIDED : global.checkInput(info);
    }

    private String problem(FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return "objects nested deeper than " + MAX_DEPTH;
        }
        if (info.arrayLength() > streamLength) {
            return "an array of " + info.arrayLength() + " elements in a stream of " + streamLength + " bytes";
        }
        if (info.references() > streamLength || info.streamBytes() > streamLength) {
            return "more references than a stream of " + streamLength + " bytes can hold";
        }
        Class<?> type = info.serialClass();
        if (info.depth() == 1 && type != null && !fits(type)) {
            return "a " + type.getName() + " where " + expected() + " was expected";
        }
        return null;
    }

    private boolean fits(Class<?> type) {
        return shape.isAssignableFrom(type) || (shape.isInterface() && type == SerializedLambda.class);
    }

    /** What the stream's top object must be, in words: "a dev.floe.pool.Pool$Fn". */
    String expected() {
        return (shape == Object[].class ? "an Object[]" : "a " + shape.getName());
    }

    /** What the filter refused first, or null if it refused nothing. */
    String refusal() {
        return refusal;
    }
}
