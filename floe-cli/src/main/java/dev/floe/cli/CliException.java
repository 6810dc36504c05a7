package dev.floe.cli;

import dev.floe.FloeException;

/** A command that cannot do what it was asked, for a reason its message gives in full: a missing file, a format it cannot tell. */
final class CliException extends FloeException {
    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
