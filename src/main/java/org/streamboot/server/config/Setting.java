package org.streamboot.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.streamboot.server.dhcp.AddressRange;
import org.streamboot.server.model.NamePattern;

/**
 * The settings an admin may change, with what each means, its default and how a value is
 * checked. Values are stored as text in the database; a value that does not check is refused
 * before it is stored.
 */
public enum Setting {
    REGISTRATION_POLICY("registration.policy", "auto",
            "what happens to a PC the server does not know: auto (register it and boot), approve (register it as pending;"
                    + " it boots once approved), ignore (no answer at all, not even DHCP)",
            v -> oneOf(aliased(v, Map.of("approval", "approve", "known_only", "ignore")), "auto", "approve", "ignore")),
    REGISTRATION_NAME_PATTERN("registration.name-pattern", NamePattern.DEFAULT.text(),
            "how a PC registered by the auto or approve policy is named: letters, digits and '-' with {nn} (next free"
                    + " number, as many digits as n's), {mac6} (last 6 hex digits of the MAC) or {mac} (all 12)",
            v -> NamePattern.parse(v).text()),
    UEFI_BINARY("boot.uefi-binary", "ipxe_efi",
            "the iPXE program UEFI PCs download: ipxe_efi (own drivers) or snponly_efi (the firmware's network driver)",
            v -> oneOf(aliased(v, Map.of("ipxe.efi", "ipxe_efi", "snponly.efi", "snponly_efi")), "ipxe_efi", "snponly_efi")),
    READ_CACHE_BYTES("cache.read-bytes", "",
            "RAM read cache for vDisk base images in bytes (default: a quarter of the heap, at most 2 GiB); applies at the next start",
            Setting::positiveLong),
    WRITE_CACHE_QUOTA_BYTES("cache.write-quota-bytes", Long.toString(20L << 30),
            "largest write cache one PC may fill per vDisk, in bytes; applies at the next start",
            Setting::positiveLong),
    NETWORK_BIND("network.bind", "",
            "the IPv4 address every service listens on; empty: all interfaces (0.0.0.0), which DHCP needs to hear"
                    + " broadcasts; --bind overrides it; applies at the next start",
            v -> AddressRange.ipv4(v).getHostAddress()),
    DHCP_MODE("dhcp.mode", "proxy",
            "DHCP role: proxy (never hands out addresses), full (hands out the dhcp.range; only on a network without"
                    + " another DHCP server) or off; --dhcp overrides it",
            v -> oneOf(v, "proxy", "full", "off")),
    DHCP_RANGE("dhcp.range", "",
            "the addresses full DHCP may hand out, FIRST-LAST (e.g. 10.0.0.100-10.0.0.199); --dhcp-range overrides it",
            v -> {
                AddressRange r = AddressRange.parse(v);
                return r.first().getHostAddress() + "-" + r.last().getHostAddress();
            }),
    HTTP_PORT("port.http", Integer.toString(Ports.DEFAULTS.http()),
            "TCP port of the boot scripts, HTTP boot and HTTP sanboot; --http-port overrides it; applies at the next start",
            Setting::port),
    ISCSI_PORT("port.iscsi", Integer.toString(Ports.DEFAULTS.iscsi()),
            "TCP port of the iSCSI target (3260 is what initiators try first); --iscsi-port overrides it; applies at the"
                    + " next start",
            Setting::port),
    NBD_PORT("port.nbd", Integer.toString(Ports.DEFAULTS.nbd()),
            "TCP port of the NBD server; --nbd-port overrides it; applies at the next start",
            Setting::port),
    IPXE_DIR("boot.ipxe-dir", "",
            "directory with the iPXE boot programs (undionly.kpxe, ipxe.efi, snponly.efi); empty: /usr/lib/ipxe, else"
                    + " /usr/share/ipxe (Debian package ipxe); --ipxe-dir overrides it; applies at the next start",
            Setting::absoluteDirectory);

    public final String key;
    public final String defaultValue;
    public final String description;
    private final UnaryOperator<String> check;

    Setting(String key, String defaultValue, String description, UnaryOperator<String> check) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.check = check;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The value in its stored form; IllegalArgumentException with the rule when it does not fit. */
    public String validate(String value) {
        return check.apply(value == null ? "" : value.trim());
    }

    private static String oneOf(String value, String... allowed) {
        String v = value.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", allowed));
    }

    /** Spellings of earlier releases, still accepted and stored in today's form. */
    private static String aliased(String value, Map<String, String> aliases) {
        return aliases.getOrDefault(value.toLowerCase(Locale.ROOT), value);
    }

    /** TCP ports the PCs connect to; 0 (any free port) is for tests, not for a setting PCs rely on. */
    private static String port(String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 1 && p <= 65535) {
                return Integer.toString(p);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new IllegalArgumentException("'" + value + "' is not a port number (1-65535)");
    }

    private static String absoluteDirectory(String value) {
        if (value.isEmpty()) {
            return "";
        }
        java.nio.file.Path p;
        try {
            p = java.nio.file.Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + value + "' is not a path");
        }
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("'" + value + "' is not an absolute path (like /usr/lib/ipxe)");
        }
        return p.normalize().toString();
    }

    private static String positiveLong(String value) {
        try {
            long v = Long.parseLong(value);
            if (v > 0) {
                return Long.toString(v);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new IllegalArgumentException("'" + value + "' is not a positive number of bytes");
    }
}
