package org.streamboot.server.nbd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.streamboot.server.block.BlockDevice;

/**
 * The exports the NBD service offers, backed by whatever stores the disks (the vDisk store).
 * The NBD package only asks through this interface and never sees a database. Calls come from
 * an executor thread, never from a Netty event loop, so they may touch disk or database.
 */
public interface NbdExports {

    /** No exports at all. */
    NbdExports NONE = new NbdExports() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public Outcome open(String exportName, InetSocketAddress client) {
            return new Unknown("no exports are configured");
        }
    };

    /** Names shown to NBD_OPT_LIST; may be empty when listing is not wanted. */
    List<String> names();

    /**
     * Opens an export for one connection (or, for NBD_OPT_INFO, just long enough to describe
     * it). The service closes the returned device when the connection ends.
     *
     * @param exportName as the client sent it; the empty string is the "default export"
     * @param client     the peer, so that a per-client overlay can be chosen or access refused
     */
    Outcome open(String exportName, InetSocketAddress client) throws IOException;

    /** The answer to {@link #open}. */
    sealed interface Outcome {
    }

    /**
     * @param readOnly also advertised as NBD_FLAG_READ_ONLY; writes then get EPERM even if the
     *                 device itself would take them
     */
    record Opened(BlockDevice device, String description, boolean readOnly) implements Outcome {
    }

    /** No export by that name: NBD_REP_ERR_UNKNOWN. */
    record Unknown(String reason) implements Outcome {
    }

    /** The export exists but this client may not have it: NBD_REP_ERR_POLICY. */
    record Denied(String reason) implements Outcome {
    }
}
