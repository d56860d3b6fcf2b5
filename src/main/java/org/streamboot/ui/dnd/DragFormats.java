package org.streamboot.ui.dnd;

import java.util.Arrays;
import java.util.List;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;

/** What the console's own drags carry: a vDisk name, client names, or one chip (client and vDisk). */
public final class DragFormats {

    public static final DataFormat VDISK = new DataFormat("application/x-streamboot-vdisk");
    public static final DataFormat CLIENTS = new DataFormat("application/x-streamboot-clients");
    public static final DataFormat CHIP = new DataFormat("application/x-streamboot-chip");

    private DragFormats() {
    }

    public static ClipboardContent vdisk(String name) {
        ClipboardContent c = new ClipboardContent();
        c.put(VDISK, name);
        c.putString(name);
        return c;
    }

    public static ClipboardContent clients(List<String> names) {
        ClipboardContent c = new ClipboardContent();
        c.put(CLIENTS, String.join("\n", names));
        c.putString(String.join(", ", names));
        return c;
    }

    public static ClipboardContent chip(String client, String vdisk) {
        ClipboardContent c = new ClipboardContent();
        c.put(CHIP, client + "\n" + vdisk);
        c.putString(vdisk);
        return c;
    }

    public static List<String> clientsOf(Dragboard board) {
        return Arrays.asList(((String) board.getContent(CLIENTS)).split("\n"));
    }

    /** {client, vdisk}. */
    public static String[] chipOf(Dragboard board) {
        return ((String) board.getContent(CHIP)).split("\n", 2);
    }
}
