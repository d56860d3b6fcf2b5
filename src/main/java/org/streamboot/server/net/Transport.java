package org.streamboot.server.net;

/** The two kinds of socket a boot service listens on. */
public enum Transport {
    UDP, TCP;

    public String suffix() {
        return name().toLowerCase();
    }
}
