package org.streamboot.server.iscsi;

/**
 * A frame the decoder could not deliver. At ErrorRecoveryLevel 0 every one of these ends the
 * connection (RFC 7143 section 7.8: a header digest error leaves the framing untrustworthy; a
 * data digest error on a non-recoverable session needs session recovery); the handler answers
 * a data digest error with a Reject first, since its header is known to be good.
 *
 * @param header the 48-byte BHS when it was read intact, else null
 */
public record FrameError(Kind kind, String detail, byte[] header) {

    public enum Kind { HEADER_DIGEST, DATA_DIGEST, SEGMENT_TOO_LONG }
}
