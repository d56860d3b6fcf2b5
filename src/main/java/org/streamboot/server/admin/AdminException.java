package org.streamboot.server.admin;

/**
 * The admin asked for something that cannot be done as asked (a malformed MAC, an unknown or
 * duplicate name). Nothing was changed; the message says what was wrong in plain words.
 */
public final class AdminException extends RuntimeException {
    public AdminException(String message) {
        super(message);
    }
}
