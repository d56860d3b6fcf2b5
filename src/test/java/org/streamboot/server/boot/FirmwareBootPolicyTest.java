package org.streamboot.server.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.streamboot.server.model.Firmware;
import org.streamboot.server.model.MacAddress;

class FirmwareBootPolicyTest {

    private static final MacAddress MAC = MacAddress.parse("52:54:00:12:34:56");
    private final FirmwareBootPolicy policy = new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.IPXE_EFI);

    @Test
    void biosPxeGetsUndionly() {
        BootSpec spec = policy.bootSpec(hello(OptionalInt.of(0), "PXEClient:Arch:00000:UNDI:002001", "", false)).orElseThrow();
        assertThat(spec.bootFile()).isEqualTo("undionly.kpxe");
        assertThat(spec.server()).isEqualTo(server());
        assertThat(spec.firmware()).isEqualTo(Firmware.BIOS);
        assertThat(spec.ipxe()).isFalse();
    }

    @Test
    void uefiX64GetsTheConfiguredEfiBinary() {
        ClientHello arch7 = hello(OptionalInt.of(7), "PXEClient:Arch:00007:UNDI:003000", "", false);
        ClientHello arch9 = hello(OptionalInt.of(9), "PXEClient:Arch:00009:UNDI:003016", "", false);
        assertThat(policy.bootSpec(arch7).orElseThrow().bootFile()).isEqualTo("ipxe.efi");
        assertThat(policy.bootSpec(arch9).orElseThrow().bootFile()).isEqualTo("ipxe.efi");
        FirmwareBootPolicy snp = new FirmwareBootPolicy(8080, FirmwareBootPolicy.UefiBinary.SNPONLY_EFI);
        assertThat(snp.bootSpec(arch7).orElseThrow().bootFile()).isEqualTo("snponly.efi");
    }

    @Test
    void uefiHttpBootGetsAnAbsoluteUrl() {
        BootSpec spec = policy.bootSpec(hello(OptionalInt.of(16), "HTTPClient:Arch:00016:UNDI:003001", "", false)).orElseThrow();
        assertThat(spec.bootFile()).isEqualTo("http://10.213.0.1:8080/ipxe.efi");
        assertThat(spec.httpBoot()).isTrue();
        assertThat(spec.isUrl()).isTrue();
    }

    @Test
    void ipxeGetsItsScriptNeverTheBinaryAgain() {
        BootSpec byUserClass = policy.bootSpec(hello(OptionalInt.of(0), "PXEClient:Arch:00000:UNDI:002001", "iPXE", false)).orElseThrow();
        BootSpec byOption175 = policy.bootSpec(hello(OptionalInt.of(7), "PXEClient:Arch:00007:UNDI:003000", "", true)).orElseThrow();
        for (BootSpec spec : new BootSpec[] {byUserClass, byOption175}) {
            assertThat(spec.bootFile()).isEqualTo("http://10.213.0.1:8080/boot/52:54:00:12:34:56.ipxe");
            assertThat(spec.ipxe()).isTrue();
        }
    }

    @Test
    void port80IsLeftOutOfUrls() {
        FirmwareBootPolicy p80 = new FirmwareBootPolicy(80, FirmwareBootPolicy.UefiBinary.IPXE_EFI);
        assertThat(p80.bootSpec(hello(OptionalInt.empty(), "", "iPXE", false)).orElseThrow().bootFile())
                .isEqualTo("http://10.213.0.1/boot/52:54:00:12:34:56.ipxe");
    }

    @Test
    void nonPxeClientsGetNothing() {
        assertThat(policy.bootSpec(hello(OptionalInt.empty(), "MSFT 5.0", "", false))).isEmpty();
        assertThat(policy.bootSpec(hello(OptionalInt.empty(), "", "", false))).isEmpty();
        assertThat(policy.bootSpec(hello(OptionalInt.of(11), "PXEClient:Arch:00011:UNDI:003000", "", false))).isEmpty();
    }

    @Test
    void architectureIsReadFromVendorClassWhenOption93IsMissing() {
        assertThat(FirmwareDetector.detect(hello(OptionalInt.empty(), "PXEClient:Arch:00007:UNDI:003016", "", false)))
                .isEqualTo(Firmware.UEFI);
        assertThat(FirmwareDetector.detect(hello(OptionalInt.empty(), "PXEClient:Arch:00000:UNDI:002001", "", false)))
                .isEqualTo(Firmware.BIOS);
        assertThat(FirmwareDetector.detect(hello(OptionalInt.empty(), "PXEClient:Arch:0x", "", false)))
                .isEqualTo(Firmware.UNKNOWN);
        assertThat(FirmwareDetector.detect(hello(OptionalInt.empty(), "PXEClient", "", false)))
                .isEqualTo(Firmware.UNKNOWN);
    }

    static Inet4Address server() {
        try {
            return (Inet4Address) InetAddress.getByName("10.213.0.1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static ClientHello hello(OptionalInt arch, String vendor, String user, boolean opt175) {
        return new ClientHello(MAC, arch, vendor, user, Optional.empty(), Optional.empty(), opt175,
                Optional.empty(), Optional.empty(), server());
    }
}
