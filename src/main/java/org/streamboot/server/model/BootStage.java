package org.streamboot.server.model;

/** Where a client is on its way from power-on to a running OS, in the order it gets there. */
public enum BootStage {
    OFF, DHCP, FIRMWARE_DOWNLOAD, SCRIPT, MENU, DISK_ATTACHED, STREAMING, RUNNING, FAILED
}
