package org.streamboot.ui.settings;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.NetworkSettings;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.config.Setting;
import org.streamboot.server.dhcp.AddressRange;
import org.streamboot.server.files.IpxeBinaries;
import org.streamboot.ui.sidebar.SidebarViewModel;

/**
 * What the settings dialog shows and how an edit is checked; plain Java, no toolkit. Values are
 * checked by each {@link Setting}'s own rule, so the console refuses exactly what
 * {@code streamboot settings set} refuses.
 */
public final class SettingsViewModel {

    /** One fact about how the server was started, shown read-only. */
    public record Fact(String label, String value) {
    }

    /**
     * The outcome of checking the dialog's fields.
     *
     * @param store   the settings to write: a value, or empty to return the setting to its default
     * @param refused the settings whose value does not fit, with the reason
     */
    public record Check(Map<Setting, Optional<String>> store, Map<Setting, String> refused) {
        public boolean ok() {
            return refused.isEmpty();
        }
    }

    private SettingsViewModel() {
    }

    public static String label(Setting s) {
        return switch (s) {
            case REGISTRATION_POLICY -> "New PCs";
            case REGISTRATION_NAME_PATTERN -> "Names for new PCs";
            case UEFI_BINARY -> "UEFI boot program";
            case READ_CACHE_BYTES -> "Read cache (bytes)";
            case WRITE_CACHE_QUOTA_BYTES -> "Write cache per PC (bytes)";
            case NETWORK_BIND -> "Listen address";
            case DHCP_MODE -> "DHCP mode";
            case DHCP_RANGE -> "Full DHCP range";
            case HTTP_PORT -> "HTTP port";
            case ISCSI_PORT -> "iSCSI port";
            case NBD_PORT -> "NBD port";
            case IPXE_DIR -> "iPXE directory";
        };
    }

    /** The choices of a setting that takes one of a few words; empty for free-form values. */
    public static List<String> choices(Setting s) {
        return switch (s) {
            case REGISTRATION_POLICY -> List.of("auto", "approve", "ignore");
            case UEFI_BINARY -> List.of("ipxe_efi", "snponly_efi");
            case DHCP_MODE -> List.of("proxy", "full", "off");
            case REGISTRATION_NAME_PATTERN, READ_CACHE_BYTES, WRITE_CACHE_QUOTA_BYTES, NETWORK_BIND, DHCP_RANGE, HTTP_PORT,
                 ISCSI_PORT, NBD_PORT, IPXE_DIR -> List.of();
        };
    }

    /**
     * When a change takes effect, from where the server reads it: the registration policy is
     * read on every boot-script request and the UEFI program on every DHCP answer; a new DHCP
     * mode or range restarts DHCP at once; the caches are sized when the server opens, and the
     * listen address, the ports and the iPXE directory are taken then.
     */
    public static String whenApplied(Setting s) {
        return switch (s) {
            case REGISTRATION_POLICY, REGISTRATION_NAME_PATTERN, UEFI_BINARY -> "applies at once";
            case DHCP_MODE, DHCP_RANGE -> "applies at once (DHCP restarts)";
            case NETWORK_BIND -> "applies after restart";
            case READ_CACHE_BYTES, WRITE_CACHE_QUOTA_BYTES, HTTP_PORT, ISCSI_PORT, NBD_PORT, IPXE_DIR ->
                    "applies at the next start";
        };
    }

    /** The command-line option that fixes a network setting, while the console runs. */
    public static String option(Setting s) {
        return switch (s) {
            case NETWORK_BIND -> "--bind";
            case DHCP_MODE -> "--dhcp";
            case DHCP_RANGE -> "--dhcp-range";
            case HTTP_PORT -> "--http-port";
            case ISCSI_PORT -> "--iscsi-port";
            case NBD_PORT -> "--nbd-port";
            case IPXE_DIR -> "--ipxe-dir";
            default -> "";
        };
    }

    /** Beside a field whose value the command line fixed: edits would not apply while it runs so. */
    public static String fixedNote(Setting s) {
        return "set by " + option(s) + " on the command line";
    }

    /** The short line beside a field: a byte size in words, or what an empty field means. */
    public static String hint(Setting s, String text) {
        boolean blank = text == null || text.isBlank();
        return switch (s) {
            case READ_CACHE_BYTES, WRITE_CACHE_QUOTA_BYTES -> bytesHint(s, text);
            case NETWORK_BIND -> blank ? "empty: every interface (0.0.0.0)" : "";
            case DHCP_RANGE -> blank ? "e.g. 10.0.0.100-10.0.0.199" : "";
            case IPXE_DIR -> blank ? "empty: /usr/lib/ipxe, else /usr/share/ipxe" : "";
            default -> "";
        };
    }

    /** The value a field starts with: the stored one, else the default. */
    public static String shown(Setting s, Map<String, String> stored) {
        return stored.getOrDefault(s.key, s.defaultValue);
    }

    /** "= 20 GiB" beside a byte count, or a short word when the field is blank or not a number. */
    public static String bytesHint(Setting s, String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return s.defaultValue.isEmpty() ? "automatic: a quarter of the memory, at most 2 GiB" : "";
        }
        try {
            long v = Long.parseLong(t);
            return v > 0 ? "= " + SidebarViewModel.size(v) : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /**
     * Checks every field. A blank field of a setting whose default is blank (the automatic read
     * cache) means "back to the default"; anything else must pass the setting's rule.
     */
    public static Check check(Map<Setting, String> fields) {
        Map<Setting, Optional<String>> store = new EnumMap<>(Setting.class);
        Map<Setting, String> refused = new EnumMap<>(Setting.class);
        for (Map.Entry<Setting, String> f : fields.entrySet()) {
            Setting s = f.getKey();
            String value = f.getValue() == null ? "" : f.getValue().trim();
            if (value.isEmpty() && s.defaultValue.isEmpty()) {
                store.put(s, Optional.empty());
                continue;
            }
            try {
                store.put(s, Optional.of(s.validate(value)));
            } catch (IllegalArgumentException e) {
                refused.put(s, e.getMessage());
            }
        }
        // Each value may fit on its own and still not run together: full mode needs a range.
        if (fields.containsKey(Setting.DHCP_MODE) && !refused.containsKey(Setting.DHCP_MODE)
                && !refused.containsKey(Setting.DHCP_RANGE)) {
            DhcpMode mode = DhcpMode.valueOf(store.get(Setting.DHCP_MODE).orElse(Setting.DHCP_MODE.defaultValue)
                    .toUpperCase(java.util.Locale.ROOT));
            NetworkSettings.conflict(mode, Optional.ofNullable(store.get(Setting.DHCP_RANGE)).flatMap(v -> v))
                    .ifPresent(why -> refused.put(Setting.DHCP_RANGE, why));
        }
        return new Check(store, refused);
    }

    /** Only what differs from what is stored, so that saving an untouched dialog writes nothing. */
    public static Map<Setting, Optional<String>> changed(Check check, Map<String, String> stored) {
        Map<Setting, Optional<String>> out = new LinkedHashMap<>();
        check.store().forEach((s, v) -> {
            Optional<String> before = Optional.ofNullable(stored.get(s.key));
            boolean same = v.equals(before) || (before.isEmpty() && v.map(s.defaultValue::equals).orElse(false));
            if (!same) {
                out.put(s, v);
            }
        });
        return out;
    }

    /** One plain line after a save: what was stored and when it takes effect. */
    public static String saved(Map<Setting, Optional<String>> changes) {
        return saved(changes, false);
    }

    /** As {@link #saved(Map)}, and whether DHCP was restarted with the new mode or range. */
    public static String saved(Map<Setting, Optional<String>> changes, boolean dhcpRestarted) {
        if (changes.isEmpty()) {
            return "Nothing changed";
        }
        boolean later = changes.keySet().stream().anyMatch(s -> whenApplied(s).contains("start"));
        String names = changes.keySet().stream().map(s -> label(s).replace(" (bytes)", "").toLowerCase())
                .collect(Collectors.joining(", "));
        return "Saved " + names + (dhcpRestarted ? "; DHCP restarted with it" : "")
                + (later ? "; restart Streamboot for the " + changes.keySet().stream()
                        .filter(s -> whenApplied(s).contains("start")).map(s -> label(s).replace(" (bytes)", "")
                                .toLowerCase()).collect(Collectors.joining(", ")) + " to apply" : "");
    }

    public static boolean isNetwork(Setting s) {
        return s == Setting.NETWORK_BIND || s == Setting.DHCP_MODE || s == Setting.DHCP_RANGE;
    }

    /** Network settings among the changes: the server re-reads them (DHCP restarts). */
    public static boolean touchesNetwork(Map<Setting, Optional<String>> changes) {
        return changes.keySet().stream().anyMatch(SettingsViewModel::isNetwork);
    }

    /** How the server runs now (the network part as applied; ports and directories from the command line). */
    public static List<Fact> facts(ServerConfig config) {
        List<Fact> out = new ArrayList<>();
        String bind = config.bindAddress().getHostAddress();
        out.add(new Fact("Listens on", config.bindAddress().isAnyLocalAddress()
                ? "every interface (" + bind + ")" : bind));
        out.add(new Fact("DHCP mode", switch (config.dhcpMode()) {
            case PROXY -> "proxyDHCP";
            case FULL -> "full DHCP server";
            case OFF -> "off";
        }));
        if (config.dhcpMode() == DhcpMode.FULL) {
            out.add(new Fact("Address range", config.network().range().map(SettingsViewModel::range)
                    .orElse("none named: full DHCP will not start")));
        }
        out.add(new Fact("Ports", ports(config.ports())));
        out.add(new Fact("iPXE directory", config.ipxeDir().map(Object::toString).orElse("the usual places: "
                + IpxeBinaries.STANDARD_LOCATIONS.stream().map(Object::toString).collect(Collectors.joining(", ")))));
        out.add(new Fact("Data directory", config.dataDir().toString()));
        return out;
    }

    /** Why the DHCP mode matters before plugging into a live network. */
    public static String dhcpSafety(DhcpMode mode) {
        return switch (mode) {
            case PROXY -> "proxyDHCP never hands out addresses: the router keeps doing that and Streamboot only"
                    + " adds the boot information. It is safe on any network.";
            case FULL -> "Full DHCP hands out addresses from the range above. Use it only on a network of its own,"
                    + " never beside an office router or another DHCP server: two servers give PCs conflicting"
                    + " answers and can take the whole network down.";
            case OFF -> "DHCP is off: another server must send PXE clients to this machine"
                    + " (next-server and boot file).";
        };
    }

    static String range(AddressRange r) {
        return r.first().getHostAddress() + " – " + r.last().getHostAddress();
    }

    static String ports(Ports p) {
        return "DHCP " + port(p.dhcp()) + ", PXE " + port(p.pxe()) + ", TFTP " + port(p.tftp()) + ", HTTP "
                + port(p.http()) + ", iSCSI " + port(p.iscsi()) + ", NBD " + port(p.nbd());
    }

    private static String port(int p) {
        return p == 0 ? "any free" : Integer.toString(p);
    }
}
