package dev.floe.arrow;

import dev.floe.FloeException;

/**
 * What Apache Arrow's Java library needs from the JVM, checked before its first use: it reads
 * {@code java.nio}'s internals (a direct buffer's address), which the JVM allows only with
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}. Without it, Arrow's memory classes fail to
 * initialise with a long stack trace; this says instead, in one line, which option to add.
 */
final class ArrowAccess {
    private ArrowAccess() {}

    static final String OPTION = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    /** Fails with the option to add when {@code java.nio} is not open to Arrow's classes. */
    static void require() {
        if (!Object.class.getModule().isOpen("java.nio", org.apache.arrow.memory.BufferAllocator.class.getModule())) {
            throw new FloeException("Arrow files need the JVM option " + OPTION + " (Apache Arrow's Java library "
                    + "reads java.nio's internals): add it to the java command, or to JAVA_TOOL_OPTIONS");
        }
    }
}
