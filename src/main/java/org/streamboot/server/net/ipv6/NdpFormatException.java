package org.streamboot.server.net.ipv6;

/** Bytes that are not the neighbour-discovery message they were read as. */
public final class NdpFormatException extends Exception {
    public NdpFormatException(String message) {
        super(message);
    }
}
