package org.streamboot.server.vdisk;

/** The admin cancelled an import; its partial file was removed. */
public final class ImportCancelledException extends ImportException {
    public ImportCancelledException() {
        super("import cancelled");
    }
}
