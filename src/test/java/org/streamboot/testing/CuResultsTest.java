package org.streamboot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The iscsi-test-cu output reader, on output captured from libiscsi-bin 1.19.0. */
class CuResultsTest {

    static final String OUTPUT = """
            Suite: GetLBAStatus
              Test: Simple ...passed
              Test: BeyondEol ...    [FAILED] GET_LBA_STATUS successful but should have failed with ILLEGAL_REQUEST(0x05)/LBA_OUT_OF_RANGE(0x2100)
            FAILED
                1. test_get_lba_status_beyond_eol.c:38  - CU_ASSERT_EQUAL(_r,0)
              Test: UnmapSingle ...    [SKIPPED] Logical unit is fully provisioned. Skipping test
            passed
            Suite: Unmap
              Test: VPD ...    [SKIPPED] UNMAP is not implemented.
            passed
            Suite: ReadCapacity10
              Test: Simple ...passed    [SKIPPED] PERSISTENT RESERVE IN is not implemented.

            Run Summary:    Type  Total    Ran Passed Failed Inactive
                          suites      2      2    n/a      0        0
            """;

    @Test
    void readsPassesFailuresAndSkips() {
        CuResults r = CuResults.parse(OUTPUT);
        assertThat(r.tests()).containsEntry("GetLBAStatus.Simple", CuResults.Outcome.PASSED)
                .containsEntry("GetLBAStatus.BeyondEol", CuResults.Outcome.FAILED)
                .containsEntry("GetLBAStatus.UnmapSingle", CuResults.Outcome.SKIPPED)
                .containsEntry("Unmap.VPD", CuResults.Outcome.SKIPPED)
                .containsEntry("ReadCapacity10.Simple", CuResults.Outcome.PASSED)
                .hasSize(5);
        assertThat(r.count(CuResults.Outcome.FAILED)).isEqualTo(1);
    }
}
