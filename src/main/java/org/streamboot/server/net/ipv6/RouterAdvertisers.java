package org.streamboot.server.net.ipv6;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.streamboot.server.config.Ipv6Advertising;

/**
 * The router advertisers of one server run: one per interface PCs boot on. Those are the
 * interface of the bind address, else of the configured server address, else every interface
 * that is not loopback, does multicast and has an IPv4 address (the ones DHCP answers
 * on; a bridge's member ports have none and are left alone).
 */
public final class RouterAdvertisers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RouterAdvertisers.class);
    private static final String WHY = "iPXE waits about 16 s for IPv6 autoconfiguration on each boot without them";
    private final List<RouterAdvertiser> running;

    private RouterAdvertisers(List<RouterAdvertiser> running) {
        this.running = List.copyOf(running);
    }

    /** Starts advertising as {@code mode} says; never fails the server, only logs why not. */
    public static RouterAdvertisers start(Ipv6Advertising mode, InetAddress bindAddress, Optional<Inet4Address> serverAddress) {
        if (mode == Ipv6Advertising.OFF) {
            log.info("IPv6 router advertisements are off (--ipv6-ra off); {}", WHY);
            return new RouterAdvertisers(List.of());
        }
        List<String> names = interfaces(bindAddress, serverAddress);
        if (names.isEmpty()) {
            log.info("IPv6 router advertisements: no interface to send them on (bound to {})", bindAddress.getHostAddress());
            return new RouterAdvertisers(List.of());
        }
        List<RouterAdvertiser> started = new ArrayList<>();
        for (String name : names) {
            try {
                started.add(RouterAdvertiser.start(name));
            } catch (IOException e) {
                if (RouterAdvertiser.permissionDenied(e)) {
                    String message = "IPv6 router advertisements are off: raw ICMPv6 sockets need root or CAP_NET_RAW; " + WHY;
                    if (mode == Ipv6Advertising.ON) {
                        log.warn(message);
                    } else {
                        log.info(message);
                    }
                    started.forEach(RouterAdvertiser::close);
                    return new RouterAdvertisers(List.of());
                }
                log.warn("IPv6 router advertisements on {} cannot start: {}", name, e.getMessage());
            }
        }
        if (!started.isEmpty()) {
            log.info("IPv6 router advertisements (no router, no prefix) on {}: iPXE skips its IPv6 wait",
                    String.join(", ", started.stream().map(RouterAdvertiser::interfaceName).toList()));
        }
        return new RouterAdvertisers(started);
    }

    /** Names of the interfaces to advertise on, in the order the system lists them. */
    static List<String> interfaces(InetAddress bindAddress, Optional<Inet4Address> serverAddress) {
        try {
            if (!bindAddress.isAnyLocalAddress()) {
                return usable(NetworkInterface.getByInetAddress(bindAddress));
            }
            if (serverAddress.isPresent()) {
                return usable(NetworkInterface.getByInetAddress(serverAddress.get()));
            }
            List<String> names = new ArrayList<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                boolean hasIpv4 = nic.inetAddresses().anyMatch(a -> a instanceof Inet4Address);
                if (hasIpv4) {
                    names.addAll(usable(nic));
                }
            }
            return names;
        } catch (SocketException e) {
            log.warn("cannot list network interfaces for IPv6 router advertisements: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * Not {@code isUp()}: Java counts an interface without carrier as down, and a bridge has no
     * carrier until its first port comes up (the lab switch, QEMU's tap). The advertiser keeps
     * trying until sends go through.
     */
    private static List<String> usable(NetworkInterface nic) throws SocketException {
        return nic != null && !nic.isLoopback() && nic.supportsMulticast() ? List.of(nic.getName()) : List.of();
    }

    public List<RouterAdvertiser> running() {
        return running;
    }

    @Override
    public void close() {
        running.forEach(RouterAdvertiser::close);
    }
}
