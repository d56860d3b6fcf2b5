package org.streamboot.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.config.DhcpNetwork;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.config.Setting;
import org.streamboot.server.dhcp.AddressRange;

class SettingsViewModelTest {

    private static Map<Setting, String> fields(String policy, String uefi, String read, String write) {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        m.put(Setting.REGISTRATION_POLICY, policy);
        m.put(Setting.UEFI_BINARY, uefi);
        m.put(Setting.READ_CACHE_BYTES, read);
        m.put(Setting.WRITE_CACHE_QUOTA_BYTES, write);
        return m;
    }

    @Test
    void goodValuesAreStoredInTheSettingsOwnForm() {
        SettingsViewModel.Check c = SettingsViewModel.check(fields("Approval", "snponly_efi", " 1048576 ", "2147483648"));
        assertThat(c.ok()).isTrue();
        assertThat(c.store()).containsEntry(Setting.REGISTRATION_POLICY, Optional.of("approve"))
                .containsEntry(Setting.READ_CACHE_BYTES, Optional.of("1048576"))
                .containsEntry(Setting.WRITE_CACHE_QUOTA_BYTES, Optional.of("2147483648"));
    }

    @Test
    void badValuesAreRefusedWithTheSettingsOwnReason() {
        SettingsViewModel.Check c = SettingsViewModel.check(fields("maybe", "ipxe_efi", "-5", "lots"));
        assertThat(c.ok()).isFalse();
        assertThat(c.refused()).containsEntry(Setting.REGISTRATION_POLICY, "'maybe' is not one of auto, approve, ignore")
                .containsEntry(Setting.READ_CACHE_BYTES, "'-5' is not a positive number of bytes")
                .containsEntry(Setting.WRITE_CACHE_QUOTA_BYTES, "'lots' is not a positive number of bytes")
                .doesNotContainKey(Setting.UEFI_BINARY);
    }

    @Test
    void aBlankAutomaticSettingReturnsToItsDefaultButABlankQuotaIsRefused() {
        SettingsViewModel.Check c = SettingsViewModel.check(fields("auto", "ipxe_efi", "", ""));
        assertThat(c.store()).containsEntry(Setting.READ_CACHE_BYTES, Optional.empty());
        assertThat(c.refused()).containsOnlyKeys(Setting.WRITE_CACHE_QUOTA_BYTES);
    }

    @Test
    void onlyChangesAreWrittenAndTheNoteSaysWhenTheyApply() {
        Map<String, String> stored = Map.of(Setting.REGISTRATION_POLICY.key, "approve");
        SettingsViewModel.Check same = SettingsViewModel.check(fields("approve", "ipxe_efi", "",
                Setting.WRITE_CACHE_QUOTA_BYTES.defaultValue));
        assertThat(SettingsViewModel.changed(same, stored)).isEmpty();
        assertThat(SettingsViewModel.saved(Map.of())).isEqualTo("Nothing changed");

        var policyOnly = SettingsViewModel.changed(SettingsViewModel.check(fields("auto", "ipxe_efi", "",
                Setting.WRITE_CACHE_QUOTA_BYTES.defaultValue)), stored);
        assertThat(policyOnly).containsOnlyKeys(Setting.REGISTRATION_POLICY);
        assertThat(SettingsViewModel.saved(policyOnly)).isEqualTo("Saved new pcs");

        var cache = SettingsViewModel.changed(SettingsViewModel.check(fields("approve", "ipxe_efi", "4096",
                Setting.WRITE_CACHE_QUOTA_BYTES.defaultValue)), stored);
        assertThat(cache).containsOnlyKeys(Setting.READ_CACHE_BYTES);
        assertThat(SettingsViewModel.saved(cache)).contains("restart Streamboot");
        assertThat(SettingsViewModel.whenApplied(Setting.REGISTRATION_POLICY)).isEqualTo("applies at once");
        assertThat(SettingsViewModel.whenApplied(Setting.UEFI_BINARY)).as("read per DHCP answer").isEqualTo("applies at once");
        assertThat(SettingsViewModel.whenApplied(Setting.ISCSI_PORT)).isEqualTo("applies at the next start");
        assertThat(SettingsViewModel.check(Map.of(Setting.HTTP_PORT, "80800")).refused()).containsKey(Setting.HTTP_PORT);
        assertThat(SettingsViewModel.check(Map.of(Setting.IPXE_DIR, "relative/dir")).refused()).containsKey(Setting.IPXE_DIR);
        assertThat(SettingsViewModel.check(Map.of(Setting.IPXE_DIR, "")).refused()).isEmpty();
    }

    @Test
    void networkSettingsAreCheckedTogetherAndRestartDhcpAtOnce() {
        Map<Setting, String> f = new EnumMap<>(Setting.class);
        f.put(Setting.NETWORK_BIND, "");
        f.put(Setting.DHCP_MODE, "full");
        f.put(Setting.DHCP_RANGE, "");
        SettingsViewModel.Check noRange = SettingsViewModel.check(f);
        assertThat(noRange.refused()).containsOnlyKeys(Setting.DHCP_RANGE);
        assertThat(noRange.refused().get(Setting.DHCP_RANGE)).contains("needs an address range");

        f.put(Setting.DHCP_RANGE, "10.0.0.300-10.0.0.310");
        assertThat(SettingsViewModel.check(f).refused()).containsEntry(Setting.DHCP_RANGE, "'10.0.0.300' is not an IPv4 address");
        f.put(Setting.NETWORK_BIND, "192.168.1");
        f.put(Setting.DHCP_RANGE, "10.0.0.100-10.0.0.110");
        assertThat(SettingsViewModel.check(f).refused()).containsOnlyKeys(Setting.NETWORK_BIND);

        f.put(Setting.NETWORK_BIND, "10.0.0.1");
        SettingsViewModel.Check ok = SettingsViewModel.check(f);
        assertThat(ok.ok()).isTrue();
        var changes = SettingsViewModel.changed(ok, Map.of());
        assertThat(changes).containsOnlyKeys(Setting.NETWORK_BIND, Setting.DHCP_MODE, Setting.DHCP_RANGE);
        assertThat(SettingsViewModel.touchesNetwork(changes)).isTrue();
        assertThat(SettingsViewModel.saved(changes, true)).contains("DHCP restarted").contains("restart Streamboot for the listen address");
        assertThat(SettingsViewModel.whenApplied(Setting.DHCP_MODE)).isEqualTo("applies at once (DHCP restarts)");
        assertThat(SettingsViewModel.whenApplied(Setting.NETWORK_BIND)).isEqualTo("applies after restart");
        assertThat(SettingsViewModel.hint(Setting.NETWORK_BIND, "")).contains("every interface");
        assertThat(SettingsViewModel.fixedNote(Setting.DHCP_MODE)).isEqualTo("set by --dhcp on the command line");
        f.put(Setting.DHCP_MODE, "proxy");
        f.put(Setting.DHCP_RANGE, "");
        assertThat(SettingsViewModel.check(f).ok()).as("proxy needs no range").isTrue();
    }

    @Test
    void byteCountsReadAsSizes() {
        assertThat(SettingsViewModel.bytesHint(Setting.WRITE_CACHE_QUOTA_BYTES, "21474836480")).isEqualTo("= 20 GiB");
        assertThat(SettingsViewModel.bytesHint(Setting.READ_CACHE_BYTES, "")).startsWith("automatic");
        assertThat(SettingsViewModel.bytesHint(Setting.WRITE_CACHE_QUOTA_BYTES, "x")).isEmpty();
    }

    @Test
    void factsDescribeHowTheServerWasStarted() throws Exception {
        ServerConfig proxy = ServerConfig.defaults(Path.of("/srv/streamboot"));
        assertThat(SettingsViewModel.facts(proxy)).extracting(SettingsViewModel.Fact::label, SettingsViewModel.Fact::value)
                .contains(org.assertj.core.groups.Tuple.tuple("Listens on", "every interface (0.0.0.0)"),
                        org.assertj.core.groups.Tuple.tuple("DHCP mode", "proxyDHCP"),
                        org.assertj.core.groups.Tuple.tuple("Ports", "DHCP 67, PXE 4011, TFTP 69, HTTP 8080, iSCSI 3260, NBD 10809"),
                        org.assertj.core.groups.Tuple.tuple("iPXE directory", "the usual places: /usr/lib/ipxe, /usr/share/ipxe"));
        assertThat(SettingsViewModel.facts(proxy)).extracting(SettingsViewModel.Fact::label).doesNotContain("Address range");
        assertThat(SettingsViewModel.dhcpSafety(DhcpMode.PROXY)).contains("never hands out addresses");

        ServerConfig full = proxy.withDhcpMode(DhcpMode.FULL).withBindAddress(InetAddress.getByName("10.0.0.1"))
                .withPorts(new Ports(67, 4011, 69, 0, 3260, 10809)).withIpxeDir(Path.of("/opt/ipxe"))
                .withNetwork(new DhcpNetwork(Optional.of(AddressRange.parse("10.0.0.100-10.0.0.199")), DhcpNetwork.NONE.mask(),
                        Optional.empty(), java.util.List.of(), Optional.empty()));
        assertThat(SettingsViewModel.facts(full)).extracting(SettingsViewModel.Fact::value)
                .contains("10.0.0.1", "full DHCP server", "10.0.0.100 – 10.0.0.199", "/opt/ipxe",
                        "DHCP 67, PXE 4011, TFTP 69, HTTP any free, iSCSI 3260, NBD 10809");
        assertThat(SettingsViewModel.dhcpSafety(DhcpMode.FULL)).contains("network of its own");
    }
}
