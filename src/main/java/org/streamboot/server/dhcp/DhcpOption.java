package org.streamboot.server.dhcp;

/** Option codes this server reads or writes (RFC 2132 unless noted). */
public final class DhcpOption {

    public static final int PAD = 0;
    public static final int SUBNET_MASK = 1;
    public static final int ROUTER = 3;
    public static final int DNS = 6;
    public static final int HOSTNAME = 12;
    public static final int VENDOR_SPECIFIC = 43;
    public static final int REQUESTED_IP = 50;
    public static final int LEASE_TIME = 51;
    public static final int OVERLOAD = 52;
    public static final int MESSAGE_TYPE = 53;
    public static final int SERVER_ID = 54;
    public static final int PARAMETER_REQUEST_LIST = 55;
    public static final int MESSAGE = 56;
    public static final int MAX_MESSAGE_SIZE = 57;
    public static final int RENEWAL_TIME = 58;
    public static final int REBINDING_TIME = 59;
    public static final int VENDOR_CLASS = 60;
    public static final int CLIENT_ID = 61;
    public static final int TFTP_SERVER_NAME = 66;
    public static final int BOOTFILE_NAME = 67;
    public static final int USER_CLASS = 77;
    /** RFC 4578 2.2, client network interface identifier (UNDI version). */
    public static final int CLIENT_NDI = 94;
    /** RFC 4578 2.1, client system architecture. */
    public static final int CLIENT_ARCH = 93;
    /** RFC 4578 2.3, client machine identifier (GUID/UUID). */
    public static final int CLIENT_GUID = 97;
    /** iPXE's encapsulated options (ipxe.org/cfg); 175.176 is "no-pxedhcp". */
    public static final int IPXE_ENCAP = 175;
    public static final int IPXE_NO_PXEDHCP = 176;
    public static final int END = 255;

    private DhcpOption() {
    }
}
