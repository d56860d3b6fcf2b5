package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.streamboot.server.boot.RegistrationPolicy;

/**
 * S9: under the approve policy an unknown PC is registered as pending and its screen says it
 * waits for approval; it keeps asking, so an admin's approval takes effect without touching it.
 */
@Tag("e2e")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ApprovalWaitTest {

    static final String MAC = "52:54:00:13:00:09";

    @RegisterExtension
    final BootRig rig = new BootRig();

    @Test
    void unknownPcWaitsForApprovalAndIsRegisteredAsPending() throws Exception {
        // No CLI for settings yet: written through the server's settings store before it starts.
        rig.setting(RegistrationPolicy.SETTING, "approve");
        rig.startServer("--dhcp", "full", "--dhcp-range", "10.213.0.100-10.213.0.150");

        try (QemuPc pc = rig.bootPc(MAC)) {
            SerialTranscript.Marker waiting = pc.await("This PC \\(" + MAC + "\\) is waiting for approval", Duration.ofSeconds(60));
            BootRig.timing("S9", "waiting-for-approval", waiting);
            pc.await("Trying again in \\d+ seconds", waiting.end(), Duration.ofSeconds(10));
            assertThat(pc.serialLog()).doesNotContain("SAN device");

            rig.events().awaitStages(MAC, Set.of("DHCP", "SCRIPT"), Duration.ofSeconds(10));
            String clients = rig.cli("client", "list", "--json");
            assertThat(clients).contains("\"mac\" : \"" + MAC + "\"").contains("\"registration\" : \"pending\"");
        }
    }
}
