package org.streamboot.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.streamboot.server.files.FileRefusal;
import org.streamboot.server.files.ReadableFile;
import org.streamboot.server.http.HttpFileListener.Download;

/**
 * Serves boot files ({@code GET}/{@code HEAD /files/NAME} and the top-level names UEFI HTTP
 * boot is sent to) from the same jailed {@link org.streamboot.server.files.FileSource} as TFTP,
 * and tells the live console what went out.
 */
final class FileRequestHandler extends RangeRequestHandler {

    static final int CHUNK = 128 * 1024;

    private final StaticFiles files;
    private final HttpFileListener listener;

    FileRequestHandler(StaticFiles files, Executor fileIo) {
        super(fileIo, CHUNK);
        this.files = files;
        this.listener = new GuardedFileListener(files.listener());
    }

    @Override
    String nameAt(String path) {
        return files.fileNameOf(path);
    }

    @Override
    String what() {
        return "file";
    }

    @Override
    RangeSource open(Ask ask) throws Refusal {
        ReadableFile file;
        try {
            file = files.source().open(ask.name());
        } catch (FileRefusal refusal) {
            throw new Refusal(statusOf(refusal.kind()), refusal.getMessage());
        }
        return new RangeSource() {
            @Override
            public long size() {
                return file.size();
            }

            @Override
            public void readFully(long offset, ByteBuffer into) throws IOException {
                int wanted = into.remaining();
                if (file.read(offset, into) != wanted) {
                    throw new IOException("the file ended early (changed while being sent?)");
                }
            }

            @Override
            public Optional<FileChannel> fileChannel() {
                return file.fileChannel();
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    /** RFC 9110 15.5.4/15.5.5: a name that tries to leave the jail is forbidden, a missing one not found. */
    private static HttpResponseStatus statusOf(FileRefusal.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case ACCESS_VIOLATION, UNREADABLE -> HttpResponseStatus.FORBIDDEN;
        };
    }

    @Override
    void sent(Ask ask, Delivery d) {
        listener.sent(download(ask, d));
    }

    @Override
    void cutShort(Ask ask, Delivery d, String why) {
        listener.failed(download(ask, d), why);
    }

    @Override
    void refused(Ask ask, HttpResponseStatus status, String why) {
        listener.refused(ask.client(), ask.name(), status.code(), why);
    }

    private static Download download(Ask ask, Delivery d) {
        return new Download(ask.client(), ask.name(), d.first(), d.length(), d.size(), d.head());
    }
}
