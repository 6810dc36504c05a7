package dev.floe.pool;

import dev.floe.FloeException;

/**
 * A task or its result could not cross between JVMs. {@link #phase()} says where: sending the
 * task (rejected when it is submitted), reading it in the worker, sending the result back, or
 * reading the result in the caller. The message names the class that could not be handled.
 */
public class TaskSerializationException extends FloeException {
    /** Where the crossing failed. */
    public enum Phase {
        SERIALIZE_TASK("serializing the task in the caller"),
        DESERIALIZE_TASK("deserializing the task in the worker"),
        SERIALIZE_RESULT("serializing the result in the worker"),
        DESERIALIZE_RESULT("deserializing the result in the caller");

        private final String description;

        Phase(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final Phase phase;

    public TaskSerializationException(Phase phase, String message, Throwable cause) {
        super(message + " (" + phase + ")", cause);
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }
}
