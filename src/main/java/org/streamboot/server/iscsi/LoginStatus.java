package org.streamboot.server.iscsi;

/** Login Response Status-Class and Status-Detail pairs (RFC 7143 11.13.5), as class << 8 | detail. */
final class LoginStatus {

    static final int SUCCESS = 0x0000;
    static final int INITIATOR_ERROR = 0x0200, AUTH_FAILURE = 0x0201, FORBIDDEN = 0x0202, NOT_FOUND = 0x0203,
            UNSUPPORTED_VERSION = 0x0205, MISSING_PARAMETER = 0x0207, SESSION_DOES_NOT_EXIST = 0x020a,
            INVALID_DURING_LOGIN = 0x020b;
    static final int TARGET_ERROR = 0x0300, OUT_OF_RESOURCES = 0x0302;

    private LoginStatus() {
    }
}
