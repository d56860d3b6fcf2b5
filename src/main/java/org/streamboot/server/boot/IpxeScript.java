package org.streamboot.server.boot;

import java.util.regex.Pattern;

/**
 * Writes the iPXE script a PC runs after it fetched {@code /boot/MAC.ipxe}.
 *
 * <p>The script sets {@code hostname} and {@code initiator-iqn} before {@code sanboot}: iPXE
 * puts both into the iBFT it publishes (and hostname into DHCP option 12), which is how the
 * booted OS learns who it is. The target is an iSCSI URI in iPXE's form
 * {@code iscsi:SERVER:PROTOCOL:PORT:LUN:TARGET} (empty protocol = TCP). Waiting states (pending
 * approval, no vDisk) loop back to the server instead of giving up, so that an admin's fix
 * takes effect without touching the PC.
 */
public final class IpxeScript {

    /** Where the vDisks are served and how long the menu waits. */
    public record Settings(String serverAddress, int iscsiPort, int httpPort, int menuTimeoutSeconds, int retrySeconds) {
    }

    /** Anything that reaches a script line must not break out of it. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9.:_-]+");

    private IpxeScript() {
    }

    public static String render(BootPlan plan, Settings s) {
        StringBuilder out = new StringBuilder("#!ipxe\n");
        String mac = safe(plan.mac().value());
        out.append("# Streamboot boot script for ").append(plan.name() == null ? mac : safe(plan.name()))
                .append(" (").append(mac).append(")\n");
        switch (plan.status()) {
            case READY -> ready(out, plan, s);
            case PENDING -> wait(out, s, "This PC (" + mac + ") is waiting for approval in the Streamboot console.");
            case NO_VDISK -> wait(out, s, "No vDisk is assigned to " + safe(plan.name()) + " (" + mac
                    + "). Assign one in the Streamboot console.");
            case REJECTED -> refuse(out, "This PC (" + mac + ") is not allowed to boot from this Streamboot server.");
            case UNKNOWN -> refuse(out, "This PC (" + mac + ") is not registered. Add it in the Streamboot console.");
        }
        return out.toString();
    }

    private static void ready(StringBuilder out, BootPlan plan, Settings s) {
        out.append("set hostname ").append(safe(plan.name())).append('\n');
        out.append("set initiator-iqn ").append(safe(plan.iqn())).append('\n');
        if (plan.targets().size() == 1) {
            BootPlan.Target only = plan.targets().getFirst();
            out.append("echo Streamboot: ").append(safe(plan.name())).append(" boots ").append(safe(only.vdiskName())).append('\n');
            sanboot(out, only, s);
            out.append("goto failed\n");
        } else {
            out.append("menu Streamboot: ").append(safe(plan.name())).append('\n');
            for (int i = 0; i < plan.targets().size(); i++) {
                BootPlan.Target t = plan.targets().get(i);
                out.append("item vdisk").append(i).append(' ').append(safe(t.vdiskName()))
                        .append(t.isDefault() ? " (default)" : "").append('\n');
            }
            int def = plan.targets().indexOf(plan.defaultTarget());
            out.append("choose --default vdisk").append(def).append(" --timeout ").append(s.menuTimeoutSeconds() * 1000)
                    .append(" target && goto ${target} || goto vdisk").append(def).append('\n');
            for (int i = 0; i < plan.targets().size(); i++) {
                out.append(":vdisk").append(i).append('\n');
                sanboot(out, plan.targets().get(i), s);
                out.append("goto failed\n");
            }
        }
        out.append(":failed\n");
        out.append("echo Streamboot: the vDisk could not be booted (${errno}). Retrying in ").append(s.retrySeconds())
                .append(" seconds.\n");
        retry(out, s);
    }

    private static void sanboot(StringBuilder out, BootPlan.Target t, Settings s) {
        out.append("sanboot iscsi:").append(safe(s.serverAddress())).append("::").append(s.iscsiPort()).append(":0:")
                .append(safe(t.targetIqn())).append(" || goto failed\n");
    }

    private static void wait(StringBuilder out, Settings s, String message) {
        out.append("echo ").append(message).append('\n');
        out.append("echo Trying again in ").append(s.retrySeconds()).append(" seconds.\n");
        retry(out, s);
    }

    private static void retry(StringBuilder out, Settings s) {
        out.append("sleep ").append(s.retrySeconds()).append('\n');
        out.append("chain http://").append(safe(s.serverAddress())).append(':').append(s.httpPort())
                .append("/boot/${mac}.ipxe\n");
    }

    private static void refuse(StringBuilder out, String message) {
        out.append("echo ").append(message).append('\n');
        out.append("echo Booting from the next device.\n");
        out.append("exit 1\n");
    }

    private static String safe(String value) {
        if (value == null || !SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("unsafe value for an iPXE script: " + value);
        }
        return value;
    }
}
