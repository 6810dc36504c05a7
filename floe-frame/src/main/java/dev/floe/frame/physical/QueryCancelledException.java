package dev.floe.frame.physical;

import dev.floe.FloeException;

/** A query stopped before its end because it was cancelled: by its handle, an interrupt or Ctrl-C. */
public class QueryCancelledException extends FloeException {
    public QueryCancelledException(String reason) {
        super("the query was cancelled: " + reason);
    }
}
