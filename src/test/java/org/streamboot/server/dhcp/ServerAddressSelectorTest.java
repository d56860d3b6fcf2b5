package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.dhcp.TestPackets.ip;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.streamboot.server.dhcp.ServerAddressSelector.LocalAddress;

class ServerAddressSelectorTest {

    private static final List<LocalAddress> TWO_NICS = List.of(new LocalAddress(ip("127.0.0.1"), 8, true),
            new LocalAddress(ip("192.168.1.5"), 24, false), new LocalAddress(ip("10.213.0.1"), 16, false));

    @Test
    void theInterfaceOnTheClientsSubnetWins() {
        ServerAddressSelector s = new ServerAddressSelector(Optional.of(ip("192.168.1.5")), () -> TWO_NICS);
        assertThat(s.select(Optional.of(ip("10.213.7.9")), Optional.of(DhcpPacket.ZERO))).contains(ip("10.213.0.1"));
    }

    @Test
    void thenTheConfiguredAddressThenTheBindAddressThenTheOnlyInterface() {
        assertThat(new ServerAddressSelector(Optional.of(ip("192.168.1.5")), () -> TWO_NICS)
                .select(Optional.empty(), Optional.of(DhcpPacket.ZERO))).contains(ip("192.168.1.5"));
        assertThat(new ServerAddressSelector(Optional.empty(), () -> TWO_NICS)
                .select(Optional.of(ip("172.16.0.1")), Optional.of(ip("10.213.0.1")))).contains(ip("10.213.0.1"));
        assertThat(new ServerAddressSelector(Optional.empty(), () -> TWO_NICS)
                .select(Optional.empty(), Optional.of(DhcpPacket.ZERO))).as("ambiguous").isEmpty();
        assertThat(new ServerAddressSelector(Optional.empty(), () -> TWO_NICS.subList(0, 2))
                .select(Optional.empty(), Optional.of(DhcpPacket.ZERO))).contains(ip("192.168.1.5"));
    }
}
