package org.streamboot.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Linux's tgtd as a reference iSCSI target on loopback, serving one file as LUN 1 (tgtd keeps
 * LUN 0 for its controller). It gets its own control port so that it never touches another
 * tgtd's socket (the control socket is a plain file shared across namespaces). Stopped by PID:
 * tgtd ignores SIGTERM while targets exist.
 */
public final class Tgtd implements AutoCloseable {

    public static final String IQN = "iqn.2026-11.org.streamboot.test:tgtd";
    private final Process process;
    private final int port;
    private final int controlPort;

    private Tgtd(Process process, int port, int controlPort) {
        this.process = process;
        this.port = port;
        this.controlPort = controlPort;
    }

    public static boolean available() {
        return Tools.onPath("tgtd") && Tools.onPath("tgtadm");
    }

    public static Tgtd start(Path image) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int control = 1000 + (int) (ProcessHandle.current().pid() % 30000);
        Process p = new ProcessBuilder("tgtd", "-f", "-C", Integer.toString(control), "--iscsi", "portal=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Tgtd tgtd = new Tgtd(p, port, control);
        try {
            tgtd.adm(Duration.ofSeconds(10), "--op", "new", "--mode", "target", "--tid", "1", "-T", IQN);
            tgtd.adm(Duration.ofSeconds(5), "--op", "new", "--mode", "logicalunit", "--tid", "1", "--lun", "1", "-b", image.toString());
            tgtd.adm(Duration.ofSeconds(5), "--op", "bind", "--mode", "target", "--tid", "1", "-I", "ALL");
            return tgtd;
        } catch (IOException | RuntimeException e) {
            tgtd.close();
            throw e;
        }
    }

    /** Runs tgtadm, retrying until tgtd's control socket answers or the time is up. */
    private void adm(Duration patience, String... args) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            List<String> cmd = new java.util.ArrayList<>(List.of("tgtadm", "-C", Integer.toString(controlPort), "--lld", "iscsi"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
            last = new String(p.getInputStream().readAllBytes());
            p.destroyForcibly();
            Thread.sleep(100);
        }
        throw new IOException("tgtadm " + String.join(" ", args) + " failed: " + last);
    }

    public String url() {
        return "iscsi://127.0.0.1:" + port + "/" + IQN + "/1";
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
