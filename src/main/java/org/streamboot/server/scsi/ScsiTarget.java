package org.streamboot.server.scsi;

/**
 * A SCSI logical unit set, as the transport sees it: one command in, one result out. This
 * package knows nothing of iSCSI; the transport (iSCSI, later others) moves CDBs, data and
 * status (SAM-5 execute-command model).
 *
 * <p>{@link #execute} never throws for anything an initiator can send: malformed CDBs, unknown
 * opcodes, out-of-range LBAs, write-protected or full layers all become CHECK CONDITION with
 * sense data. It may block on disk I/O: call it from an executor, not from an event loop.
 */
public interface ScsiTarget {

    ScsiResult execute(ScsiRequest request);

    /**
     * Answers {@code request} only when that needs no blocking I/O: a READ whose every byte is
     * already in RAM ({@link org.streamboot.server.block.BlockDevice#readFromMemory}), with the
     * same checks and result as {@link #execute}. Returns null for anything else, having changed
     * nothing; the transport then calls {@link #execute} from an executor. Lets an event loop
     * answer cache hits without a hand-off to another thread and back.
     */
    default ScsiResult executeFromMemory(ScsiRequest request) {
        return null;
    }

    /**
     * A LOGICAL UNIT RESET or target reset arrived on {@code nexus} (SAM-5 6.6, 6.7), after the
     * transport ended the affected tasks: every nexus gets a unit attention, and RESERVE (6)
     * reservations end (SPC-2 7.21). Persistent reservations survive (SPC-5 5.13.1).
     */
    default void reset(String nexus) {
    }

    /** The I_T nexus is gone (logout, closed connection): what it held alone ends with it (SPC-2 5.5.1). */
    default void nexusLost(String nexus) {
    }
}
