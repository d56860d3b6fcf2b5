package org.streamboot.server.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamboot.server.model.MacAddress;

class IpxeScriptTest {

    static final MacAddress MAC = MacAddress.parse("52:54:00:aa:bb:17");
    static final IpxeScript.Settings SETTINGS = new IpxeScript.Settings("10.213.0.1", 3260, 8080, 5, 10);
    static final String IQN = "iqn.2026-11.org.streamboot:client.pc17";

    @Test
    void oneVdiskBootsStraightAwayWithTheClientsIdentity() {
        BootPlan plan = new BootPlan(MAC, "pc17", IQN, BootPlan.Status.READY,
                List.of(new BootPlan.Target("win11", "iqn.2026-11.org.streamboot:vdisk.win11", true)));
        assertThat(IpxeScript.render(plan, SETTINGS)).isEqualTo("""
                #!ipxe
                # Streamboot boot script for pc17 (52:54:00:aa:bb:17)
                set hostname pc17
                set initiator-iqn iqn.2026-11.org.streamboot:client.pc17
                echo Streamboot: pc17 boots win11
                sanboot iscsi:10.213.0.1::3260:0:iqn.2026-11.org.streamboot:vdisk.win11 || goto failed
                goto failed
                :failed
                echo Streamboot: the vDisk could not be booted (${errno}). Retrying in 10 seconds.
                sleep 10
                chain http://10.213.0.1:8080/boot/${mac}.ipxe
                """);
    }

    @Test
    void severalVdisksGiveAMenuWithTheDefaultPreselected() {
        BootPlan plan = new BootPlan(MAC, "pc17", IQN, BootPlan.Status.READY, List.of(
                new BootPlan.Target("exam", "iqn.2026-11.org.streamboot:vdisk.exam", false),
                new BootPlan.Target("win11", "iqn.2026-11.org.streamboot:vdisk.win11", true)));
        String script = IpxeScript.render(plan, SETTINGS);
        assertThat(script).contains("""
                menu Streamboot: pc17
                item vdisk0 exam
                item vdisk1 win11 (default)
                choose --default vdisk1 --timeout 5000 target && goto ${target} || goto vdisk1
                :vdisk0
                sanboot iscsi:10.213.0.1::3260:0:iqn.2026-11.org.streamboot:vdisk.exam || goto failed
                goto failed
                :vdisk1
                sanboot iscsi:10.213.0.1::3260:0:iqn.2026-11.org.streamboot:vdisk.win11 || goto failed
                """);
        assertThat(script.indexOf("set initiator-iqn")).isLessThan(script.indexOf("sanboot"));
    }

    @Test
    void waitingClientsLoopBackToTheServer() {
        String pending = IpxeScript.render(new BootPlan(MAC, "pc-03", IQN, BootPlan.Status.PENDING, List.of()), SETTINGS);
        assertThat(pending).contains("echo This PC (52:54:00:aa:bb:17) is waiting for approval")
                .contains("sleep 10\nchain http://10.213.0.1:8080/boot/${mac}.ipxe").doesNotContain("sanboot");
        String none = IpxeScript.render(new BootPlan(MAC, "pc17", IQN, BootPlan.Status.NO_VDISK, List.of()), SETTINGS);
        assertThat(none).contains("No vDisk is assigned to pc17").contains("chain http://");
    }

    @Test
    void strangersAndRejectedClientsFallThroughToTheNextBootDevice() {
        String unknown = IpxeScript.render(new BootPlan(MAC, null, null, BootPlan.Status.UNKNOWN, List.of()), SETTINGS);
        assertThat(unknown).contains("is not registered").endsWith("exit 1\n").doesNotContain("chain");
    }

    @Test
    void valuesThatCouldBreakOutOfAScriptLineAreRefused() {
        BootPlan evil = new BootPlan(MAC, "pc17", IQN, BootPlan.Status.READY,
                List.of(new BootPlan.Target("x\nshell", "iqn.2026-11.org.streamboot:vdisk.x", true)));
        assertThatThrownBy(() -> IpxeScript.render(evil, SETTINGS)).isInstanceOf(IllegalArgumentException.class);
    }
}
