package org.streamboot.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"52:54:00:12:34:56", "52-54-00-12-34-56", "525400123456", "5254.0012.3456", " 52:54:00:12:34:56 ", "52:54:00:AB:CD:EF"})
    void acceptsCommonSpellingsAndCanonicalises(String text) {
        assertThat(MacAddress.parse(text).value()).isIn("52:54:00:12:34:56", "52:54:00:ab:cd:ef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "52:54:00:12:34", "52:54:00:12:34:5g", "52:54-00:12:34:56", "5254001234567", "hello"})
    void refusesMalformed(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a MAC address");
    }

    @Test
    void refusesGroupAndZeroAddresses() {
        assertThatThrownBy(() -> MacAddress.parse("ff:ff:ff:ff:ff:ff")).hasMessageContaining("multicast/broadcast");
        assertThatThrownBy(() -> MacAddress.parse("01:00:5e:00:00:01")).hasMessageContaining("multicast/broadcast");
        assertThatThrownBy(() -> MacAddress.parse("00:00:00:00:00:00")).hasMessageContaining("all-zero");
    }

    @Test
    void bytesRoundTrip() {
        MacAddress mac = MacAddress.parse("52:54:00:ab:cd:ef");
        assertThat(MacAddress.fromBytes(mac.toBytes())).isEqualTo(mac);
        assertThat(mac.compact()).isEqualTo("525400abcdef");
    }
}
