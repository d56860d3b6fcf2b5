package org.streamboot.server.boot;

import java.net.InetSocketAddress;
import org.streamboot.server.http.HttpFileListener;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;

/**
 * Boot files fetched over HTTP as boot events: UEFI HTTP boot's iPXE download and the kernels
 * and initrds scripts load. Range requests (iPXE reads some files in pieces) are not each
 * worth an event; a whole file or a refusal is.
 */
public final class HttpFileEvents implements HttpFileListener {

    private final LiveHub live;
    private final ClientAddresses addresses;

    public HttpFileEvents(LiveHub live, ClientAddresses addresses) {
        this.live = live;
        this.addresses = addresses;
    }

    @Override
    public void sent(Download d) {
        if (d.whole()) {
            emit(d.client(), BootStage.FIRMWARE_DOWNLOAD, Severity.INFO, "downloaded " + d.file() + " by HTTP (" + d.size() + " bytes)");
        }
    }

    @Override
    public void failed(Download d, String reason) {
        emit(d.client(), BootStage.FAILED, Severity.ERROR, "HTTP download of " + d.file() + " failed: " + reason);
    }

    @Override
    public void refused(InetSocketAddress client, String file, int status, String reason) {
        emit(client, BootStage.FAILED, Severity.ERROR, "asked for " + file + " by HTTP and got " + status + ": " + reason);
    }

    private void emit(InetSocketAddress client, BootStage stage, Severity severity, String detail) {
        if (client == null) {
            return;
        }
        MacAddress mac = addresses.macOf(client.getAddress()).orElse(null);
        live.emit(mac, stage, severity, mac == null ? client.getAddress().getHostAddress() + " " + detail : detail);
    }
}
