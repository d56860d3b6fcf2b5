package org.streamboot.e2e;

import java.io.IOException;
import java.util.HexFormat;

/**
 * Sends the smallest router advertisement there is, run inside the test's namespace as a
 * program of its own ({@code java ... RouterAdvertiser br0}).
 *
 * <p>Why: iPXE's {@code ifconf} waits about 16 s for IPv6 autoconfiguration when no RA
 * arrives (notes, bite 1). An RA with hop limit 0, M=O=0, router lifetime 0 and no options
 * (RFC 4861 section 4.2) ends that wait at once without offering a router, a prefix or
 * DHCPv6 (M or O would make iPXE wait for DHCPv6 instead). It answers every router
 * solicitation and repeats every second for clients that solicited before we listened.
 */
public final class RouterAdvertiser {

    static final String READY = "router advertiser ready";
    private static final int ROUTER_SOLICITATION = 133;
    private static final int ROUTER_ADVERTISEMENT = 134;
    private static final byte[] ALL_NODES = HexFormat.of().parseHex("ff020000000000000000000000000001");
    private static final byte[] ALL_ROUTERS = HexFormat.of().parseHex("ff020000000000000000000000000002");

    private RouterAdvertiser() {
    }

    /** Type 134, code 0, checksum (kernel), then 12 zero bytes: 16 bytes in all. */
    static byte[] minimalAdvertisement() {
        byte[] ra = new byte[16];
        ra[0] = (byte) ROUTER_ADVERTISEMENT;
        return ra;
    }

    public static void main(String[] args) throws IOException {
        String interfaceName = args.length > 0 ? args[0] : BootNetwork.BRIDGE;
        try (RawIcmpv6Socket socket = new RawIcmpv6Socket(interfaceName)) {
            socket.join(ALL_ROUTERS);
            socket.passOnly(ROUTER_SOLICITATION);
            System.out.println(READY + " on " + interfaceName);
            long solicitations = 0;
            long nextPeriodic = 0;
            String lastProblem = "";
            while (true) {
                int type = socket.receiveType(250);
                boolean solicited = type == ROUTER_SOLICITATION;
                if (solicited || System.nanoTime() >= nextPeriodic) {
                    try {
                        socket.send(minimalAdvertisement(), ALL_NODES);
                        lastProblem = "";
                    } catch (IOException e) {
                        // Before QEMU opens the tap the bridge may have no carrier. Keep going.
                        if (!e.getMessage().equals(lastProblem)) {
                            System.out.println("RA not sent: " + e.getMessage());
                            lastProblem = e.getMessage();
                        }
                    }
                    nextPeriodic = System.nanoTime() + 1_000_000_000L;
                }
                if (solicited) {
                    solicitations++;
                    System.out.println("router solicitation " + solicitations + " answered");
                }
            }
        }
    }
}
