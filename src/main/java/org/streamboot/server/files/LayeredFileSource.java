package org.streamboot.server.files;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Several sources seen as one: the first that has the file wins, so a file the admin drops
 * into the data directory overrides the one shipped by the system's iPXE package.
 * A name that one layer refuses as an access violation is refused outright and never tried
 * on the next layer: a bad name is bad everywhere.
 */
public final class LayeredFileSource implements FileSource {

    private final List<FileSource> layers;

    public LayeredFileSource(List<FileSource> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a layered file source needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    @Override
    public ReadableFile open(String name) throws FileRefusal {
        FileRefusal unreadable = null;
        for (FileSource layer : layers) {
            try {
                return layer.open(name);
            } catch (FileRefusal refusal) {
                switch (refusal.kind()) {
                    case NOT_FOUND -> { }
                    case ACCESS_VIOLATION -> throw refusal;
                    case UNREADABLE -> unreadable = unreadable == null ? refusal : unreadable;
                }
            }
        }
        if (unreadable != null) {
            throw unreadable;
        }
        throw new FileRefusal(FileRefusal.Kind.NOT_FOUND, "no file named '" + name + "' in " + describe());
    }

    @Override
    public String describe() {
        return layers.stream().map(FileSource::describe).collect(Collectors.joining(", "));
    }
}
