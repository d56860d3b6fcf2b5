package org.streamboot.ui.sidebar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;

class SidebarViewModelTest {

    @Test
    void groupsCountTheirClientsInWords() {
        List<GroupRow> rows = SidebarViewModel.groups(List.of(
                new GroupView("lab-a", 3, List.of("win11", "ubuntu"), "win11"),
                new GroupView("lab-b", 1, List.of(), null),
                new GroupView("spare", 0, List.of(), null)));
        assertThat(rows).containsExactly(
                new GroupRow("lab-a", "3 clients", "win11, ubuntu"),
                new GroupRow("lab-b", "1 client", "no vDisk"),
                new GroupRow("spare", "no clients", "no vDisk"));
    }

    @Test
    void vdisksShowModeSizeAndWhoHasThem() {
        List<VdiskRow> rows = SidebarViewModel.vdisks(List.of(
                new VdiskView("win11", "standard", 64L << 30, true, 1, 1, List.of("group lab-a", "client pc-07")),
                new VdiskView("scratch", "private", 0, false, 0, 0, List.of())));
        assertThat(rows).containsExactly(
                new VdiskRow("win11", "standard", "64 GiB", "group lab-a, client pc-07"),
                new VdiskRow("scratch", "private", "0 B", "not assigned"));
    }

    @Test
    void sizesUseBinaryUnits() {
        assertThat(SidebarViewModel.size(512)).isEqualTo("512 B");
        assertThat(SidebarViewModel.size(1024)).isEqualTo("1 KiB");
        assertThat(SidebarViewModel.size(1536L << 30)).isEqualTo("1.5 TiB");
        assertThat(SidebarViewModel.size(40L << 30)).isEqualTo("40 GiB");
        assertThat(SidebarViewModel.size(Long.MAX_VALUE)).isEqualTo("8192 PiB");
        assertThatThrownBy(() -> SidebarViewModel.size(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
