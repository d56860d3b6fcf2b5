package org.streamboot.ui.clients;

/** One line of the clients table, every cell already in words. */
public record ClientRow(String name, String mac, String group, String state, String firmware, String ip,
                        String vdisks) {
}
