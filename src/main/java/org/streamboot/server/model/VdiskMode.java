package org.streamboot.server.model;

/**
 * How clients write to a vDisk. STANDARD: a shared read-only base and a copy-on-write cache
 * per client. PRIVATE: one client writes straight into the top layer. MAINTENANCE: one admin
 * client writes into a new version that can be promoted.
 */
public enum VdiskMode {
    STANDARD, PRIVATE, MAINTENANCE
}
