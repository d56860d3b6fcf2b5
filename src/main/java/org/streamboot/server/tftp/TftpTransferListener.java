package org.streamboot.server.tftp;

import java.net.InetSocketAddress;

/**
 * What the live console learns about TFTP transfers. Called from Netty event loops, so an
 * implementation must only record and return (no I/O, no locks held for long, no FX thread
 * hand-off per call). Progress comes at most once per acknowledged window and is throttled
 * further by the service; an exception thrown here is logged and does not affect the transfer.
 */
public interface TftpTransferListener {

    TftpTransferListener NOP = new TftpTransferListener() {
    };

    /**
     * One transfer as it was agreed.
     *
     * @param id a number unique within this server run
     */
    record Transfer(long id, InetSocketAddress client, String file, long size, int blockSize, int windowSize) {
    }

    /**
     * @param bytes       bytes the client has acknowledged
     * @param blocks      blocks the client has acknowledged
     * @param retransmits packets sent again after a timeout
     */
    record Progress(long bytes, long blocks, long retransmits) {
    }

    default void started(Transfer transfer) {
    }

    default void progress(Transfer transfer, Progress progress) {
    }

    default void finished(Transfer transfer, Progress progress) {
    }

    /**
     * The client asked the file's size (tsize) and ended before the first block: the usual PXE
     * probe. @param clientMessage the text of its ERROR, possibly empty
     */
    default void sizeProbed(Transfer transfer, String clientMessage) {
    }

    /** @param reason plain words: "the client stopped answering (...)" */
    default void failed(Transfer transfer, Progress progress, String reason) {
    }

    /** A request answered with an ERROR before any transfer began (not found, refused name, busy). */
    default void refused(InetSocketAddress client, String file, String reason) {
    }
}
