package org.streamboot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.MemoryView;

/**
 * Serves {@code GET}/{@code HEAD /vdisk/{name}} from a {@link BlockDevice} for iPXE's HTTP
 * sanboot, which sends HEAD first for the size and then one {@code Range: bytes=a-b} GET per
 * read (the first being LBA 0 and the ISO9660 probe at 32768). Each request opens the disk
 * and closes it when answered.
 */
final class DiskRequestHandler extends RangeRequestHandler {

    static final String PREFIX = "/vdisk/";
    static final int CHUNK = 256 * 1024;

    private final BlockExports disks;

    DiskRequestHandler(BlockExports disks, Executor blockIo) {
        super(blockIo, CHUNK);
        this.disks = disks;
    }

    @Override
    String nameAt(String path) {
        return path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
    }

    @Override
    String what() {
        return "disk";
    }

    @Override
    RangeSource open(Ask ask) throws Refusal, IOException {
        BlockDevice device = (ask.name().isEmpty() ? java.util.Optional.<BlockDevice>empty() : disks.open(ask.name(), ask.client()))
                .orElseThrow(() -> new Refusal(HttpResponseStatus.NOT_FOUND, "no disk named '" + ask.name() + "'"));
        return new RangeSource() {
            @Override
            public long size() {
                return device.size();
            }

            @Override
            public void readFully(long offset, ByteBuffer into) throws IOException {
                device.read(offset, into);
            }

            @Override
            public MemoryView view(long offset, int length) throws IOException {
                return device.viewFromMemory(offset, length);
            }

            @Override
            public void close() throws IOException {
                device.close();
            }
        };
    }
}
