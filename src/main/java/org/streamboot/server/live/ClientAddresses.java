package org.streamboot.server.live;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.streamboot.server.model.MacAddress;

/**
 * Which MAC uses which IPv4 address, learnt from DHCP. TFTP, HTTP and iSCSI see only an IP;
 * this lets their events name the PC.
 */
public final class ClientAddresses {

    private static final int LIMIT = 65_536;
    private final ConcurrentHashMap<InetAddress, MacAddress> byIp = new ConcurrentHashMap<>();

    public void learn(InetAddress ip, MacAddress mac) {
        if (ip == null || ip.isAnyLocalAddress()) {
            return;
        }
        if (byIp.size() >= LIMIT) {
            byIp.clear(); // a flood of made-up clients must not grow this without bound
        }
        byIp.put(ip, mac);
    }

    public Optional<MacAddress> macOf(InetAddress ip) {
        return Optional.ofNullable(byIp.get(ip));
    }
}
