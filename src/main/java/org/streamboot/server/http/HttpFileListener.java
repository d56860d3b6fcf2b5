package org.streamboot.server.http;

import java.net.InetSocketAddress;

/**
 * What the live console learns about boot files fetched over HTTP (UEFI HTTP boot's iPXE,
 * kernels and initrds named in scripts). Called from executor threads and event loops, so an
 * implementation only records and returns; an exception thrown here is logged and dropped.
 */
public interface HttpFileListener {

    HttpFileListener NOP = new HttpFileListener() {
    };

    /**
     * One answered request for a file.
     *
     * @param first  the first byte sent (0 unless the client asked for a range)
     * @param length the bytes the response carries (0 for HEAD)
     * @param size   the whole file's size
     */
    record Download(InetSocketAddress client, String file, long first, long length, long size, boolean head) {

        /** True when this response carries the whole file. */
        public boolean whole() {
            return !head && first == 0 && length == size;
        }
    }

    /** The response went out in full. */
    default void sent(Download download) {
    }

    /** The response was cut short (the client went away, or the file could not be read). */
    default void failed(Download download, String reason) {
    }

    /**
     * A request answered with an error before any byte of the file was sent.
     *
     * @param status the HTTP status sent: 403, 404, 416 or 500
     */
    default void refused(InetSocketAddress client, String file, int status, String reason) {
    }
}
