package org.streamboot.server.tftp;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was agreed for one transfer (RFC 2347 option negotiation).
 *
 * @param blockSize  payload bytes per DATA packet (RFC 2348; 512 when not negotiated)
 * @param windowSize DATA packets sent before waiting for an ACK (RFC 7440; 1 = RFC 1350 lock-step)
 * @param timeout    how long to wait for an ACK before retransmitting (RFC 2349)
 * @param oack       the options to acknowledge, in the client's order; empty means no OACK
 *                   is sent and DATA 1 answers the request (RFC 2347 section 3)
 */
public record TftpOptions(int blockSize, int windowSize, Duration timeout, Map<String, String> oack) {

    public static final int DEFAULT_BLOCK_SIZE = 512;
    public static final int MIN_BLOCK_SIZE = 8;

    public TftpOptions {
        oack = Collections.unmodifiableMap(new LinkedHashMap<>(oack));
    }

    /** The client's options are well formed but cannot be accepted: answer with ERROR 8. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Accepts what the client asked for within the server's limits. Options we do not know
     * are left out of the OACK, which RFC 2347 section 3 defines as declining them.
     */
    public static TftpOptions negotiate(Map<String, String> requested, long fileSize, TftpSettings limits)
            throws Refused {
        int blockSize = DEFAULT_BLOCK_SIZE;
        int windowSize = 1;
        Duration timeout = limits.retransmitAfter();
        Map<String, String> oack = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : requested.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "blksize" -> {
                    // RFC 2348: 8-65464; the server may answer with a smaller value than asked.
                    long asked = number("blksize", value, MIN_BLOCK_SIZE, TftpPacket.MAX_BLOCK_SIZE);
                    blockSize = (int) Math.min(asked, limits.maxBlockSize());
                    oack.put("blksize", Integer.toString(blockSize));
                }
                case "tsize" -> {
                    // RFC 2349: a reader sends 0 and learns the size from the OACK.
                    number("tsize", value, 0, Long.MAX_VALUE);
                    // curl (7.88) aborts on "tsize 0" in an OACK ("invalid tsize value"); for an
                    // empty file we decline the option instead, which RFC 2347 section 3 allows.
                    if (fileSize > 0) {
                        oack.put("tsize", Long.toString(fileSize));
                    }
                }
                case "timeout" -> {
                    // RFC 2349: 1-255 seconds; the server must echo the value or refuse it.
                    long seconds = number("timeout", value, 1, 255);
                    timeout = Duration.ofSeconds(seconds);
                    oack.put("timeout", Long.toString(seconds));
                }
                case "windowsize" -> {
                    long asked = number("windowsize", value, 1, 65535);
                    windowSize = (int) Math.min(asked, limits.maxWindowSize());
                    oack.put("windowsize", Integer.toString(windowSize));
                }
                default -> { }
            }
        }
        // Windowsize is granted last: how many blocks fit the byte cap depends on blksize.
        int fitting = Math.max(1, limits.maxWindowBytes() / blockSize);
        if (windowSize > fitting) {
            windowSize = fitting;
            oack.put("windowsize", Integer.toString(windowSize));
        }
        return new TftpOptions(blockSize, windowSize, timeout, oack);
    }

    private static long number(String name, String value, long min, long max) throws Refused {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Refused(name + " '" + value + "' is not a number");
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw new Refused(name + " " + n + " is outside " + min + "-" + max);
        }
        return n;
    }
}
