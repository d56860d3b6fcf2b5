package org.streamboot.ui.sidebar;

/** A group in the sidebar: its name and, in words, how many clients and which vDisks. */
public record GroupRow(String name, String clients, String vdisks) {
}
