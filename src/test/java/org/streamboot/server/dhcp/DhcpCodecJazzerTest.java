package org.streamboot.server.dhcp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the DHCP decoder with Jazzer. Without {@code JAZZER_FUZZ=1} this
 * runs the seed inputs in {@code DhcpCodecJazzerTestInputs/} (captured PXE and iPXE
 * DISCOVERs) as a regression test; with it, Jazzer mutates them for up to 20 s.
 */
class DhcpCodecJazzerTest {

    @FuzzTest(maxDuration = "20s")
    void decodeOnlyEverThrowsMalformedPacket(byte[] input) {
        try {
            DhcpPacket packet = DhcpCodec.decode(input);
            // What was decoded must encode again: a reply is built from such packets.
            DhcpCodec.encode(packet);
        } catch (MalformedPacketException expected) {
            // the decoder's own refusal; anything else escapes and fails the run
        }
    }
}
