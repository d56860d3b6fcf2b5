package org.streamboot.server.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePatternTest {

    static final MacAddress MAC = MacAddress.parse("52:54:00:AB:CD:EF");

    @ParameterizedTest
    @CsvSource({
            "pc-{nn}, 7, pc-07",
            "pc-{nn}, 123, pc-123",
            "lab-{nnn}, 7, lab-007",
            "{n}x, 42, 42x",
            "lab-{mac6}, 1, lab-abcdef",
            "{mac}, 1, 525400abcdef",
            "r2-{mac6}-{nn}, 3, r2-abcdef-03"})
    void placeholdersExpand(String pattern, int number, String expected) {
        assertThat(NamePattern.parse(pattern).expand(number, MAC)).isEqualTo(expected);
    }

    @Test
    void onlyNumberedPatternsSayTheyAre() {
        assertThat(NamePattern.parse("pc-{nn}").numbered()).isTrue();
        assertThat(NamePattern.parse("pc-{mac6}").numbered()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| must not be empty",
            "pc| names every PC the same",
            "pc_{nn}| has '_' at position 3",
            "pc-{n| has '{' at position 4",
            "pc-{ip}| has '{' at position 4",
            "pc-{NN}| has '{' at position 4",
            "-pc{nn}| can make the name '-pc01'",
            "pc-{nn}-| can make the name 'pc-01-'",
            "{mac}-{mac}-{mac}-{mac}-{mac}| can make the name"})
    void patternsThatCouldMakeABadNameAreRefused(String pattern, String message) {
        assertThatThrownBy(() -> NamePattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theLongestAcceptedPatternStillFitsAHostLabel() {
        // 50 literal characters + up to 6 digits + 6 hex digits + '-' = 63.
        NamePattern p = NamePattern.parse("a".repeat(50) + "{mac6}-{nn}");
        assertThat(Names.clientName(p.expand(NamePattern.MAX_NUMBER, MAC))).hasSize(63);
        assertThatThrownBy(() -> NamePattern.parse("a".repeat(51) + "{mac6}-{nn}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.expand(0, MAC)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded mutations of good patterns: each is either refused plainly or only ever makes valid names. */
    @Test
    void mutatedPatternsAreRefusedOrMakeValidNames() {
        Random random = new Random(20261107);
        String[] seeds = {"pc-{nn}", "lab-{nnn}-{mac6}", "{mac}", "r{n}"};
        String alphabet = "{}nmac6-_.aZ9 é\u0000";
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder s = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int m = random.nextInt(4); m >= 0; m--) {
                int at = s.isEmpty() ? 0 : random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (!s.isEmpty()) s.deleteCharAt(at); }
                    default -> { if (!s.isEmpty()) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                }
            }
            NamePattern p;
            try {
                p = NamePattern.parse(s.toString());
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                continue;
            }
            accepted++;
            for (int n : new int[] {1, 9, 10, 99, 100, NamePattern.MAX_NUMBER}) {
                Names.clientName(p.expand(n, MacAddress.parse("02:00:00:00:00:01")));
                Names.clientName(p.expand(n, MAC));
            }
        }
        assertThat(accepted).as("some mutants stay valid").isGreaterThan(100);
    }
}
