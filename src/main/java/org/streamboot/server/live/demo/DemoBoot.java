package org.streamboot.server.live.demo;

import java.util.List;
import java.util.random.RandomGenerator;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;

/**
 * One simulated PC's way through a boot, as a state machine without I/O: each {@link #step}
 * moves it one stage on (or into a failure) and says what a real server would have reported.
 * The fleet decides when to step; this class only decides what comes next.
 */
final class DemoBoot {

    /** What the PC does next and the event that tells it; {@code ticks} is how long it stays. */
    record Step(BootStage stage, Severity severity, String detail, int ticks) {
    }

    /** Failures seen in real labs, each at the stage where it happens. */
    private static final List<Step> FAILURES = List.of(
            new Step(BootStage.FAILED, Severity.ERROR,
                    "TFTP transfer of ipxe.efi timed out after 5 retries (check the switch's spanning tree: portfast)", 0),
            new Step(BootStage.FAILED, Severity.ERROR,
                    "iSCSI login refused: initiator name does not match this client", 0),
            new Step(BootStage.FAILED, Severity.ERROR,
                    "no vDisk assigned: drag a vDisk onto this client or its group", 0),
            new Step(BootStage.FAILED, Severity.ERROR,
                    "write cache full (quota reached): the client was stopped", 0));

    private final RandomGenerator random;
    private final double failureRate;
    private BootStage stage = BootStage.OFF;
    private int ticksLeft;

    DemoBoot(RandomGenerator random, double failureRate, int startDelay) {
        this.random = random;
        this.failureRate = failureRate;
        this.ticksLeft = startDelay;
    }

    BootStage stage() {
        return stage;
    }

    /** Advances one tick; returns the event to emit when the stage changed, else null. */
    Step tick() {
        if (ticksLeft > 0) {
            ticksLeft--;
            return null;
        }
        Step next = next();
        stage = next.stage();
        ticksLeft = next.ticks();
        return next;
    }

    private Step next() {
        if (failsHere()) {
            return failureFor(stage);
        }
        return switch (stage) {
            case OFF, FAILED -> new Step(BootStage.DHCP, Severity.INFO, "DHCPDISCOVER from UEFI x64 PXE firmware", 2);
            case DHCP -> new Step(BootStage.FIRMWARE_DOWNLOAD, Severity.INFO, "TFTP sending ipxe.efi (1.1 MB)", 3);
            case FIRMWARE_DOWNLOAD -> new Step(BootStage.SCRIPT, Severity.INFO, "iPXE fetched its boot script", 1);
            case SCRIPT -> random.nextInt(4) == 0
                    ? new Step(BootStage.MENU, Severity.INFO, "boot menu shown: 2 vDisks", 4)
                    : new Step(BootStage.DISK_ATTACHED, Severity.INFO, "iSCSI login, vDisk attached", 2);
            case MENU -> new Step(BootStage.DISK_ATTACHED, Severity.INFO, "iSCSI login, vDisk attached", 2);
            case DISK_ATTACHED -> new Step(BootStage.STREAMING, Severity.INFO, "streaming the boot set", 12 + random.nextInt(12));
            case STREAMING -> new Step(BootStage.RUNNING, Severity.INFO, "operating system up: boot set read", 60 + random.nextInt(120));
            // A running PC is shut down now and then, so that the demo keeps moving.
            case RUNNING -> new Step(BootStage.OFF, Severity.INFO, "client logged out of the iSCSI target", 5 + random.nextInt(20));
        };
    }

    private boolean failsHere() {
        return switch (stage) {
            case FIRMWARE_DOWNLOAD, SCRIPT, DISK_ATTACHED, STREAMING -> random.nextDouble() < failureRate;
            default -> false;
        };
    }

    private static Step failureFor(BootStage at) {
        Step reason = switch (at) {
            case FIRMWARE_DOWNLOAD -> FAILURES.get(0);
            case DISK_ATTACHED -> FAILURES.get(1);
            case SCRIPT -> FAILURES.get(2);
            default -> FAILURES.get(3);
        };
        // A failed PC stays on screen a while, then its user presses the power button again.
        return new Step(reason.stage(), reason.severity(), reason.detail(), 40);
    }
}
