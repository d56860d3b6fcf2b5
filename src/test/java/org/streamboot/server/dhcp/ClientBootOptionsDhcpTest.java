package org.streamboot.server.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.streamboot.server.dhcp.TestPackets.ip;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.admin.ClientBootOptions;
import org.streamboot.server.boot.DatabaseLeaseStore;
import org.streamboot.server.boot.FirmwareBootPolicy;
import org.streamboot.server.boot.HostnamePolicy;
import org.streamboot.server.boot.UefiBinaryChoice;
import org.streamboot.server.config.Setting;
import org.streamboot.server.config.SettingsStore;
import org.streamboot.server.db.Database;
import org.streamboot.server.model.MacAddress;

/**
 * A PC's own boot options as the DHCP service sees them, wired as the server wires them: the
 * admin's reservation and UEFI build in SQLite, read per request by the full-mode engine.
 */
class ClientBootOptionsDhcpTest {

    private static final InetSocketAddress FROM_NOWHERE = new InetSocketAddress("0.0.0.0", 68);
    private static final Inet4Address SERVER = ip("10.213.0.1");
    private static final MacAddress LAB7 = MacAddress.parse("52:54:00:00:00:07");
    private static final MacAddress LAB8 = MacAddress.parse("52:54:00:00:00:08");
    private static final byte[] UEFI_VENDOR = "PXEClient:Arch:00007:UNDI:003000".getBytes();

    @TempDir
    Path dir;
    private Database db;
    private ClientBootOptions options;
    private SettingsStore settings;
    private DhcpEngine engine;

    @BeforeEach
    void setUp() {
        db = Database.open(dir);
        AdminService admin = new AdminService(db, Clock.systemUTC());
        options = new ClientBootOptions(db, admin);
        settings = new SettingsStore(db);
        admin.addClient(LAB7.value(), "lab-7", null, null);
        admin.addClient(LAB8.value(), "lab-8", null, null);
        UefiBinaryChoice uefi = new UefiBinaryChoice(options::uefiBinaryFor, () -> settings.get(Setting.UEFI_BINARY.key));
        engine = new DhcpEngine(
                DhcpSettings.full(new AddressRange(ip("10.213.0.100"), ip("10.213.0.110")), ip("255.255.255.0"),
                        Optional.empty(), List.of(), Duration.ofHours(1), 8080),
                new HostnamePolicy(new FirmwareBootPolicy(8080, uefi), admin), new DatabaseLeaseStore(db), new RecordingListener(),
                new ServerAddressSelector(Optional.of(SERVER), List::of), 67, new MutableClock(), new DhcpCounters());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void reservedAddressIsOfferedAndAckedEvenOutsideTheRange() {
        options.reserve("lab-7", "10.213.0.57");
        DhcpPacket offer = send(LAB7, 1, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build());
        assertThat(offer.yiaddr()).isEqualTo(ip("10.213.0.57"));
        assertThat(offer.options().string(DhcpOption.HOSTNAME)).as("option 12: the name the console shows").contains("lab-7");
        DhcpPacket ack = send(LAB7, 1, TestPackets.biosPxe(DhcpMessageType.REQUEST)
                .ip(DhcpOption.SERVER_ID, SERVER).ip(DhcpOption.REQUESTED_IP, ip("10.213.0.57")).build());
        assertThat(ack.messageType()).contains(DhcpMessageType.ACK);
        assertThat(ack.yiaddr()).isEqualTo(ip("10.213.0.57"));
        // The other PC draws from the range.
        assertThat(send(LAB8, 2, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()).yiaddr())
                .isEqualTo(ip("10.213.0.100"));

        options.clearReservation("lab-7");
        assertThat(send(LAB7, 3, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()).yiaddr())
                .as("back to the range once the reservation is gone").isNotEqualTo(ip("10.213.0.57"));
    }

    @Test
    void reservingAnAddressAnotherPcLeasesTakesItOverAtItsNextRequest() {
        send(LAB8, 4, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build());
        send(LAB8, 4, TestPackets.biosPxe(DhcpMessageType.REQUEST)
                .ip(DhcpOption.SERVER_ID, SERVER).ip(DhcpOption.REQUESTED_IP, ip("10.213.0.100")).build());
        options.reserve("lab-7", "10.213.0.100");
        assertThat(send(LAB7, 5, TestPackets.biosPxe(DhcpMessageType.DISCOVER).build()).yiaddr()).isEqualTo(ip("10.213.0.100"));
        // RENEWING (RFC 2131 4.3.2): ciaddr set, no requested-address or server-id option.
        DhcpPacket renewal = engine.handle(TestPackets.request(LAB8, 6, ip("10.213.0.100"), DhcpPacket.ZERO,
                TestPackets.biosPxe(DhcpMessageType.REQUEST).build()), FROM_NOWHERE, DhcpPacket.ZERO, false).orElseThrow().packet();
        assertThat(renewal.messageType()).as("lab-8 lost the address to the reservation").contains(DhcpMessageType.NAK);
    }

    @Test
    void uefiBuildFollowsThePcThenTheSettingThenTheDefault() {
        DhcpOptions uefi = TestPackets.type(DhcpMessageType.DISCOVER).put(DhcpOption.CLIENT_ARCH, new byte[] {0, 7})
                .put(DhcpOption.VENDOR_CLASS, UEFI_VENDOR).build();
        assertThat(send(LAB7, 7, uefi).file()).isEqualTo("ipxe.efi");

        options.setUefiBinary("lab-7", "snponly.efi");
        assertThat(send(LAB7, 8, uefi).file()).isEqualTo("snponly.efi");
        assertThat(send(LAB8, 9, uefi).file()).as("only lab-7 asked for it").isEqualTo("ipxe.efi");

        settings.put(Setting.UEFI_BINARY.key, "snponly_efi");
        options.setUefiBinary("lab-7", "ipxe_efi");
        assertThat(send(LAB8, 10, uefi).file()).as("the server's setting, read per request").isEqualTo("snponly.efi");
        assertThat(send(LAB7, 11, uefi).file()).as("the PC's own choice wins").isEqualTo("ipxe.efi");

        options.setUefiBinary("lab-7", null);
        assertThat(send(LAB7, 12, uefi).file()).isEqualTo("snponly.efi");
    }

    private DhcpPacket send(MacAddress mac, int xid, DhcpOptions o) {
        return engine.handle(TestPackets.request(mac, xid, o), FROM_NOWHERE, DhcpPacket.ZERO, false).orElseThrow().packet();
    }
}
