package org.streamboot.server.model;

/** An address handed out in full DHCP mode; a reserved lease pins the address to the MAC. */
public record DhcpLease(String ip, MacAddress mac, String hostname, long expiresAt, boolean reserved) {
}
