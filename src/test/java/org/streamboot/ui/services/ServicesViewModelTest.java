package org.streamboot.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
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
}
