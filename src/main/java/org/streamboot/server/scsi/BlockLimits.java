package org.streamboot.server.scsi;

/**
 * The limits advertised in the Block Limits VPD page (SBC-4 6.6.4) and enforced by the
 * commands, in logical blocks.
 */
record BlockLimits(int maxTransfer, int optimalGranularity, int optimalTransfer, int maxCompareAndWrite,
                   long maxUnmapBlocks, int maxUnmapDescriptors, long maxWriteSame) {

    /** The copy-on-write overlay copies 4 KiB blocks: smaller or unaligned writes cost a read. */
    static final int OPTIMAL_GRANULARITY_BYTES = 4096;
    static final int OPTIMAL_TRANSFER_BYTES = 1 << 20;
    /**
     * libiscsi's BlockLimits test calls more than 2^20 blocks per UNMAP "insanely big"; the
     * same bound keeps one command's trim work (and a WRITE SAME's writes) short.
     */
    static final long MAX_UNMAP_BLOCKS = 1 << 20;
    static final int MAX_UNMAP_DESCRIPTORS = 256;
    static final long MAX_WRITE_SAME_BYTES = 256L << 20;

    static BlockLimits of(BlockTargetSettings settings) {
        int bs = settings.blockSize();
        int maxTransfer = settings.maxTransferBlocks();
        return new BlockLimits(maxTransfer,
                Math.max(1, OPTIMAL_GRANULARITY_BYTES / bs),
                Math.max(1, Math.min(maxTransfer, OPTIMAL_TRANSFER_BYTES / bs)),
                // COMPARE AND WRITE moves twice the blocks it names (verify data, then write data).
                Math.max(1, Math.min(255, maxTransfer / 2)),
                MAX_UNMAP_BLOCKS,
                MAX_UNMAP_DESCRIPTORS,
                Math.max(1, MAX_WRITE_SAME_BYTES / bs));
    }
}
