package org.streamboot.server.dhcp;

import java.io.ByteArrayOutputStream;

/**
 * Option 43 as the PXE specification 2.1 (section 2.4, table 2-1) encapsulates it. BIOS PXE
 * ROMs ignore a proxyDHCP offer without option 43; PXE_DISCOVERY_CONTROL (tag 6) with bit 3
 * (value 8) says "use the boot file in this offer, skip boot-server discovery".
 */
public final class PxeVendorOptions {

    public static final int PXE_DISCOVERY_CONTROL = 6;
    public static final int DISCOVERY_USE_BOOT_FILE = 0x08;
    /** Tag 71, PXE_BOOT_ITEM: type (2 bytes) and layer (2 bytes) of a boot-server request. */
    public static final int PXE_BOOT_ITEM = 71;

    private PxeVendorOptions() {
    }

    /** The option 43 value of a proxy offer: discovery control 8, end. */
    public static byte[] proxyOffer() {
        return new byte[] {PXE_DISCOVERY_CONTROL, 1, DISCOVERY_USE_BOOT_FILE, (byte) DhcpOption.END};
    }

    /** The option 43 value of a boot-server ACK: the requested boot item echoed (PXE spec 2.2.5). */
    public static byte[] bootServerAck(byte[] bootItem) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PXE_BOOT_ITEM);
        out.write(bootItem.length);
        out.writeBytes(bootItem);
        out.write(DhcpOption.END);
        return out.toByteArray();
    }

    /** Finds tag 71 in a client's option 43; returns its 4 bytes or null. */
    public static byte[] bootItem(byte[] option43) {
        int i = 0;
        while (i < option43.length) {
            int tag = option43[i] & 0xff;
            if (tag == DhcpOption.END) {
                return null;
            }
            if (tag == DhcpOption.PAD) {
                i++;
                continue;
            }
            if (i + 1 >= option43.length) {
                return null;
            }
            int len = option43[i + 1] & 0xff;
            if (i + 2 + len > option43.length) {
                return null;
            }
            if (tag == PXE_BOOT_ITEM && len == 4) {
                byte[] item = new byte[4];
                System.arraycopy(option43, i + 2, item, 0, 4);
                return item;
            }
            i += 2 + len;
        }
        return null;
    }

    /** iPXE's option 175 value carrying 176 (no-pxedhcp) = 1: "do not wait for proxyDHCP offers". */
    public static byte[] ipxeNoPxeDhcp() {
        return new byte[] {(byte) DhcpOption.IPXE_NO_PXEDHCP, 1, 1};
    }
}
