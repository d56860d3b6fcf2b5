package org.streamboot.server.db;

/** The database could not do what was asked; the message says why in plain words. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
