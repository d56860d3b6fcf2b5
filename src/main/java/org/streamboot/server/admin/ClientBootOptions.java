package org.streamboot.server.admin;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.streamboot.server.config.Setting;
import org.streamboot.server.db.ClientRepository;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.LeaseRepository;
import org.streamboot.server.model.Client;
import org.streamboot.server.model.DhcpLease;
import org.streamboot.server.model.MacAddress;

/**
 * A PC's own boot options, beside what its room shares: a fixed address in full DHCP mode
 * (a reservation, kept as a pinned row of the lease table so the DHCP service needs no second
 * source) and its own UEFI iPXE build. Like {@link AdminService}, every call validates first,
 * runs in one transaction and blocks on the database thread.
 */
public final class ClientBootOptions {

    /** @param reservedIp null when the PC takes any address of the range; uefiBinary null for the server's setting */
    public record View(String client, String mac, String reservedIp, String uefiBinary) {
    }

    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Database db;
    private final AdminService admin;
    private final ClientRepository clients = new ClientRepository();
    private final LeaseRepository leases = new LeaseRepository();

    public ClientBootOptions(Database db, AdminService admin) {
        this.db = Objects.requireNonNull(db, "db");
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    public View of(String name) {
        return db.call(c -> view(c, admin.requireClient(c, name)));
    }

    /**
     * Reserves {@code ip} for the PC. The address may lie outside the DHCP range (as most DHCP
     * servers allow, so that fixed addresses stay out of the pool) but must be a unicast IPv4
     * address that no other PC has reserved.
     */
    public View reserve(String name, String ip) {
        Inet4Address address = unicastIpv4(ip);
        String text = address.getHostAddress();
        return db.transaction(c -> {
            Client client = admin.requireClient(c, name);
            Optional<DhcpLease> holder = leases.byIp(c, text);
            if (holder.isPresent() && holder.get().reserved() && !holder.get().mac().equals(client.mac())) {
                String other = clients.byMac(c, holder.get().mac()).map(Client::name).orElse(holder.get().mac().value());
                throw new AdminException(text + " is already reserved for " + other
                        + " (free it with: streamboot client reserve " + other + " --clear)");
            }
            leases.reserve(c, text, client.mac(), client.name());
            return view(c, client);
        });
    }

    public View clearReservation(String name) {
        return db.transaction(c -> {
            Client client = admin.requireClient(c, name);
            leases.unreserve(c, client.mac());
            return view(c, client);
        });
    }

    /** Sets the PC's UEFI iPXE build ({@code ipxe_efi} or {@code snponly_efi}), or with null, the server's. */
    public View setUefiBinary(String name, String binary) {
        String stored = binary == null ? null : checked(binary);
        return db.transaction(c -> {
            Client client = admin.requireClient(c, name);
            clients.setUefiBinary(c, client.id(), stored);
            return view(c, client);
        });
    }

    /** For the DHCP answer: the PC's own UEFI build, in the setting's stored form, if it has one. */
    public Optional<String> uefiBinaryFor(MacAddress mac) {
        return db.call(c -> clients.uefiBinary(c, mac));
    }

    private View view(java.sql.Connection c, Client client) throws java.sql.SQLException {
        String reserved = leases.byMac(c, client.mac()).filter(DhcpLease::reserved).map(DhcpLease::ip).orElse(null);
        return new View(client.name(), client.mac().value(), reserved, clients.uefiBinary(c, client.mac()).orElse(null));
    }

    private static String checked(String binary) {
        try {
            return Setting.UEFI_BINARY.validate(binary);
        } catch (IllegalArgumentException e) {
            throw new AdminException("UEFI binary " + e.getMessage());
        }
    }

    private static Inet4Address unicastIpv4(String ip) {
        String trimmed = ip == null ? "" : ip.trim();
        // Parsed here, not by InetAddress.getByName, which would resolve anything else through DNS.
        if (!DOTTED_QUAD.matcher(trimmed).matches()) {
            throw new AdminException("'" + ip + "' is not an IPv4 address like 192.168.1.50");
        }
        String[] parts = trimmed.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                throw new AdminException("'" + ip + "' is not an IPv4 address (" + octet + " is over 255)");
            }
            b[i] = (byte) octet;
        }
        int first = b[0] & 0xff;
        boolean broadcast = (b[0] & b[1] & b[2] & b[3]) == (byte) 0xff;
        if (first == 0 || first == 127 || first >= 224 || broadcast) {
            throw new AdminException(trimmed + " cannot be a PC's address (not a unicast address for a network)");
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
