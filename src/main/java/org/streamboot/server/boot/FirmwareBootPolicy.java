package org.streamboot.server.boot;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;

/**
 * The boot policy by firmware alone: each kind of firmware gets the iPXE build it can run,
 * and a client already running iPXE gets the URL of its own boot script.
 *
 * <p>The script URL names the concrete MAC ({@code /boot/52:54:00:12:34:56.ipxe}) rather than
 * iPXE's {@code ${net0/mac}}: the DHCP server knows the MAC of the NIC that asked, while
 * {@code net0} is the wrong NIC on a machine that boots from its second port, and a concrete
 * URL reads the same in logs, tests and the HTTP server.
 */
public final class FirmwareBootPolicy implements BootPolicy {

    /** Which iPXE build UEFI PXE clients get (Debian package ipxe ships both). */
    public enum UefiBinary {
        /** iPXE with its own drivers; fine with QEMU and most NICs. */
        IPXE_EFI("ipxe.efi"),
        /** iPXE on the firmware's SNP driver; for NICs iPXE has no driver for. */
        SNPONLY_EFI("snponly.efi");

        private final String fileName;

        UefiBinary(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }
    }

    public static final String BIOS_BINARY = "undionly.kpxe";

    private final int httpPort;
    private final Function<MacAddress, UefiBinary> uefiBinary;

    /** Every UEFI PXE client gets the same build. */
    public FirmwareBootPolicy(int httpPort, UefiBinary uefiBinary) {
        this(httpPort, mac -> uefiBinary);
        Objects.requireNonNull(uefiBinary, "uefiBinary");
    }

    /** @param uefiBinary the build for the UEFI PXE client with this MAC (it may ask the database) */
    public FirmwareBootPolicy(int httpPort, Function<MacAddress, UefiBinary> uefiBinary) {
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port " + httpPort + " is out of range 1-65535");
        }
        this.httpPort = httpPort;
        this.uefiBinary = Objects.requireNonNull(uefiBinary, "uefiBinary");
    }

    @Override
    public Optional<BootSpec> bootSpec(ClientHello hello) {
        Firmware firmware = FirmwareDetector.detect(hello);
        String file = switch (firmware) {
            case IPXE -> httpBase(hello) + "/boot/" + hello.mac().value() + ".ipxe";
            case UEFI_HTTP -> httpBase(hello) + "/" + uefiBinary.apply(hello.mac()).fileName();
            case UEFI -> uefiBinary.apply(hello.mac()).fileName();
            case BIOS -> BIOS_BINARY;
            case UNKNOWN -> null;
        };
        return file == null ? Optional.empty() : Optional.of(new BootSpec(file, hello.serverAddress(), firmware));
    }

    private String httpBase(ClientHello hello) {
        String host = hello.serverAddress().getHostAddress();
        return "http://" + host + (httpPort == 80 ? "" : ":" + httpPort);
    }
}
