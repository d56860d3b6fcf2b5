package org.streamboot.server.model;

/** What the client's boot firmware was last seen to be (from DHCP options 60, 77 and 93). */
public enum Firmware {
    UNKNOWN, BIOS, UEFI, UEFI_HTTP, IPXE
}
