package org.streamboot.server.dhcp;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.streamboot.server.config.DhcpMode;

/**
 * How the DHCP service behaves.
 *
 * @param mode          proxy (boot information only), full (addresses too) or off
 * @param range         full mode: the addresses to hand out; without it full mode serves only
 *                      reserved (pinned) leases
 * @param subnetMask    option 1 in full mode; also decides which requested addresses are "on
 *                      the wrong network" and get a NAK (RFC 2131 4.3.2)
 * @param router        option 3, if any
 * @param dns           option 6, possibly empty
 * @param leaseTime     option 51; renewal (58) and rebinding (59) are 1/2 and 7/8 of it (RFC 2131 4.4.5)
 * @param serverAddress the address to name as server when the interfaces do not tell; empty =
 *                      pick automatically (see {@link ServerAddressSelector})
 * @param httpPort      the HTTP port the boot policy names in URLs
 */
public record DhcpSettings(DhcpMode mode, Optional<AddressRange> range, Inet4Address subnetMask,
                           Optional<Inet4Address> router, List<Inet4Address> dns, Duration leaseTime,
                           Optional<Inet4Address> serverAddress, int httpPort) {

    public static final Duration DEFAULT_LEASE = Duration.ofHours(12);
    public static final Inet4Address DEFAULT_MASK = AddressRange.fromInt(0xffffff00);

    public DhcpSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(subnetMask, "subnetMask");
        Objects.requireNonNull(router, "router");
        dns = List.copyOf(dns);
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(serverAddress, "serverAddress");
        if (leaseTime.toSeconds() < 60 || leaseTime.toSeconds() > 0xfffffffeL) {
            throw new IllegalArgumentException("lease time must be between 1 minute and 136 years");
        }
        int mask = AddressRange.toInt(subnetMask);
        if (mask != 0 && Integer.bitCount(mask) != Integer.numberOfLeadingZeros(~mask)) {
            throw new IllegalArgumentException(subnetMask.getHostAddress() + " is not a contiguous subnet mask");
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port " + httpPort + " is out of range");
        }
        if (range.isPresent()) {
            AddressRange r = range.get();
            if ((AddressRange.toInt(r.first()) & mask) != (AddressRange.toInt(r.last()) & mask)) {
                throw new IllegalArgumentException("range " + r.first().getHostAddress() + "-" + r.last().getHostAddress()
                        + " spans more than one subnet of mask " + subnetMask.getHostAddress());
            }
        }
    }

    /** proxyDHCP with the address picked automatically: the safe default. */
    public static DhcpSettings proxy(int httpPort) {
        return new DhcpSettings(DhcpMode.PROXY, Optional.empty(), DEFAULT_MASK, Optional.empty(), List.of(),
                DEFAULT_LEASE, Optional.empty(), httpPort);
    }

    public static DhcpSettings full(AddressRange range, Inet4Address mask, Optional<Inet4Address> router,
                                    List<Inet4Address> dns, Duration leaseTime, int httpPort) {
        return new DhcpSettings(DhcpMode.FULL, Optional.of(range), mask, router, dns, leaseTime, Optional.empty(), httpPort);
    }

    public DhcpSettings withServerAddress(Inet4Address address) {
        return new DhcpSettings(mode, range, subnetMask, router, dns, leaseTime, Optional.of(address), httpPort);
    }

    /** Whether the address lies in the subnet of the range (mask applied). */
    public boolean onOurSubnet(Inet4Address a) {
        if (range.isEmpty()) {
            return true;
        }
        int mask = AddressRange.toInt(subnetMask);
        return (AddressRange.toInt(a) & mask) == (AddressRange.toInt(range.get().first()) & mask);
    }
}
