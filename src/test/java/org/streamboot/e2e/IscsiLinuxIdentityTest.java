package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * S2: a BIOS PC boots Linux from an iSCSI vDisk, and Linux finds the PC's identity where iPXE
 * published it (the iBFT): host name and initiator name equal what the database holds.
 */
@Tag("e2e")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IscsiLinuxIdentityTest {

    static final String MAC = "52:54:00:13:00:12";
    private static final Pattern IQN = Pattern.compile("\"iqn\" : \"([^\"]+)\"");

    @RegisterExtension
    final BootRig rig = new BootRig();

    @Test
    void linuxReadsTheIdentityFromTheIbftAndItMatchesTheDatabase() throws Exception {
        BootRig.requireLinuxImageTools();
        rig.cli("client", "add", "--mac", MAC, "--name", "pc12");
        rig.cli("vdisk", "import", LinuxDisk.image().toString(), "--name", "linux");
        rig.cli("assign", "--client", "pc12", "--vdisk", "linux");
        Matcher iqn = IQN.matcher(rig.cli("client", "list", "--json"));
        assertThat(iqn.find()).isTrue();
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150");

        try (QemuPc pc = rig.bootPc(MAC)) {
            SerialTranscript.Marker up = pc.await(LinuxDisk.UP, Duration.ofSeconds(150));
            BootRig.timing("S2", "LINUX-UP", up);
            SerialTranscript.Marker host = pc.await("IBFT-HOSTNAME=(\\S*)(?=\\s)|IBFT-ABSENT", up.end(), Duration.ofSeconds(30));
            assertThat(host.text()).isEqualTo("IBFT-HOSTNAME=pc12");
            SerialTranscript.Marker initiator = pc.await("IBFT-INITIATOR=(\\S*)(?=\\s)", host.end(), Duration.ofSeconds(10));
            assertThat(initiator.group(1)).isEqualTo(iqn.group(1));
            SerialTranscript.Marker target = pc.await("IBFT-TARGET=(\\S*)(?=\\s)", initiator.end(), Duration.ofSeconds(10));
            assertThat(target.group(1)).isEqualTo("iqn.2026-11.org.streamboot:vdisk.linux");
            pc.await(LinuxDisk.DONE, target.end(), Duration.ofSeconds(10));
            assertThat(pc.awaitPowerOff(Duration.ofSeconds(30))).isZero();
        }
    }
}
