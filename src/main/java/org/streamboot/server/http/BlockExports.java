package org.streamboot.server.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.streamboot.server.block.BlockDevice;

/**
 * The disks served read-only at {@code /vdisk/{name}} for iPXE {@code sanboot http://...}.
 * Backed by the vDisk store; the HTTP package never sees a database. Called from an executor
 * thread, never from an event loop. The HTTP service closes the device after each response.
 */
public interface BlockExports {

    /** Empty when there is no such disk (or this client may not have it): the answer is 404. */
    Optional<BlockDevice> open(String name, InetSocketAddress client) throws IOException;
}
