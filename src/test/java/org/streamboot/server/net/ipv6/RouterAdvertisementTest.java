package org.streamboot.server.net.ipv6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4861 section 4.1/4.2 layouts, golden bytes, and a seeded mutation fuzz of the decoder. */
class RouterAdvertisementTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theMinimalAdvertisementIsType134AndFifteenZeroBytes() {
        assertThat(HEX.formatHex(RouterAdvertisement.minimal().encode())).isEqualTo("86000000000000000000000000000000");
    }

    @Test
    void fieldsLandWhereRfc4861PutsThem() throws Exception {
        var ra = new RouterAdvertisement(64, true, true, 1800, 30_000, 1_000);
        // type, code, checksum, hop limit 64, M|O, lifetime 1800, reachable 30000, retrans 1000
        assertThat(HEX.formatHex(ra.encode())).isEqualTo("86000000" + "40c00708" + "00007530" + "000003e8");
        assertThat(RouterAdvertisement.decode(ra.encode())).isEqualTo(ra);
    }

    @Test
    void decodeRefusesWhatIsNotAnAdvertisement() {
        assertThatThrownBy(() -> RouterAdvertisement.decode(new byte[15])).isInstanceOf(NdpFormatException.class);
        byte[] solicitation = HEX.parseHex("8500000000000000000000000000000000");
        assertThatThrownBy(() -> RouterAdvertisement.decode(solicitation)).isInstanceOf(NdpFormatException.class);
        byte[] badCode = RouterAdvertisement.minimal().encode();
        badCode[1] = 1;
        assertThatThrownBy(() -> RouterAdvertisement.decode(badCode)).isInstanceOf(NdpFormatException.class);
    }

    @Test
    void routerSolicitationsAreRecognisedWithWholeOptionsOnly() {
        assertThat(RouterAdvertisement.isRouterSolicitation(HEX.parseHex("8500abcd00000000"))).isTrue();
        // with a source link-layer address option (type 1, length 1 = 8 bytes), as iPXE and Linux send it
        assertThat(RouterAdvertisement.isRouterSolicitation(HEX.parseHex("8500abcd00000000" + "0101525400130001"))).isTrue();
        assertThat(RouterAdvertisement.isRouterSolicitation(HEX.parseHex("8500abcd000000"))).isFalse();
        assertThat(RouterAdvertisement.isRouterSolicitation(HEX.parseHex("8501abcd00000000"))).isFalse();
        assertThat(RouterAdvertisement.isRouterSolicitation(HEX.parseHex("8500abcd00000000" + "0100525400130001"))).isFalse();
        assertThat(RouterAdvertisement.isRouterSolicitation(HEX.parseHex("8500abcd00000000" + "0102525400130001"))).isFalse();
        assertThat(RouterAdvertisement.isRouterSolicitation(null)).isFalse();
    }

    @Test
    void mutatedInputsOnlyEverFailWithTheDecodersOwnException() {
        Random random = new Random(4861);
        byte[][] seeds = {RouterAdvertisement.minimal().encode(), new RouterAdvertisement(64, true, false, 9000, 1, 2).encode(),
                HEX.parseHex("8500abcd000000000101525400130001")};
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = mutate(seeds[random.nextInt(seeds.length)], random);
            RouterAdvertisement.isRouterSolicitation(input);
            try {
                RouterAdvertisement ra = RouterAdvertisement.decode(input);
                assertThat(RouterAdvertisement.decode(ra.encode())).isEqualTo(ra);
                decoded++;
            } catch (NdpFormatException expected) {
                // the decoder's own refusal: fine
            }
        }
        assertThat(decoded).as("some mutants are still advertisements").isPositive();
    }

    private static byte[] mutate(byte[] seed, Random random) {
        int length = Math.max(0, seed.length + random.nextInt(9) - 4);
        byte[] out = java.util.Arrays.copyOf(seed, length);
        for (int flips = random.nextInt(4); flips > 0 && length > 0; flips--) {
            out[random.nextInt(length)] = (byte) random.nextInt(256);
        }
        return out;
    }
}
