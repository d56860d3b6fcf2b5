package org.streamboot.server.model;

/**
 * A vDisk offered to a client or to every client of a group. Exactly one of the two targets
 * is set. When a client has several vDisks (its own and its group's), it gets a boot menu
 * ordered by position, with the default one preselected.
 */
public record Assignment(long id, Target target, long vdiskId, boolean isDefault, int position) {

    /** Who the vDisk is assigned to. */
    public sealed interface Target permits ToClient, ToGroup {
    }

    public record ToClient(long clientId) implements Target {
    }

    public record ToGroup(long groupId) implements Target {
    }
}
