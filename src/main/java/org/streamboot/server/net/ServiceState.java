package org.streamboot.server.net;

/** The life of one network service. */
public enum ServiceState {
    STOPPED, STARTING, RUNNING, FAILED, DISABLED
}
