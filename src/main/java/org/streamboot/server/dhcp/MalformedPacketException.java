package org.streamboot.server.dhcp;

/** A datagram on the DHCP port that is not a well-formed BOOTP/DHCP message (RFC 2131 2, RFC 2132). */
public final class MalformedPacketException extends Exception {

    /** Why a packet was refused; counted per reason. */
    public enum Reason {
        TOO_SHORT, TOO_LONG, BAD_MAGIC_COOKIE, BAD_HARDWARE_ADDRESS, OPTION_PAST_END, BAD_OVERLOAD, BAD_OPTION_VALUE
    }

    private final Reason reason;

    public MalformedPacketException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
