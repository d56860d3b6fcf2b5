package org.streamboot.server.tftp;

/** Error codes of the ERROR packet: RFC 1350 appendix, plus 8 from RFC 2347. */
public enum TftpErrorCode {
    NOT_DEFINED(0),
    FILE_NOT_FOUND(1),
    ACCESS_VIOLATION(2),
    DISK_FULL(3),
    ILLEGAL_OPERATION(4),
    UNKNOWN_TRANSFER_ID(5),
    FILE_EXISTS(6),
    NO_SUCH_USER(7),
    /** RFC 2347: the peer refuses the options; the transfer ends. */
    OPTION_NEGOTIATION(8);

    private final int code;

    TftpErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The name for a code on the wire; codes we do not know read as "code N". */
    public static String describe(int code) {
        for (TftpErrorCode c : values()) {
            if (c.code == code) {
                return c.name().toLowerCase().replace('_', ' ');
            }
        }
        return "code " + code;
    }
}
