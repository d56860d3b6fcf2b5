package org.streamboot.server.block;

/** The state of one overlay block, stored in 2 bits (the code) in the overlay map. */
public enum BlockState {
    /** Never written: reads fall through to the lower layer. */
    UNALLOCATED(0),
    /** Holds the client's data in the overlay's data file. */
    ALLOCATED(1),
    /** Discarded by the client: reads return zeros whatever the lower layer holds. */
    TRIMMED(2);

    private final int code;

    BlockState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Code 3 is not assigned; a map holding it is corrupt. */
    static BlockState ofCode(int code) {
        return switch (code) {
            case 0 -> UNALLOCATED;
            case 1 -> ALLOCATED;
            case 2 -> TRIMMED;
            default -> throw new IllegalArgumentException("unknown block state code " + code);
        };
    }
}
