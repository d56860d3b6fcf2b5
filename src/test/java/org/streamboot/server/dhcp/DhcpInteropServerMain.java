package org.streamboot.server.dhcp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.streamboot.server.admin.AdminService;
import org.streamboot.server.boot.BootPolicy;
import org.streamboot.server.boot.FirmwareBootPolicy;
import org.streamboot.server.boot.RegistrationGate;
import org.streamboot.server.boot.RegistrationPolicy;
import org.streamboot.server.db.Database;
import org.streamboot.server.net.EventLoops;
import org.streamboot.server.net.ServiceRunner;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;

/**
 * Runs the DHCP service alone on the standard ports, for interop tests that start it inside a
 * network namespace. Usage: {@code proxy} or {@code full FIRST LAST ROUTER}, optionally followed by
 * {@code --ignore-unknown KNOWN_MAC}: then the boot policy is the database-backed registration
 * gate under the {@code ignore} policy, with one known client in a fresh database. Prints READY
 * once bound and runs until stdin closes (the test closing the pipe, or dying, stops it).
 */
public final class DhcpInteropServerMain {

    private DhcpInteropServerMain() {
    }

    public static void main(String[] args) throws Exception {
        DhcpSettings settings = args[0].equals("full")
                ? DhcpSettings.full(new AddressRange(TestPackets.ip(args[1]), TestPackets.ip(args[2])),
                        TestPackets.ip("255.255.255.0"), Optional.of(TestPackets.ip(args[3])), List.of(),
                        Duration.ofMinutes(10), 8080)
                : DhcpSettings.proxy(8080);
        BootPolicy policy = new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.IPXE_EFI);
        int ignore = List.of(args).indexOf("--ignore-unknown");
        Database db = null;
        if (ignore >= 0) {
            db = Database.open(Files.createTempDirectory("streamboot-dhcp-interop"));
            AdminService admin = new AdminService(db, Clock.systemUTC());
            admin.addClient(args[ignore + 1], "known-pc", null, null);
            policy = new RegistrationGate(policy, () -> RegistrationPolicy.IGNORE, admin);
        }
        DhcpService service = new DhcpService(settings, policy, new InMemoryLeaseStore(), DhcpEventListener.NOP, 67, 4011);
        try (EventLoops loops = new EventLoops()) {
            ServiceRunner runner = new ServiceRunner(service);
            ServiceStatus status = runner.start(loops, java.net.InetAddress.getByAddress(new byte[4]));
            if (status.state() != ServiceState.RUNNING) {
                System.out.println("FAILED " + status.problem());
                System.exit(2);
            }
            System.out.println("READY " + status.address());
            System.out.flush();
            byte[] buf = new byte[256];
            while (System.in.read(buf) >= 0) {
                // Wait for the test to close our stdin.
            }
            runner.stop();
            if (db != null) {
                db.close();
            }
            System.out.println(new String(("STOPPED sent=" + service.counters().sentCount()).getBytes(StandardCharsets.US_ASCII),
                    StandardCharsets.US_ASCII));
        }
    }
}
