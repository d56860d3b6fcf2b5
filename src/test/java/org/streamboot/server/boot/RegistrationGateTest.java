package org.streamboot.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.streamboot.server.model.MacAddress;

class RegistrationGateTest {

    static final MacAddress KNOWN = MacAddress.parse("52:54:00:00:00:01");
    static final MacAddress STRANGER = MacAddress.parse("52:54:00:00:00:02");

    final AtomicReference<RegistrationPolicy> policy = new AtomicReference<>(RegistrationPolicy.AUTO);
    final AtomicInteger lookups = new AtomicInteger();
    final RegistrationGate gate = new RegistrationGate(new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.IPXE_EFI),
            policy::get, mac -> {
                lookups.incrementAndGet();
                return Set.of(KNOWN).contains(mac);
            });

    static ClientHello hello(MacAddress mac, String vendorClass) throws Exception {
        // Option 93 as the firmware sends it: the architecture is also the vendor class's Arch field.
        OptionalInt arch = vendorClass.startsWith("PXEClient:Arch:")
                ? OptionalInt.of(Integer.parseInt(vendorClass.substring(15, 20))) : OptionalInt.empty();
        return new ClientHello(mac, arch, vendorClass, "", Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), (Inet4Address) InetAddress.getByName("10.0.0.1"));
    }

    @Test
    void underAutoAndApproveStrangersGetTheirBootFile() throws Exception {
        for (RegistrationPolicy p : new RegistrationPolicy[] {RegistrationPolicy.AUTO, RegistrationPolicy.APPROVE}) {
            policy.set(p);
            assertThat(gate.bootSpec(hello(STRANGER, "PXEClient:Arch:00000:UNDI:002001")))
                    .hasValueSatisfying(s -> assertThat(s.bootFile()).isEqualTo("undionly.kpxe"));
        }
        assertThat(lookups).as("no database look-up unless the policy is ignore").hasValue(0);
    }

    @Test
    void underIgnoreOnlyKnownPcsAreAnswered() throws Exception {
        policy.set(RegistrationPolicy.IGNORE);
        assertThat(gate.bootSpec(hello(STRANGER, "PXEClient:Arch:00000:UNDI:002001"))).isEmpty();
        assertThat(gate.bootSpec(hello(KNOWN, "PXEClient:Arch:00007:UNDI:003016")))
                .hasValueSatisfying(s -> assertThat(s.bootFile()).isEqualTo("ipxe.efi"));
    }

    @Test
    void nonBootTrafficCostsNoLookUp() throws Exception {
        policy.set(RegistrationPolicy.IGNORE);
        assertThat(gate.bootSpec(hello(STRANGER, "MSFT 5.0"))).isEmpty();
        assertThat(lookups).hasValue(0);
    }

    @Test
    void storedSettingsIncludingOldSpellingsAreRead() {
        assertThat(RegistrationPolicy.fromSetting(Optional.of("approval"))).isEqualTo(RegistrationPolicy.APPROVE);
        assertThat(RegistrationPolicy.fromSetting(Optional.of("known_only"))).isEqualTo(RegistrationPolicy.IGNORE);
        assertThat(RegistrationPolicy.fromSetting(Optional.of("Ignore"))).isEqualTo(RegistrationPolicy.IGNORE);
        assertThat(RegistrationPolicy.fromSetting(Optional.empty())).isEqualTo(RegistrationPolicy.AUTO);
        assertThat(RegistrationPolicy.fromSetting(Optional.of("nonsense"))).isEqualTo(RegistrationPolicy.AUTO);
    }
}
