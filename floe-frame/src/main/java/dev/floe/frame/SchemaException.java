package dev.floe.frame;

import dev.floe.FloeException;

/** A frame or expression whose shape or types do not fit: duplicate names, unequal lengths, wrong types. */
public class SchemaException extends FloeException {
    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
