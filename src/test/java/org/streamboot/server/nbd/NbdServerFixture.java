package org.streamboot.server.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.net.EventLoops;
import org.streamboot.server.net.ServiceRunner;
import org.streamboot.server.net.ServiceState;

/** A real NbdService on 127.0.0.1 and an ephemeral port serving fixed devices by name. */
final class NbdServerFixture implements AutoCloseable {

    final Map<String, BlockDevice> devices = new LinkedHashMap<>();
    final List<String> opened = new CopyOnWriteArrayList<>();
    final NbdService service;
    private final EventLoops loops = new EventLoops();
    private final ServiceRunner runner;
    final int port;

    NbdServerFixture(Map<String, BlockDevice> exports) {
        devices.putAll(exports);
        service = new NbdService(0, new NbdExports() {
            @Override
            public List<String> names() {
                return List.copyOf(devices.keySet());
            }

            @Override
            public Outcome open(String name, InetSocketAddress client) {
                BlockDevice device = devices.get(name);
                if (device == null) {
                    return new Unknown("no export named '" + name + "'");
                }
                opened.add(name);
                return new Opened(new Shared(device), "test export " + name, device.readOnly());
            }
        });
        runner = new ServiceRunner(service);
        assertThat(runner.start(loops, InetAddress.getLoopbackAddress()).state()).isEqualTo(ServiceState.RUNNING);
        port = runner.boundPort(0);
    }

    String uri(String export) {
        return "nbd://127.0.0.1:" + port + "/" + export;
    }

    @Override
    public void close() throws IOException {
        runner.stop();
        loops.close();
        for (BlockDevice device : devices.values()) {
            device.close();
        }
    }

    /** Lets many connections use one device; the fixture closes the device itself at the end. */
    record Shared(BlockDevice device) implements BlockDevice {
        @Override
        public long size() {
            return device.size();
        }

        @Override
        public void read(long offset, ByteBuffer into) throws IOException {
            device.read(offset, into);
        }

        @Override
        public void write(long offset, ByteBuffer from) throws IOException {
            device.write(offset, from);
        }

        @Override
        public void flush() throws IOException {
            device.flush();
        }

        @Override
        public void trim(long offset, long length) throws IOException {
            device.trim(offset, length);
        }

        @Override
        public boolean readOnly() {
            return device.readOnly();
        }

        @Override
        public void close() {
        }
    }
}
