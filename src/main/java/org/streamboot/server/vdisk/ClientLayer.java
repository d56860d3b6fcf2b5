package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.streamboot.server.block.AccessRecorder;
import org.streamboot.server.block.BootProfileRecorder;
import org.streamboot.server.block.CowOverlay;
import org.streamboot.server.model.MacAddress;

/**
 * One client's view of one vDisk: the shared base (through a boot-profile recorder) under the
 * client's own copy-on-write write cache, under an access recorder for the console. Several
 * sessions of the same client (iPXE, then the OS) share one layer: two overlays on the same
 * files would corrupt them.
 */
final class ClientLayer {

    /** Boot profiles cover what a boot reads in its first minutes, up to this many bytes. */
    private static final long PROFILE_MAX_BYTES = 512L << 20;
    private static final Duration PROFILE_WINDOW = Duration.ofMinutes(3);
    static final int ACCESS_GRANULARITY = 64 * 1024;

    final MacAddress mac;
    final String client;
    final SharedBase base;
    final BootProfileRecorder profile;
    final CowOverlay overlay;
    final AccessRecorder access;
    /** Released with the layer: the draft lock of a maintenance client, or nothing. */
    private final AutoCloseable hold;
    /** Standard mode without persistence: the write cache belongs to one boot of the PC. */
    final boolean perBoot;
    int sessions;

    private ClientLayer(MacAddress mac, String client, SharedBase base, BootProfileRecorder profile, CowOverlay overlay,
                        AccessRecorder access, AutoCloseable hold, boolean perBoot) {
        this.mac = mac;
        this.client = client;
        this.base = base;
        this.profile = profile;
        this.overlay = overlay;
        this.access = access;
        this.hold = hold;
        this.perBoot = perBoot;
    }

    /**
     * @param discard start from an empty write cache (standard mode, first session of a new boot)
     * @param perBoot the write cache lasts one boot (standard mode, not persistent)
     */
    static ClientLayer open(MacAddress mac, String client, SharedBase base, Path overlayDir, long quota, boolean discard,
                            AutoCloseable hold, boolean perBoot) throws IOException {
        BootProfileRecorder profile = new BootProfileRecorder(base.device, 64 * 1024, PROFILE_MAX_BYTES, PROFILE_WINDOW);
        CowOverlay overlay = CowOverlay.open(overlayDir, profile, quota);
        if (discard) {
            overlay.reset();
        }
        return new ClientLayer(mac, client, base, profile, overlay, new AccessRecorder(overlay, ACCESS_GRANULARITY),
                hold, perBoot);
    }

    /** Flushes and closes the write cache (not the shared base) and offers the boot profile. */
    void close() throws IOException {
        profile.stop();
        base.offer(profile.profile());
        try {
            access.close(); // closes the overlay too, which flushes; the overlay never closes its lower layer
        } finally {
            if (hold != null) {
                try {
                    hold.close();
                } catch (Exception e) {
                    throw new IOException("cannot release " + hold + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
