package org.streamboot.server.model;

/**
 * One layer in a vDisk's chain: version 1 is the base image, later versions are deltas.
 *
 * @param parentNumber the version this one is stacked on, 0 for the base
 * @param file         path of the layer's data, relative to the store directory
 */
public record VdiskVersion(long id, long vdiskId, int number, int parentNumber, VersionState state,
                           String file, String note, long createdAt) {

    public enum VersionState {
        /** Being written in maintenance mode; no client boots it yet. */
        DRAFT,
        /** Bootable; the vDisk's current version is one of these. */
        ACTIVE,
        /** Replaced; kept until no running client uses it. */
        RETIRED
    }
}
