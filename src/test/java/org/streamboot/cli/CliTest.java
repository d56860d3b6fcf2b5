package org.streamboot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.streamboot.server.db.Database;
import org.streamboot.server.db.VdiskRepository;
import org.streamboot.server.model.VdiskMode;

/** The admin subcommands as a script would use them: exit codes, tables, JSON, errors. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        AdminRun r = AdminRun.of(dir, args);
        return new Run(r.code(), r.out(), r.err());
    }

    void vdisk(String name) {
        try (Database db = Database.open(dir)) {
            db.transaction(c -> new VdiskRepository().insert(c, name, VdiskMode.STANDARD, 8L << 30, false, 0));
        }
    }

    @Test
    void clientsRoundTripThroughTheDatabaseAsATable() {
        assertThat(run("group", "add", "lab1").code()).isZero();
        Run added = run("client", "add", "--mac", "52:54:00:AA:BB:17", "--name", "pc17", "--group", "lab1");
        assertThat(added.code()).isZero();
        assertThat(added.out()).contains("pc17").contains("52:54:00:aa:bb:17");

        Run list = run("client", "list");
        assertThat(list.code()).isZero();
        String[] lines = list.out().split("\n");
        assertThat(lines[0]).startsWith("NAME").contains("MAC", "GROUP", "VDISKS");
        assertThat(lines[1]).startsWith("pc17").contains("lab1", "approved", "never");
        assertThat(lines).hasSize(2);
    }

    @Test
    void jsonIsMachineReadable() throws Exception {
        run("client", "add", "--mac", "525400aabb01");
        vdisk("win11");
        assertThat(run("assign", "--client", "pc-01", "--vdisk", "win11").code()).isZero();
        JsonNode clients = new ObjectMapper().readTree(run("client", "list", "--json").out());
        assertThat(clients.isArray()).isTrue();
        assertThat(clients.get(0).get("name").asText()).isEqualTo("pc-01");
        assertThat(clients.get(0).get("mac").asText()).isEqualTo("52:54:00:aa:bb:01");
        assertThat(clients.get(0).get("defaultVdisk").asText()).isEqualTo("win11");
        JsonNode vdisks = new ObjectMapper().readTree(run("vdisk", "list", "--json").out());
        assertThat(vdisks.get(0).get("assignedTo").get(0).asText()).isEqualTo("client pc-01");
        assertThat(vdisks.get(0).get("sizeBytes").asLong()).isEqualTo(8L << 30);
        assertThat(vdisks.get(0).has("allocatedBytes")).isTrue();
        assertThat(vdisks.get(0).get("writeCacheBytes").asLong()).isZero();
    }

    @Test
    void vdiskListTellsTheSpaceTakenApartFromTheSize() throws Exception {
        assertThat(run("vdisk", "create", "blank", "--size", "256M").code()).isZero();
        Run table = run("vdisk", "list");
        assertThat(table.out().lines().findFirst().orElseThrow()).contains("SIZE", "ON DISK", "WRITE CACHES");
        assertThat(table.out()).contains("256.0 MiB");
        JsonNode blank = new ObjectMapper().readTree(run("vdisk", "list", "--json").out()).get(0);
        assertThat(blank.get("sizeBytes").asLong()).isEqualTo(256L << 20);
        assertThat(blank.get("allocatedBytes").asLong()).as("a new vDisk is sparse").isLessThan(16L << 20);
    }

    @Test
    void assignToAGroupAndUnassign() {
        run("group", "add", "lab1");
        vdisk("win11");
        vdisk("linux");
        assertThat(run("assign", "--group", "lab1", "--vdisk", "win11").out()).contains("group lab1", "win11", "yes");
        assertThat(run("assign", "--group", "lab1", "--vdisk", "linux", "--default").code()).isZero();
        assertThat(run("group", "list").out()).contains("win11, linux").containsPattern("lab1 .* linux\\s*$");
        assertThat(run("unassign", "--group", "lab1", "--vdisk", "linux").code()).isZero();
        assertThat(run("group", "list", "--json").out()).contains("\"defaultVdisk\" : \"win11\"");
    }

    @Test
    void badInputExitsWithTwoAndAPlainMessageAndChangesNothing() throws Exception {
        run("client", "add", "--mac", "52:54:00:aa:bb:01", "--name", "pc1");
        Path db = dir.resolve(Database.FILE_NAME);
        String before = run("client", "list", "--json").out();

        Run malformed = run("client", "add", "--mac", "52:54:00:aa:bb");
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("'52:54:00:aa:bb' is not a MAC address");
        assertThat(malformed.out()).isEmpty();

        Run duplicateName = run("client", "add", "--mac", "52:54:00:aa:bb:02", "--name", "pc1");
        assertThat(duplicateName.code()).isEqualTo(2);
        assertThat(duplicateName.err()).contains("a client named 'pc1' already exists");

        Run unknownGroup = run("client", "add", "--mac", "52:54:00:aa:bb:02", "--group", "nowhere");
        assertThat(unknownGroup.code()).isEqualTo(2);
        assertThat(unknownGroup.err()).contains("there is no group named 'nowhere'");

        Run unknownVdisk = run("assign", "--client", "pc1", "--vdisk", "nothing");
        assertThat(unknownVdisk.code()).isEqualTo(2);
        assertThat(unknownVdisk.err()).contains("there is no vDisk named 'nothing'");

        Run unknownClient = run("unassign", "--client", "pc9", "--vdisk", "nothing");
        assertThat(unknownClient.code()).isEqualTo(2);
        assertThat(unknownClient.err()).contains("there is no client named 'pc9'");

        Run both = run("assign", "--client", "pc1", "--group", "g", "--vdisk", "v");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");

        Run missingMac = run("client", "add");
        assertThat(missingMac.code()).isEqualTo(2);
        assertThat(missingMac.err()).contains("Missing required option: '--mac=MAC'");

        Run badMode = run("serve", "--dhcp", "sometimes");
        assertThat(badMode.code()).isEqualTo(2);
        assertThat(badMode.err()).contains("Invalid value for option '--dhcp'");

        assertThat(run("client", "list", "--json").out()).isEqualTo(before);
        assertThat(Files.exists(db)).isTrue();
    }

    @Test
    void vdisksAreCreatedImportedListedAndDeleted() throws Exception {
        Path image = dir.resolveSibling(dir.getFileName() + "-disk.img");
        Files.write(image, new byte[3 << 20]);
        try {
            Run created = run("vdisk", "create", "win11", "--size", "20G");
            assertThat(created.code()).as(created.err()).isZero();
            assertThat(created.out()).contains("win11", "standard", "20.0 GiB");

            Run imported = run("vdisk", "import", image.toString(), "--name", "tools", "--mode", "private");
            assertThat(imported.code()).as(imported.err()).isZero();
            assertThat(imported.err()).contains("Importing tools: 100%");
            assertThat(run("vdisk", "list").out()).contains("tools", "private", "3.0 MiB");

            Run badSize = run("vdisk", "create", "x", "--size", "lots");
            assertThat(badSize.code()).isEqualTo(2);
            assertThat(badSize.err()).contains("'lots' is not a size");
            Run duplicate = run("vdisk", "import", image.toString(), "--name", "WIN11");
            assertThat(duplicate.code()).isEqualTo(2);
            assertThat(duplicate.err()).contains("already exists");

            run("client", "add", "--mac", "52:54:00:00:00:01", "--name", "pc1");
            run("assign", "--client", "pc1", "--vdisk", "win11");
            Run refused = run("vdisk", "delete", "win11");
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err()).contains("still assigned");
            run("unassign", "--client", "pc1", "--vdisk", "win11");
            assertThat(run("vdisk", "delete", "win11").code()).isZero();
            assertThat(run("vdisk", "list").out()).doesNotContain("win11");
        } finally {
            Files.deleteIfExists(image);
        }
    }

    @Test
    void settingsAreCheckedStoredAndReset() throws Exception {
        assertThat(run("settings", "list").out()).contains("registration.policy", "auto", "boot.uefi-binary", "ipxe_efi");
        assertThat(run("settings", "set", "registration.policy", "Approval").code()).isZero();
        JsonNode values = new ObjectMapper().readTree(run("settings", "list", "--json").out());
        assertThat(values.get("registration.policy").asText()).isEqualTo("approve");
        assertThat(run("settings", "set", "registration.policy", "known_only").code()).as("the old spelling").isZero();
        assertThat(new ObjectMapper().readTree(run("settings", "list", "--json").out()).get("registration.policy").asText())
                .isEqualTo("ignore");
        assertThat(run("settings", "set", "registration.name-pattern", "lab-{nnn}").code()).isZero();
        assertThat(run("settings", "set", "registration.name-pattern", "lab_{nn}").err())
                .contains("registration.name-pattern: 'lab_{nn}' has '_' at position 4");

        Run badValue = run("settings", "set", "registration.policy", "sometimes");
        assertThat(badValue.code()).isEqualTo(2);
        assertThat(badValue.err()).contains("registration.policy: 'sometimes' is not one of auto, approve, ignore");
        Run badKey = run("settings", "set", "colour", "blue");
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains("there is no setting 'colour'");

        assertThat(run("settings", "reset", "registration.policy").code()).isZero();
        assertThat(new ObjectMapper().readTree(run("settings", "list", "--json").out()).get("registration.policy").asText())
                .isEqualTo("auto");
    }

    @Test
    void fullDhcpNeedsItsRangeFirstAndKeepsIt() throws Exception {
        Run noRange = run("settings", "set", "dhcp.mode", "full");
        assertThat(noRange.code()).isEqualTo(2);
        assertThat(noRange.err()).contains("full DHCP needs an address range", "set dhcp.range first");
        assertThat(run("settings", "set", "dhcp.range", "10.0.0.100-10.0.0.199").code()).isZero();
        assertThat(run("settings", "set", "dhcp.mode", "full").code()).isZero();
        Run dropRange = run("settings", "reset", "dhcp.range");
        assertThat(dropRange.code()).as("the range full mode runs on cannot go").isEqualTo(2);
        JsonNode values = new ObjectMapper().readTree(run("settings", "list", "--json").out());
        assertThat(values.get("dhcp.mode").asText()).isEqualTo("full");
        assertThat(values.get("dhcp.range").asText()).isEqualTo("10.0.0.100-10.0.0.199");
        assertThat(run("settings", "set", "dhcp.mode", "proxy").code()).isZero();
        assertThat(run("settings", "reset", "dhcp.range").code()).isZero();
    }
}
