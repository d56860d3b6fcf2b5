package org.streamboot.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.BootServer;
import org.streamboot.server.config.Ports;
import org.streamboot.server.config.ServerConfig;
import org.streamboot.server.net.ServiceState;
import org.streamboot.server.net.ServiceStatus;

@Timeout(30)
class ServerLifecycleTest {

    @TempDir
    Path temp;

    private ServerConfig loopback(Path dataDir) {
        return ServerConfig.defaults(dataDir).withBindAddress(InetAddress.getLoopbackAddress())
                .withPorts(new Ports(0, 0, 0, 0, 0, 0));
    }

    /** Records what the lifecycle tells the console. */
    private static final class Events implements ServerLifecycle.Listener {
        final LinkedBlockingQueue<Object> opened = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<ConsoleSnapshot> snapshots = new LinkedBlockingQueue<>();

        @Override
        public void opened(BootServer server) {
            opened.add(server);
        }

        @Override
        public void failed(String reason) {
            opened.add(reason);
        }
    }

    @Test
    void opensInTheBackgroundPollsAndClosesTheDatabase() throws Exception {
        ServerLifecycle lifecycle = new ServerLifecycle(loopback(temp.resolve("data")), BootServer::open,
                Duration.ofMillis(50));
        Events events = new Events();
        lifecycle.open(events, events.snapshots::add, e -> { }).get(20, TimeUnit.SECONDS);
        assertThat(events.opened.poll(5, TimeUnit.SECONDS)).isInstanceOf(BootServer.class);
        assertThat(lifecycle.state()).isEqualTo(ServerLifecycle.State.RUNNING);

        ConsoleSnapshot first = events.snapshots.poll(5, TimeUnit.SECONDS);
        assertThat(first.services()).extracting(ServiceStatus::name)
                .containsExactly("DHCP", "TFTP", "HTTP", "iSCSI", "NBD");
        assertThat(first.services()).allMatch(s -> s.state() == ServiceState.RUNNING)
                .allMatch(s -> s.address().startsWith("127.0.0.1:"));

        BootServer server = lifecycle.server().orElseThrow();
        server.admin().addGroup("lab-a");
        server.admin().addClient("52:54:00:00:00:01", "pc-01", "lab-a", null);
        ConsoleSnapshot withClient;
        do {
            withClient = events.snapshots.poll(5, TimeUnit.SECONDS);
        } while (withClient.clients().isEmpty());
        assertThat(withClient.clients().getFirst().name()).isEqualTo("pc-01");
        assertThat(withClient.groups().getFirst().clients()).isEqualTo(1);

        lifecycle.close().get(20, TimeUnit.SECONDS);
        assertThat(lifecycle.state()).isEqualTo(ServerLifecycle.State.STOPPED);
        assertThat(server.database().isClosed()).isTrue();
        assertThat(server.services()).allMatch(s -> s.state() == ServiceState.STOPPED);
        events.snapshots.clear();
        assertThat(events.snapshots.poll(200, TimeUnit.MILLISECONDS)).as("no polls after close").isNull();
        assertThat(lifecycle.close()).isCompleted();
    }

    @Test
    void anUnusableDataDirectoryIsReportedNotThrown() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("plain-file"), "x");
        ServerLifecycle lifecycle = new ServerLifecycle(loopback(notADirectory.resolve("data")), BootServer::open,
                Duration.ofMillis(50));
        Events events = new Events();
        lifecycle.open(events, events.snapshots::add, e -> { }).get(20, TimeUnit.SECONDS);
        assertThat(events.opened.poll(5, TimeUnit.SECONDS)).asString().contains("cannot create the data directory");
        assertThat(lifecycle.state()).isEqualTo(ServerLifecycle.State.FAILED);
        assertThat(lifecycle.server()).isEmpty();
        lifecycle.close().get(5, TimeUnit.SECONDS);
        assertThat(lifecycle.state()).isEqualTo(ServerLifecycle.State.STOPPED);
    }

    @Test
    void closeRequestedWhileOpeningWaitsForTheOpenAndUndoesIt() throws Exception {
        ServerLifecycle lifecycle = new ServerLifecycle(loopback(temp.resolve("data")), BootServer::open,
                Duration.ofMillis(50));
        Events events = new Events();
        lifecycle.open(events, events.snapshots::add, e -> { });
        lifecycle.close().get(20, TimeUnit.SECONDS);
        BootServer server = (BootServer) events.opened.poll(5, TimeUnit.SECONDS);
        assertThat(server.database().isClosed()).isTrue();
        assertThat(lifecycle.state()).isEqualTo(ServerLifecycle.State.STOPPED);
        assertThatThrownBy(() -> lifecycle.open(events, s -> { }, e -> { })).isInstanceOf(IllegalStateException.class);
    }
}
