package org.streamboot.server.tftp;

/** A datagram that is not a well-formed TFTP packet; {@link #reply()} is the error to answer with. */
public final class TftpDecodeException extends Exception {

    private final TftpErrorCode reply;

    public TftpDecodeException(TftpErrorCode reply, String message) {
        super(message);
        this.reply = reply;
    }

    public TftpErrorCode reply() {
        return reply;
    }
}
