package org.streamboot.ui.dnd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.streamboot.server.admin.Views.ClientView;
import org.streamboot.server.admin.Views.GroupView;
import org.streamboot.server.admin.Views.VdiskView;

/**
 * What may be dropped where; plain Java, no toolkit. These checks run while the pointer moves,
 * from the last snapshot, so a drop target can refuse at once with a reason. They mirror the
 * rules {@code AdminService} enforces, which still has the last word when the drop lands.
 */
public final class DropRules {

    /** Image files the store imports (raw, qcow2, VMDK, VHD/VHDX, VDI). */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("img", "raw", "qcow2", "vmdk", "vhd", "vhdx", "vdi");

    private DropRules() {
    }

    /** A vDisk onto one or several client cards. */
    public static Verdict vdiskOntoClients(VdiskView vdisk, List<ClientView> clients) {
        if (clients.isEmpty()) {
            return Verdict.refuse("no client selected");
        }
        if (isPrivate(vdisk)) {
            if (clients.size() > 1) {
                return Verdict.refuse("'" + vdisk.name() + "' is in private mode: it belongs to one client, not "
                        + clients.size());
            }
            String owner = "client " + clients.getFirst().name();
            if (!vdisk.assignedTo().isEmpty() && !vdisk.assignedTo().equals(List.of(owner))) {
                return Verdict.refuse("'" + vdisk.name() + "' is in private mode and already belongs to "
                        + vdisk.assignedTo().getFirst());
            }
        }
        boolean allHaveIt = clients.stream().allMatch(c -> vdisk.assignedTo().contains("client " + c.name()));
        if (allHaveIt) {
            return Verdict.refuse(clients.size() == 1 ? clients.getFirst().name() + " already has '" + vdisk.name() + "'"
                    : "every selected client already has '" + vdisk.name() + "'");
        }
        return Verdict.OK;
    }

    /** A vDisk onto a group: it becomes the group's default. */
    public static Verdict vdiskOntoGroup(VdiskView vdisk, GroupView group) {
        if (isPrivate(vdisk)) {
            return Verdict.refuse("'" + vdisk.name() + "' is in private mode: it belongs to one client, not a group");
        }
        if (vdisk.name().equals(group.defaultVdisk())) {
            return Verdict.refuse("'" + vdisk.name() + "' is already the default of " + group.name());
        }
        return Verdict.OK;
    }

    /** Client cards onto a group: they move there. */
    public static Verdict clientsOntoGroup(List<ClientView> clients, GroupView group) {
        if (clients.isEmpty()) {
            return Verdict.refuse("no client selected");
        }
        if (clients.stream().allMatch(c -> group.name().equals(c.group()))) {
            return Verdict.refuse(clients.size() == 1 ? clients.getFirst().name() + " is already in " + group.name()
                    : "the selected clients are already in " + group.name());
        }
        return Verdict.OK;
    }

    /** A file from the file manager onto the vDisk list: one disk image, with a name not taken yet. */
    public static Verdict imageFile(List<Path> files, List<VdiskView> existing) {
        if (files.size() != 1) {
            return Verdict.refuse("drop one disk image at a time");
        }
        Path file = files.getFirst();
        if (!IMAGE_EXTENSIONS.contains(extension(file))) {
            return Verdict.refuse(file.getFileName() + " is not a disk image (.img, .raw, .qcow2, .vmdk, .vhd, .vhdx, .vdi)");
        }
        if (!Files.isRegularFile(file)) {
            return Verdict.refuse(file.getFileName() + " is not a readable file");
        }
        String name = vdiskName(file);
        if (existing.stream().anyMatch(v -> v.name().equals(name))) {
            return Verdict.refuse("a vDisk named '" + name + "' already exists");
        }
        return Verdict.OK;
    }

    /** The vDisk name an image gets: its file name without the extension, made a valid name. */
    public static String vdiskName(Path file) {
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (cleaned.isEmpty()) {
            cleaned = "image";
        }
        return cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isPrivate(VdiskView vdisk) {
        return "private".equals(vdisk.mode());
    }
}
