package org.streamboot.server.model;

/** A room or a set of PCs that share vDisk assignments. */
public record ClientGroup(long id, String name, long createdAt) {
}
