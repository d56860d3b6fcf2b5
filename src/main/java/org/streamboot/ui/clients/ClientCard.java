package org.streamboot.ui.clients;

import java.util.List;
import org.streamboot.server.model.BootStage;

/**
 * One client as a card shows it, every field already in words.
 *
 * @param failure     the one-line reason when {@code stage} is FAILED, else empty
 * @param vdisks      chips in menu order; {@link Chip#own} is false for those the group provides
 * @param streamed    share of the boot set read (0..1), or -1 when no disk is attached
 * @param throughput  "↓ 12 MB/s  ↑ 0.5 MB/s", or empty while nothing was measured
 */
public record ClientCard(String name, String mac, String iqn, String ip, String group, String firmware,
                         BootStage stage, String stageText, String failure, boolean pending, List<Chip> vdisks,
                         double streamed, String throughput) {

    public ClientCard {
        vdisks = List.copyOf(vdisks);
    }

    /** An assigned vDisk on a card: its own assignment, or one it gets through its group. */
    public record Chip(String vdisk, boolean own, boolean isDefault) {
    }
}
