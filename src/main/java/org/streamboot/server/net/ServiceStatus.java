package org.streamboot.server.net;

/**
 * What the console and the log say about one service.
 *
 * @param address where it listens ("0.0.0.0:69/udp"), empty unless running
 * @param problem why it is not running, in plain words, or empty
 */
public record ServiceStatus(String name, ServiceState state, String address, String problem) {

    public static ServiceStatus of(String name, ServiceState state) {
        return new ServiceStatus(name, state, "", "");
    }
}
