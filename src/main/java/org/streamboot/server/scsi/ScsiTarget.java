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
}
