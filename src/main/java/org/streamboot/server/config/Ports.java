package org.streamboot.server.config;

/**
 * Where each service listens. The defaults are the well-known ports real firmware uses; every
 * one can be moved (tests run unprivileged on loopback), and 0 asks the OS for a free port.
 *
 * @param dhcp    DHCP / proxyDHCP (UDP 67)
 * @param pxe     PXE boot-server requests that follow a proxy offer (UDP 4011, PXE spec 2.1)
 * @param tftp    TFTP (UDP 69)
 * @param http    boot scripts and HTTP boot (TCP; 8080 so that the console runs without root)
 * @param iscsi   iSCSI target (TCP 3260, RFC 7143)
 * @param nbd     NBD server (TCP 10809)
 */
public record Ports(int dhcp, int pxe, int tftp, int http, int iscsi, int nbd) {

    public static final Ports DEFAULTS = new Ports(67, 4011, 69, 8080, 3260, 10809);

    public Ports {
        for (int p : new int[] {dhcp, pxe, tftp, http, iscsi, nbd}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port " + p + " is out of range 0-65535");
            }
        }
    }
}
