package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.streamboot.server.files.JailedDirectory;
import org.streamboot.server.net.EventLoops;
import org.streamboot.server.net.ServiceRunner;
import org.streamboot.server.net.ServiceState;

/** A real TftpService on 127.0.0.1 and an ephemeral port, with a listener that records what it hears. */
final class TftpServerFixture implements AutoCloseable {

    record Event(String kind, String file, String detail) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final TftpService service;
    private final EventLoops loops = new EventLoops();
    private final ServiceRunner runner;
    final int port;

    TftpServerFixture(Path root, TftpSettings settings) {
        TftpTransferListener recorder = new TftpTransferListener() {
            @Override
            public void started(Transfer t) {
                events.add(new Event("started", t.file(), t.size() + " bytes, blksize " + t.blockSize()
                        + ", windowsize " + t.windowSize()));
            }

            @Override
            public void progress(Transfer t, Progress p) {
                events.add(new Event("progress", t.file(), Long.toString(p.bytes())));
            }

            @Override
            public void finished(Transfer t, Progress p) {
                events.add(new Event("finished", t.file(), p.bytes() + " bytes, " + p.retransmits() + " retransmits"));
            }

            @Override
            public void sizeProbed(Transfer t, String clientMessage) {
                events.add(new Event("sizeProbed", t.file(), clientMessage));
            }

            @Override
            public void failed(Transfer t, Progress p, String reason) {
                events.add(new Event("failed", t.file(), reason));
            }

            @Override
            public void refused(InetSocketAddress client, String file, String reason) {
                events.add(new Event("refused", file, reason));
            }
        };
        service = new TftpService(0, new JailedDirectory(root), recorder, settings);
        runner = new ServiceRunner(service);
        assertThat(runner.start(loops, InetAddress.getLoopbackAddress()).state()).isEqualTo(ServiceState.RUNNING);
        port = runner.boundPort(0);
    }

    List<Event> events(String kind, String file) {
        return events.stream().filter(e -> e.kind().equals(kind) && e.file().equals(file)).toList();
    }

    @Override
    public void close() {
        runner.stop();
        loops.close();
    }
}
