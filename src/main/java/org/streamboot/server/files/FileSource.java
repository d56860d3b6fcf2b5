package org.streamboot.server.files;

/**
 * Where a boot protocol (TFTP now, HTTP later) gets the files it serves. Implementations may
 * touch the disk, so callers on a Netty event loop must call {@link #open} from an executor.
 */
public interface FileSource {

    /**
     * Opens a file by the name a client asked for.
     *
     * @param name the client's name for the file, relative, with '/' between directories
     * @throws FileRefusal when the name is not allowed or no such file exists
     */
    ReadableFile open(String name) throws FileRefusal;

    /** Where the files come from, for logs and the console ("/usr/lib/ipxe"). */
    String describe();

    /** A source with no files, for when the real one is missing; every open says why. */
    static FileSource empty(String why) {
        return new FileSource() {
            @Override
            public ReadableFile open(String name) throws FileRefusal {
                throw new FileRefusal(FileRefusal.Kind.NOT_FOUND, "no file named '" + name + "': " + why);
            }

            @Override
            public String describe() {
                return "nothing (" + why + ")";
            }
        };
    }
}
