package org.streamboot.server.boot;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;
import org.streamboot.server.model.Firmware;

/**
 * What to tell one client: the boot file and the server to fetch it from.
 *
 * @param bootFile file name relative to the TFTP root, or an absolute {@code http://} URL
 * @param server   the TFTP/HTTP server to name (siaddr and, for URLs, the host in the URL)
 * @param firmware what the client was detected as; decides which extra options a reply carries
 *                 (option 60 "HTTPClient" for UEFI HTTP boot, iPXE options for iPXE)
 * @param hostname the client's name for option 12 in full mode, if the policy knows it
 */
public record BootSpec(String bootFile, Inet4Address server, Firmware firmware, Optional<String> hostname) {

    public BootSpec(String bootFile, Inet4Address server, Firmware firmware) {
        this(bootFile, server, firmware, Optional.empty());
    }

    public BootSpec {
        Objects.requireNonNull(bootFile, "bootFile");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(hostname, "hostname");
        if (bootFile.isEmpty() || bootFile.length() > 1024) {
            throw new IllegalArgumentException("boot file must be 1-1024 characters: '" + bootFile + "'");
        }
    }

    /** The client already runs iPXE: it reads a script URL, never the iPXE binary again. */
    public boolean ipxe() {
        return firmware == Firmware.IPXE;
    }

    /** UEFI HTTP boot: the reply must echo option 60 "HTTPClient" or the firmware ignores it. */
    public boolean httpBoot() {
        return firmware == Firmware.UEFI_HTTP;
    }

    public boolean isUrl() {
        return bootFile.startsWith("http://") || bootFile.startsWith("https://");
    }
}
