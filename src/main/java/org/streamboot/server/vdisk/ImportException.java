package org.streamboot.server.vdisk;

/** An import or create failed; the message says why in plain words. Nothing was registered. */
public class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }
}
