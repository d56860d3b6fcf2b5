package org.streamboot.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndIqnTest {

    @ParameterizedTest
    @ValueSource(strings = {"pc17", "PC-17", "a", "lab2-pc-03"})
    void clientNamesAreHostLabels(String name) {
        assertThat(Names.clientName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-pc", "pc-", "pc_17", "pc 17", "pc.17", "é"})
    void badClientNamesAreRefusedWithTheRule(String name) {
        assertThatThrownBy(() -> Names.clientName(name)).hasMessageContaining("host name");
    }

    @Test
    void clientNameLengthFollowsRfc1123() {
        assertThat(Names.clientName("a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> Names.clientName("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void objectNamesAllowDotsAndUnderscores() {
        assertThat(Names.objectName("vDisk", "win11_base.v2")).isEqualTo("win11_base.v2");
        assertThatThrownBy(() -> Names.objectName("vDisk", "../etc")).hasMessageContaining("not a valid vDisk name");
    }

    @Test
    void iqnsAreValidatedAndLowerCased() {
        assertThat(Iqn.parse("iqn.1991-05.com.Microsoft:PC17")).isEqualTo("iqn.1991-05.com.microsoft:pc17");
        assertThat(Iqn.parse("iqn.2026-11.org.streamboot")).isEqualTo("iqn.2026-11.org.streamboot");
        assertThatThrownBy(() -> Iqn.parse("iqn.2026-13.org.x:y")).hasMessageContaining("not an iSCSI qualified name");
        assertThatThrownBy(() -> Iqn.parse("eui.02004567A425678D")).hasMessageContaining("not an iSCSI qualified name");
        assertThatThrownBy(() -> Iqn.parse("iqn.2026-11.org.x:" + "a".repeat(220))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedNamesAreValidIqns() {
        MacAddress mac = MacAddress.parse("52:54:00:12:34:56");
        assertThat(Iqn.parse(Iqn.forClient("Lab-PC-07"))).isEqualTo("iqn.2026-11.org.streamboot:client.lab-pc-07");
        assertThat(Iqn.parse(Iqn.forClient("lab-pc-07", mac))).isEqualTo("iqn.2026-11.org.streamboot:client.lab-pc-07-123456");
        assertThat(Iqn.parse(Iqn.forClient("a".repeat(63), mac))).hasSizeLessThan(223);
        assertThat(Iqn.parse(Iqn.forVdisk("Win11"))).isEqualTo("iqn.2026-11.org.streamboot:vdisk.win11");
    }
}
