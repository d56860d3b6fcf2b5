package org.streamboot.server.tftp;

import java.time.Duration;

/**
 * Limits the TFTP server applies to what clients ask for.
 *
 * @param maxBlockSize    largest blksize granted (RFC 2348 allows up to 65464). A block larger
 *                        than the path MTU (1468 payload on Ethernet) travels as IP fragments,
 *                        and losing one fragment loses the whole block; on networks whose
 *                        switches or firewalls drop fragments set this to 1468.
 * @param maxWindowSize   largest windowsize granted (RFC 7440 allows up to 65535)
 * @param maxWindowBytes  cap on blocks x blksize sent without an ACK: it bounds the memory one
 *                        transfer holds and the burst a client's receive buffer must absorb
 * @param retransmitAfter wait for an ACK before sending again, unless the client's
 *                        "timeout" option (RFC 2349) says otherwise
 * @param maxRetries      retransmissions of one window before the transfer is given up
 * @param maxTransfers    transfers served at once; more are refused with an ERROR saying so
 * @param readAhead       bytes read from disk per trip to the executor, so that lock-step
 *                        transfers (windowsize 1) do not pay a thread hand-off per block
 */
public record TftpSettings(int maxBlockSize, int maxWindowSize, int maxWindowBytes, Duration retransmitAfter,
                           int maxRetries, int maxTransfers, int readAhead) {

    public static final TftpSettings DEFAULTS =
            new TftpSettings(TftpPacket.MAX_BLOCK_SIZE, 64, 1 << 20, Duration.ofSeconds(1), 5, 256, 64 * 1024);

    public TftpSettings {
        if (maxBlockSize < 8 || maxBlockSize > TftpPacket.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("maxBlockSize must be 8-" + TftpPacket.MAX_BLOCK_SIZE);
        }
        if (maxWindowSize < 1 || maxWindowSize > 65535) {
            throw new IllegalArgumentException("maxWindowSize must be 1-65535");
        }
        if (maxWindowBytes < maxBlockSize) {
            throw new IllegalArgumentException("maxWindowBytes must hold at least one block");
        }
        if (retransmitAfter.isNegative() || retransmitAfter.isZero()) {
            throw new IllegalArgumentException("retransmitAfter must be positive");
        }
        if (maxRetries < 0 || maxTransfers < 1 || readAhead < 0) {
            throw new IllegalArgumentException("maxRetries, maxTransfers and readAhead must not be negative");
        }
    }

    public TftpSettings withRetransmitAfter(Duration after) {
        return new TftpSettings(maxBlockSize, maxWindowSize, maxWindowBytes, after, maxRetries, maxTransfers, readAhead);
    }

    public TftpSettings withMaxTransfers(int max) {
        return new TftpSettings(maxBlockSize, maxWindowSize, maxWindowBytes, retransmitAfter, maxRetries, max, readAhead);
    }

    public TftpSettings withMaxRetries(int retries) {
        return new TftpSettings(maxBlockSize, maxWindowSize, maxWindowBytes, retransmitAfter, retries, maxTransfers, readAhead);
    }
}
