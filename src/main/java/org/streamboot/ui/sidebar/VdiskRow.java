package org.streamboot.ui.sidebar;

/** A vDisk in the sidebar, every field in words. */
public record VdiskRow(String name, String mode, String size, String assignedTo) {
}
