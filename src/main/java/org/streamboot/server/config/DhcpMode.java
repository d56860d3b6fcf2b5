package org.streamboot.server.config;

/**
 * How Streamboot takes part in DHCP. PROXY (the default) never hands out addresses: the
 * office router keeps doing that and Streamboot adds only the boot information (PXE spec,
 * "proxyDHCP"). FULL serves addresses from a range the admin named. OFF leaves DHCP to others.
 */
public enum DhcpMode {
    PROXY, FULL, OFF
}
