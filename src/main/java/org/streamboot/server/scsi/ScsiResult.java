package org.streamboot.server.scsi;

import java.nio.ByteBuffer;

/**
 * The outcome of one command.
 *
 * @param dataIn  data for the initiator (reads, INQUIRY, ...), already cut to the allocation
 *                length; an empty buffer when none
 * @param sense   present with CHECK CONDITION, null otherwise
 */
public record ScsiResult(ScsiStatus status, ByteBuffer dataIn, SenseData sense) {

    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    public static ScsiResult good() {
        return new ScsiResult(ScsiStatus.GOOD, NONE.duplicate(), null);
    }

    public static ScsiResult good(ByteBuffer dataIn) {
        return new ScsiResult(ScsiStatus.GOOD, dataIn, null);
    }

    public static ScsiResult checkCondition(SenseData sense) {
        return new ScsiResult(ScsiStatus.CHECK_CONDITION, NONE.duplicate(), sense);
    }
}
