package org.streamboot.server.net;

import java.net.BindException;
import java.net.InetAddress;
import java.util.Locale;

/** Turns a failed bind into the sentence an admin needs: what is wrong and what to do. */
public final class BindFailure {

    private BindFailure() {
    }

    public static String explain(InetAddress address, int port, Transport transport, Throwable cause) {
        String msg = cause == null || cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        if (msg.contains("permission denied") || msg.contains("access denied")) {
            if (port > 0 && port < 1024) {
                return "port " + port + " needs root or CAP_NET_BIND_SERVICE (run as root, grant the capability,"
                        + " or move the service to a port above 1023)";
            }
            return "the system refused port " + port + "/" + transport.suffix() + ": permission denied";
        }
        if (msg.contains("address already in use")) {
            String who = port == 67 || port == 69 || port == 4011 ? "another DHCP/TFTP server such as dnsmasq"
                    : "another program, perhaps a second Streamboot";
            return "port " + port + "/" + transport.suffix() + " is already in use by " + who;
        }
        if (msg.contains("cannot assign requested address")) {
            return "address " + address.getHostAddress() + " does not belong to this machine";
        }
        String raw = cause == null ? "unknown error" : (cause instanceof BindException ? "" : cause.getClass().getSimpleName() + ": ")
                + cause.getMessage();
        return "cannot listen on " + address.getHostAddress() + ":" + port + "/" + transport.suffix() + ": " + raw;
    }
}
