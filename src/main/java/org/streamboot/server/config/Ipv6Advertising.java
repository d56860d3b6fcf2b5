package org.streamboot.server.config;

/**
 * Whether the server sends minimal IPv6 router advertisements so that iPXE does not wait
 * ~16 s for IPv6 autoconfiguration on every boot (see {@code server.net.ipv6.RouterAdvertiser}).
 */
public enum Ipv6Advertising {
    /** On when the process may open raw sockets (root or CAP_NET_RAW), off otherwise. */
    AUTO,
    /** On; a missing CAP_NET_RAW is logged as a warning. */
    ON,
    /** Off: nothing is sent. */
    OFF
}
