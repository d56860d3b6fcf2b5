package org.streamboot.server.files;

/**
 * Why a {@link FileSource} did not open a file. Each protocol turns the kind into its own
 * answer (TFTP error 1 or 2, HTTP 404 or 403); the message is for the log and the console.
 */
public final class FileRefusal extends Exception {

    public enum Kind {
        /** The name is well formed, but no such file exists under any root. */
        NOT_FOUND,
        /** The name tries to leave the root, or is not a name we accept at all. */
        ACCESS_VIOLATION,
        /** The file exists but the operating system would not let us read it. */
        UNREADABLE
    }

    private final Kind kind;

    public FileRefusal(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FileRefusal(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
