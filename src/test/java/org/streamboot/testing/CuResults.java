package org.streamboot.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one run of libiscsi's {@code iscsi-test-cu}, read from its normal-mode text:
 * {@code Suite: X}, then per test {@code Test: Y ...} followed by "passed" or "FAILED";
 * a test that printed {@code [SKIPPED]} counts as skipped although CUnit calls it passed.
 */
public record CuResults(Map<String, Outcome> tests) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    private static final Pattern SUITE = Pattern.compile("^Suite: (\\S+)");
    private static final Pattern TEST = Pattern.compile("^\\s+Test: (\\S+) \\.\\.\\.(.*)$");

    public static CuResults parse(String output) {
        Map<String, Outcome> tests = new LinkedHashMap<>();
        String suite = "?";
        String test = null;
        boolean skipped = false;
        boolean failed = false;
        for (String line : output.split("\n")) {
            Matcher s = SUITE.matcher(line);
            if (s.find()) {
                suite = s.group(1);
                continue;
            }
            Matcher t = TEST.matcher(line);
            if (t.find()) {
                if (test != null) {
                    tests.put(test, outcome(failed, skipped));
                }
                test = suite + "." + t.group(1);
                skipped = t.group(2).contains("[SKIPPED]");
                failed = t.group(2).contains("[FAILED]") || t.group(2).strip().endsWith("FAILED");
                continue;
            }
            if (test != null) {
                skipped |= line.contains("[SKIPPED]");
                if (line.strip().equals("FAILED") || line.contains("[FAILED]")) {
                    failed = true;
                }
                if (line.startsWith("Run Summary:")) {
                    tests.put(test, outcome(failed, skipped));
                    test = null;
                }
            }
        }
        if (test != null) {
            tests.put(test, outcome(failed, skipped));
        }
        return new CuResults(tests);
    }

    private static Outcome outcome(boolean failed, boolean skipped) {
        return failed ? Outcome.FAILED : skipped ? Outcome.SKIPPED : Outcome.PASSED;
    }

    public List<String> with(Outcome outcome) {
        List<String> out = new ArrayList<>();
        tests.forEach((name, o) -> {
            if (o == outcome) {
                out.add(name);
            }
        });
        return out;
    }

    public long count(Outcome outcome) {
        return tests.values().stream().filter(o -> o == outcome).count();
    }
}
