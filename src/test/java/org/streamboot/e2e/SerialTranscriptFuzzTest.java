package org.streamboot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The serial transcript must not depend on how QEMU's output was cut into reads: any input,
 * fed whole or in random pieces, gives the same text, free of escapes and control characters.
 */
class SerialTranscriptFuzzTest {

    private static final String[] PIECES = {"iPXE ", "ok", "\r\n", "\r", "\n", "\u001b[2J", "\u001b[0;37;40m", "\u001b[?25l",
            "\u001b[24;1H", "\u001b(B", "\u001bc", "\u001b", "[", "1;3", "m", "\t", "\u0007", "SB 00000000 ", "\u00ff"};

    @Test
    void randomInputGivesTheSameCleanTextHoweverItIsSplit() {
        SplittableRandom random = new SplittableRandom(20261123L);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder input = new StringBuilder();
            int parts = random.nextInt(1, 40);
            for (int i = 0; i < parts; i++) {
                input.append(random.nextBoolean() ? PIECES[random.nextInt(PIECES.length)] : (char) random.nextInt(0, 256));
            }
            SerialTranscript whole = new SerialTranscript(System.nanoTime());
            whole.append(input.toString());
            SerialTranscript pieces = new SerialTranscript(System.nanoTime());
            for (int at = 0; at < input.length(); ) {
                int next = Math.min(input.length(), at + random.nextInt(1, 8));
                pieces.append(input.substring(at, next));
                at = next;
            }
            assertThat(pieces.text()).as("input %s", input.toString().replace("\u001b", "ESC")).isEqualTo(whole.text());
            assertThat(whole.text().chars().allMatch(c -> c == '\n' || c == '\t' || c >= ' ')).isTrue();
            assertThat(whole.text()).doesNotContain("\u001b");
        }
    }

    @Test
    void aMarkerIsFoundAcrossChunksAndEscapes() throws Exception {
        SerialTranscript t = new SerialTranscript(System.nanoTime());
        t.append("noise\u001b[1;3");
        t.append("7mSTREAMBOOT-LIN");
        t.append("UX-UP kernel 6.1\r");
        t.append("\nnext");
        SerialTranscript.Marker m = t.await(Pattern.compile("STREAMBOOT-LINUX-UP"), 0, Duration.ofSeconds(1), () -> true);
        assertThat(m.end()).isEqualTo("noiseSTREAMBOOT-LINUX-UP".length());
        assertThat(t.text()).isEqualTo("noiseSTREAMBOOT-LINUX-UP kernel 6.1\nnext");
    }
}
