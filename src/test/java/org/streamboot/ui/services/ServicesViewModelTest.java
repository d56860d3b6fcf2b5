package org.streamboot.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamboot.server.config.DhcpMode;
import org.streamboot.server.model.BootEvent;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;

class ServicesViewModelTest {

    private static final String IN_USE = "port 3260/tcp is already in use by another program"
            + " (another DHCP/TFTP server, or a second Streamboot)";

    @Test
    void runningServiceShowsWhereItListens() {
        ServiceBadge b = ServicesViewModel.badge(new ServiceStatus("TFTP", ServiceState.RUNNING, "0.0.0.0:69/udp", ""));
        assertThat(b.tone()).isEqualTo(ServiceTone.RUNNING);
        assertThat(b.text()).isEqualTo("0.0.0.0:69/udp");
        assertThat(b.tag()).isEmpty();
        assertThat(b.tooltip()).isEqualTo("TFTP is listening on 0.0.0.0:69/udp");
    }

    @Test
    void severalSocketsOnOneHostNameTheHostOnce() {
        assertThat(ServicesViewModel.compact("0.0.0.0:67/udp, 0.0.0.0:4011/udp")).isEqualTo("0.0.0.0:67/udp, :4011/udp");
        assertThat(ServicesViewModel.compact("10.0.0.1:67/udp, 10.0.0.2:4011/udp"))
                .isEqualTo("10.0.0.1:67/udp, 10.0.0.2:4011/udp");
        assertThat(ServicesViewModel.compact("[::1]:69/udp")).isEqualTo("[::1]:69/udp");
        ServiceBadge dhcp = ServicesViewModel.badge(new ServiceStatus("DHCP", ServiceState.RUNNING,
                "0.0.0.0:67/udp, 0.0.0.0:4011/udp", ""));
        assertThat(dhcp.tooltip()).isEqualTo("DHCP is listening on 0.0.0.0:67/udp, 0.0.0.0:4011/udp");
    }

    @Test
    void failedServiceShowsTheReasonAndKeepsTheAdviceForTheTooltip() {
        ServiceBadge b = ServicesViewModel.badge(new ServiceStatus("iSCSI", ServiceState.FAILED, "", IN_USE));
        assertThat(b.tone()).isEqualTo(ServiceTone.FAILED);
        assertThat(b.tag()).isEqualTo("FAILED");
        assertThat(b.text()).isEqualTo("port 3260/tcp is already in use by another program");
        assertThat(b.tooltip()).isEqualTo("iSCSI is not running: " + IN_USE);
    }

    @Test
    void failedWithoutReasonStillSaysSomething() {
        ServiceBadge b = ServicesViewModel.badge(new ServiceStatus("NBD", ServiceState.FAILED, "", ""));
        assertThat(b.text()).isEqualTo("unknown reason");
        assertThat(b.tooltip()).isEqualTo("NBD is not running: unknown reason");
    }

    @Test
    void disabledServiceIsOffWithItsReason() {
        ServiceBadge b = ServicesViewModel.badge(new ServiceStatus("DHCP", ServiceState.DISABLED, "",
                "DHCP is off (another server answers PXE clients)"));
        assertThat(b.tone()).isEqualTo(ServiceTone.OFF);
        assertThat(b.tag()).isEqualTo("OFF");
        assertThat(b.tooltip()).contains("another server answers");
    }

    @Test
    void everyStateHasADistinctLook() {
        for (ServiceState state : ServiceState.values()) {
            ServiceBadge b = ServicesViewModel.badge(new ServiceStatus("X", state, "", ""));
            assertThat(b.text()).isNotBlank();
            assertThat(b.tone().styleClass()).startsWith("service-");
        }
    }

    @Test
    void summaryNamesTheFailedServices() {
        List<ServiceStatus> all = List.of(
                new ServiceStatus("DHCP", ServiceState.RUNNING, "a", ""),
                new ServiceStatus("TFTP", ServiceState.RUNNING, "b", ""),
                new ServiceStatus("iSCSI", ServiceState.FAILED, "", IN_USE));
        assertThat(ServicesViewModel.summary(all)).isEqualTo("2 of 3 services running; failed: iSCSI");
        assertThat(ServicesViewModel.summary(all.subList(0, 2))).isEqualTo("All 2 services running");
        assertThat(ServicesViewModel.summary(List.of())).isEqualTo("Starting services…");
    }

    private static final String NO_IPXE = "no iPXE binaries found in /usr/lib/ipxe or /usr/share/ipxe: install the"
            + " Debian package 'ipxe' (apt-get install ipxe) or set the iPXE directory";

    @Test
    void runningWithAProblemIsAWarningThatSaysWhatToDo() {
        ServiceBadge b = ServicesViewModel.badge(new ServiceStatus("TFTP", ServiceState.RUNNING, "0.0.0.0:69/udp", NO_IPXE));
        assertThat(b.tone()).isEqualTo(ServiceTone.WARNING);
        assertThat(b.tag()).isEqualTo("WARNING");
        assertThat(b.text()).isEqualTo("no iPXE binaries found in /usr/lib/ipxe or /usr/share/ipxe: install the Debian package 'ipxe'");
        assertThat(b.tooltip()).isEqualTo("TFTP is listening on 0.0.0.0:69/udp, but " + NO_IPXE);
    }

    @Test
    void anotherDhcpServerEventIsRecognisedOnlyFromTheServerItself() {
        String detail = "another DHCP server answers on this network: 192.168.1.1 (fine in proxy mode; in full mode turn one of them off)";
        assertThat(ServicesViewModel.foreignDhcpServer(new BootEvent(1, null, BootStage.DHCP, BootEvent.Severity.WARNING, detail)))
                .contains("192.168.1.1");
        assertThat(ServicesViewModel.foreignDhcpServer(new BootEvent(1, MacAddress.parse("52:54:00:00:00:01"), BootStage.DHCP,
                BootEvent.Severity.WARNING, detail))).isEmpty();
        assertThat(ServicesViewModel.foreignDhcpServer(new BootEvent(1, null, BootStage.DHCP, BootEvent.Severity.WARNING,
                "ignored a malformed DHCP packet from 10.0.0.9: too short"))).isEmpty();
    }

    @Test
    void anotherDhcpServerTurnsTheRunningDhcpBadgeIntoAWarningWithAdviceForTheMode() {
        List<ServiceStatus> all = List.of(new ServiceStatus("DHCP", ServiceState.RUNNING, "0.0.0.0:67/udp", ""),
                new ServiceStatus("TFTP", ServiceState.RUNNING, "0.0.0.0:69/udp", ""));
        List<ServiceBadge> proxy = ServicesViewModel.badges(all, List.of("192.168.1.1"), DhcpMode.PROXY);
        assertThat(proxy.get(0).tone()).isEqualTo(ServiceTone.WARNING);
        assertThat(proxy.get(0).text()).isEqualTo("another DHCP server: 192.168.1.1");
        assertThat(proxy.get(0).tooltip()).contains("expected in proxyDHCP mode").contains("options 66/67");
        assertThat(proxy.get(1).tone()).isEqualTo(ServiceTone.RUNNING);
        List<ServiceBadge> full = ServicesViewModel.badges(all, List.of("192.168.1.1"), DhcpMode.FULL);
        assertThat(full.get(0).tooltip()).contains("conflicting").contains("--dhcp proxy");
        assertThat(ServicesViewModel.badges(all, List.of(), DhcpMode.FULL).get(0).tone()).isEqualTo(ServiceTone.RUNNING);
    }
}
