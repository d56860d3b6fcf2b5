package org.streamboot.server.boot;

import java.net.InetSocketAddress;
import org.streamboot.server.live.ClientAddresses;
import org.streamboot.server.live.LiveHub;
import org.streamboot.server.model.BootEvent.Severity;
import org.streamboot.server.model.BootStage;
import org.streamboot.server.model.MacAddress;
import org.streamboot.server.tftp.TftpTransferListener;

/** TFTP transfers as boot events: the firmware-download stage of each PC. */
public final class TftpBootEvents implements TftpTransferListener {

    private final LiveHub live;
    private final ClientAddresses addresses;

    public TftpBootEvents(LiveHub live, ClientAddresses addresses) {
        this.live = live;
        this.addresses = addresses;
    }

    @Override
    public void started(Transfer t) {
        emit(t.client(), Severity.INFO, "downloading " + t.file() + " (" + t.size() + " bytes, blocks of " + t.blockSize() + ")");
    }

    @Override
    public void finished(Transfer t, Progress p) {
        emit(t.client(), Severity.INFO, "downloaded " + t.file() + (p.retransmits() > 0 ? " (" + p.retransmits()
                + " packets sent again)" : ""));
    }

    @Override
    public void sizeProbed(Transfer t, String clientMessage) {
        emit(t.client(), Severity.INFO, "asked the size of " + t.file() + " (" + t.size() + " bytes)"
                + (clientMessage.isBlank() ? "" : ", then ended: " + clientMessage));
    }

    @Override
    public void failed(Transfer t, Progress p, String reason) {
        emitFailure(t.client(), "download of " + t.file() + " failed after " + p.bytes() + " bytes: " + reason);
    }

    @Override
    public void refused(InetSocketAddress client, String file, String reason) {
        emitFailure(client, "asked for " + file + " by TFTP and was refused: " + reason);
    }

    private void emit(InetSocketAddress client, Severity severity, String detail) {
        MacAddress mac = addresses.macOf(client.getAddress()).orElse(null);
        live.emit(mac, BootStage.FIRMWARE_DOWNLOAD, severity, mac == null ? client.getAddress().getHostAddress() + " " + detail : detail);
    }

    private void emitFailure(InetSocketAddress client, String detail) {
        MacAddress mac = addresses.macOf(client.getAddress()).orElse(null);
        live.emit(mac, BootStage.FAILED, Severity.ERROR, mac == null ? client.getAddress().getHostAddress() + " " + detail : detail);
    }
}
