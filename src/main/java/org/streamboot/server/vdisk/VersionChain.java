package org.streamboot.server.vdisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.streamboot.server.block.BlockDevice;
import org.streamboot.server.block.CowOverlay;
import org.streamboot.server.block.RawImage;
import org.streamboot.server.model.VdiskVersion;

/**
 * One vDisk version as a read-only device: the raw base image at the bottom, then each delta
 * (a {@link CowOverlay} directory) up to the version asked for. Every layer is opened by this
 * chain alone and closed with it, so two chains never share a layer object and closing one
 * cannot pull a layer from under another client. Nothing here ever writes: the deltas of
 * ACTIVE versions are frozen, and the chain refuses writes like a raw base does.
 */
final class VersionChain extends WriteRefusingDevice {

    private final List<BlockDevice> layers; // bottom first

    private VersionChain(List<BlockDevice> layers) {
        super(layers.getLast(), "a published vDisk version is never written");
        this.layers = layers;
    }

    /** The versions that make up {@code number}, base first, following parent numbers. */
    static List<VdiskVersion> lineage(List<VdiskVersion> all, int number) throws IOException {
        Map<Integer, VdiskVersion> byNumber = all.stream().collect(Collectors.toMap(VdiskVersion::number,
                Function.identity()));
        Deque<VdiskVersion> chain = new ArrayDeque<>();
        int at = number;
        while (at != 0) {
            VdiskVersion v = byNumber.get(at);
            if (v == null) {
                throw new IOException("version " + at + " is missing from the database");
            }
            if (chain.size() > all.size()) {
                throw new IOException("the parents of version " + number + " form a loop");
            }
            chain.addFirst(v);
            at = v.parentNumber();
        }
        return new ArrayList<>(chain);
    }

    static VersionChain open(VdiskLayout layout, List<VdiskVersion> all, int number) throws IOException {
        List<VdiskVersion> lineage = lineage(all, number);
        List<BlockDevice> layers = new ArrayList<>();
        try {
            for (VdiskVersion v : lineage) {
                Path file = layout.resolve(v.file());
                if (layers.isEmpty()) {
                    layers.add(RawImage.open(file));
                } else {
                    // An existing delta only: CowOverlay.open would quietly create an empty one.
                    if (!Files.isRegularFile(file.resolve(CowOverlay.MAP_FILE))) {
                        throw new IOException("the delta of version " + v.number() + " is missing (" + file + ")");
                    }
                    layers.add(CowOverlay.open(file, layers.getLast(), Long.MAX_VALUE));
                }
            }
            return new VersionChain(layers);
        } catch (IOException | RuntimeException e) {
            closeAll(layers);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        closeAll(layers);
    }

    private static void closeAll(List<BlockDevice> layers) throws IOException {
        IOException first = null;
        for (int i = layers.size() - 1; i >= 0; i--) {
            try {
                layers.get(i).close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
