package org.streamboot.server.boot;

import org.streamboot.server.model.Firmware;

/**
 * Names the client's boot firmware from its DHCP request. Order matters: iPXE also sends
 * "PXEClient" and an architecture, so it is recognised first by option 77 "iPXE" or by its
 * encapsulated option 175; handing it the iPXE binary again would loop forever.
 */
public final class FirmwareDetector {

    /** RFC 4578 2.1 / IANA "Processor Architecture Types". */
    public static final int ARCH_BIOS = 0;
    public static final int ARCH_EFI_IA32 = 6;
    public static final int ARCH_EFI_BC = 7;
    public static final int ARCH_EFI_X64 = 9;
    public static final int ARCH_EFI_X64_HTTP = 16;

    private FirmwareDetector() {
    }

    public static Firmware detect(ClientHello hello) {
        if (hello.userClass().equals("iPXE") || hello.ipxeOptions()) {
            return Firmware.IPXE;
        }
        int arch = hello.architecture().orElse(archFromVendorClass(hello.vendorClass()));
        if (hello.httpClient() || arch == ARCH_EFI_X64_HTTP) {
            return Firmware.UEFI_HTTP;
        }
        if (!hello.pxeClient()) {
            return Firmware.UNKNOWN;
        }
        return switch (arch) {
            case ARCH_BIOS -> Firmware.BIOS;
            case ARCH_EFI_IA32, ARCH_EFI_BC, ARCH_EFI_X64 -> Firmware.UEFI;
            default -> Firmware.UNKNOWN;
        };
    }

    /**
     * Some ROMs omit option 93 but repeat the architecture in option 60
     * ("PXEClient:Arch:00007:UNDI:003016", PXE spec 2.1 and RFC 4578 2.1).
     * Returns -1 when it is not there.
     */
    static int archFromVendorClass(String vendorClass) {
        String marker = ":Arch:";
        int at = vendorClass.indexOf(marker);
        if (at < 0 || vendorClass.length() < at + marker.length() + 5) {
            return -1;
        }
        String digits = vendorClass.substring(at + marker.length(), at + marker.length() + 5);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(digits);
    }
}
