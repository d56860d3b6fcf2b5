package org.streamboot.server.scsi;

import java.nio.ByteBuffer;
import org.streamboot.server.block.MemoryView;

/**
 * The outcome of one command.
 *
 * @param dataIn         data for the initiator (reads, INQUIRY, ...), already cut to the allocation
 *                       length; an empty buffer when none
 * @param sense          present with CHECK CONDITION, null otherwise
 * @param dataOutLength  how many bytes of data-out the CDB itself names (blocks times block size for
 *                       a write, the PARAMETER LIST LENGTH for MODE SELECT or UNMAP), or -1 when the
 *                       command takes no data-out or the CDB was not understood; the transport
 *                       compares it with its own expected length to report residuals (RFC 7143 11.4.5)
 * @param dataView       the data-in as views of the read cache's memory instead of {@code dataIn}
 *                       (which is then empty), or null: a READ served without a copy. Whoever
 *                       receives the result owns the view's reference and must release it
 */
public record ScsiResult(ScsiStatus status, ByteBuffer dataIn, SenseData sense, long dataOutLength,
                         MemoryView dataView) {

    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    public ScsiResult(ScsiStatus status, ByteBuffer dataIn, SenseData sense, long dataOutLength) {
        this(status, dataIn, sense, dataOutLength, null);
    }

    public ScsiResult(ScsiStatus status, ByteBuffer dataIn, SenseData sense) {
        this(status, dataIn, sense, -1);
    }

    public static ScsiResult good() {
        return new ScsiResult(ScsiStatus.GOOD, NONE.duplicate(), null);
    }

    public static ScsiResult good(ByteBuffer dataIn) {
        return new ScsiResult(ScsiStatus.GOOD, dataIn, null);
    }

    /** GOOD with data lent from memory ({@link org.streamboot.server.block.BlockDevice#viewFromMemory}). */
    public static ScsiResult good(MemoryView dataIn) {
        return new ScsiResult(ScsiStatus.GOOD, NONE.duplicate(), null, -1, dataIn);
    }

    /** Bytes of data-in, wherever they are. */
    public int dataInLength() {
        return dataView != null ? dataView.length() : dataIn.remaining();
    }

    public static ScsiResult checkCondition(SenseData sense) {
        return new ScsiResult(ScsiStatus.CHECK_CONDITION, NONE.duplicate(), sense);
    }

    /** A status without sense data or data-in, such as RESERVATION CONFLICT (SAM-5 5.3.1). */
    public static ScsiResult status(ScsiStatus status) {
        return new ScsiResult(status, NONE.duplicate(), null);
    }

    public ScsiResult withDataOutLength(long bytes) {
        return new ScsiResult(status, dataIn, sense, bytes, dataView);
    }
}
