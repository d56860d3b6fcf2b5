package org.streamboot.server.iscsi;

import java.time.Instant;

/**
 * One session as the live view sees it.
 *
 * @param target        null for a discovery session
 * @param bytesRead     data the initiator read (Data-In payload)
 * @param bytesWritten  data the initiator wrote (immediate data and Data-Out payload)
 */
public record IscsiSessionSnapshot(String initiator, String target, long isid, int tsih, String remoteAddress,
                                   Instant since, long commands, long bytesRead, long bytesWritten, long protocolErrors,
                                   long droppedCommands) {
}
