package org.streamboot.server.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TftpOptionsTest {

    private static Map<String, String> ask(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void noOptionsMeansRfc1350Defaults() throws Exception {
        TftpOptions o = TftpOptions.negotiate(Map.of(), 1000, TftpSettings.DEFAULTS);
        assertThat(o.blockSize()).isEqualTo(512);
        assertThat(o.windowSize()).isEqualTo(1);
        assertThat(o.oack()).isEmpty();
    }

    @Test
    void acceptsOptionsInTheClientsOrderAndAnswersTsizeWithTheFileSize() throws Exception {
        TftpOptions o = TftpOptions.negotiate(ask("tsize", "0", "blksize", "1428", "timeout", "3", "windowsize", "8"),
                123456, TftpSettings.DEFAULTS);
        assertThat(o.oack()).containsExactly(Map.entry("tsize", "123456"), Map.entry("blksize", "1428"),
                Map.entry("timeout", "3"), Map.entry("windowsize", "8"));
        assertThat(o.blockSize()).isEqualTo(1428);
        assertThat(o.windowSize()).isEqualTo(8);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void tsizeIsDeclinedForAnEmptyFile() throws Exception {
        TftpOptions o = TftpOptions.negotiate(ask("tsize", "0", "blksize", "1428"), 0, TftpSettings.DEFAULTS);
        assertThat(o.oack()).containsExactly(Map.entry("blksize", "1428"));
        assertThat(TftpOptions.negotiate(ask("tsize", "0"), 0, TftpSettings.DEFAULTS).oack()).isEmpty();
    }

    @Test
    void unknownOptionsAreLeftOutOfTheOack() throws Exception {
        // RFC 2347 section 3: an option the server does not acknowledge is declined.
        TftpOptions o = TftpOptions.negotiate(ask("multicast", "", "blksize", "1024"), 10, TftpSettings.DEFAULTS);
        assertThat(o.oack()).containsExactly(Map.entry("blksize", "1024"));
    }

    @Test
    void clampsBlockAndWindowSizesToTheServersLimits() throws Exception {
        TftpSettings limits = new TftpSettings(1468, 16, 8 * 1468, Duration.ofSeconds(1), 3, 10, 0);
        TftpOptions big = TftpOptions.negotiate(ask("blksize", "65464", "windowsize", "65535"), 10, limits);
        assertThat(big.oack()).containsEntry("blksize", "1468");
        // 16 allowed, but only 8 blocks of 1468 fit the 8 x 1468 byte cap.
        assertThat(big.oack()).containsEntry("windowsize", "8");
        assertThat(big.windowSize()).isEqualTo(8);
    }

    @Test
    void refusesValuesOutsideTheRfcRanges() {
        assertRefused(ask("blksize", "7"), "blksize 7 is outside 8-65464");
        assertRefused(ask("blksize", "65465"), "outside");
        assertRefused(ask("blksize", "big"), "not a number");
        assertRefused(ask("timeout", "0"), "timeout 0 is outside 1-255");
        assertRefused(ask("timeout", "256"), "outside");
        assertRefused(ask("windowsize", "0"), "outside");
        assertRefused(ask("windowsize", "65536"), "outside");
        assertRefused(ask("tsize", "-1"), "not a number");
        assertRefused(ask("blksize", "99999999999999999999999"), "not a number");
    }

    private static void assertRefused(Map<String, String> asked, String message) {
        assertThatThrownBy(() -> TftpOptions.negotiate(asked, 1, TftpSettings.DEFAULTS))
                .isInstanceOf(TftpOptions.Refused.class).hasMessageContaining(message);
    }
}
