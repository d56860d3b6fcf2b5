package org.streamboot.server.iscsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.streamboot.server.iscsi.Pdu.LoginRequest;

class LoginNegotiationTest {

    static final String TARGET = "iqn.2026-11.org.streamboot:vdisk.a";
    static final String INITIATOR = "iqn.2026-11.org.streamboot:client.pc1";
    private final MemoryDirectory directory = new MemoryDirectory().target(TARGET, new byte[4096])
            .target("iqn.2026-11.org.streamboot:vdisk.locked", new byte[4096])
            .allow("iqn.2026-11.org.streamboot:vdisk.locked", "iqn.2026-11.org.streamboot:client.other");
    private final AtomicInteger tsih = new AtomicInteger(40);

    private LoginNegotiation login() {
        return new LoginNegotiation(directory, TargetLimits.DEFAULTS, tsih::incrementAndGet, 100, new Random(1));
    }

    private static LoginRequest req(boolean transit, int csg, int nsg, Map<String, String> keys) {
        return new LoginRequest(transit, false, csg, nsg, 0, 0, 0x400001370000L, 0, 1, 0, 5, 0, TextKeys.format(keys));
    }

    private static Map<String, String> keys(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, String> answers(LoginNegotiation.Result r) {
        return TextKeys.parse(r.response().data());
    }

    @Test
    void authMethodNoneThenOperationalThenFullFeature() {
        LoginNegotiation l = login();
        var first = l.onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName", TARGET,
                "SessionType", "Normal", "AuthMethod", "None")));
        assertThat(first.failed()).isFalse();
        assertThat(first.response().transit()).isTrue();
        assertThat(first.response().nsg()).isEqualTo(1);
        assertThat(answers(first)).containsEntry("AuthMethod", "None").containsEntry("TargetPortalGroupTag", "1");
        assertThat(first.response().statSn()).isEqualTo(100);
        assertThat(first.response().expCmdSn()).isEqualTo(5);

        var second = l.onRequest(req(true, 1, 3, keys("HeaderDigest", "None,CRC32C", "DataDigest", "CRC32C,None",
                "MaxBurstLength", "4194304", "FirstBurstLength", "8388608", "InitialR2T", "No", "ImmediateData", "Yes",
                "MaxRecvDataSegmentLength", "65536", "MaxConnections", "4", "ErrorRecoveryLevel", "2",
                "DefaultTime2Wait", "0", "DefaultTime2Retain", "60", "MaxOutstandingR2T", "64", "X-com.example.Foo", "1",
                "DataPDUInOrder", "No")));
        assertThat(second.complete()).isTrue();
        assertThat(second.response().tsih()).isEqualTo(41);
        assertThat(second.response().statSn()).isEqualTo(101);
        assertThat(answers(second))
                .containsEntry("HeaderDigest", "None") // first of the initiator's list we support
                .containsEntry("DataDigest", "CRC32C")
                .containsEntry("MaxBurstLength", "1048576") // min with ours
                .containsEntry("FirstBurstLength", "262144")
                .containsEntry("InitialR2T", "No") // OR with our No
                .containsEntry("ImmediateData", "Yes") // AND with our Yes
                .containsEntry("MaxConnections", "1")
                .containsEntry("ErrorRecoveryLevel", "0")
                .containsEntry("DefaultTime2Wait", "2") // max
                .containsEntry("DefaultTime2Retain", "20") // min
                .containsEntry("MaxOutstandingR2T", "8")
                .containsEntry("DataPDUInOrder", "Yes") // OR with our Yes
                .containsEntry("X-com.example.Foo", "NotUnderstood")
                .containsEntry("MaxRecvDataSegmentLength", "262144") // our declaration
                .doesNotContainKey("TargetPortalGroupTag");
        SessionParams p = l.params();
        assertThat(p.initiatorMaxRecv()).isEqualTo(65536);
        assertThat(p.firstBurstLength()).isLessThanOrEqualTo(p.maxBurstLength());
        assertThat(p.dataDigest()).isTrue();
        assertThat(p.headerDigest()).isFalse();
        assertThat(l.firstCmdSn()).isEqualTo(5);
    }

    @Test
    void outOfRangeAndMalformedValuesAreRejectedAndKeepDefaults() {
        LoginNegotiation l = login();
        var r = l.onRequest(req(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName", TARGET,
                "MaxBurstLength", "100", "ImmediateData", "Maybe", "HeaderDigest", "MD5", "MaxRecvDataSegmentLength", "0x20000")));
        assertThat(answers(r)).containsEntry("MaxBurstLength", "Reject").containsEntry("ImmediateData", "Reject")
                .containsEntry("HeaderDigest", "Reject");
        assertThat(l.params().maxBurstLength()).isEqualTo(262144);
        assertThat(l.params().initiatorMaxRecv()).isEqualTo(0x20000);
    }

    @Test
    void refusesMissingNamesUnknownTargetsAndStrangers() {
        assertThat(login().onRequest(req(true, 0, 1, keys("TargetName", TARGET))).response().status()).isEqualTo(0x0207);
        assertThat(login().onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR))).response().status())
                .isEqualTo(0x0207);
        assertThat(login().onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName",
                "iqn.2026-11.org.streamboot:vdisk.none"))).response().status()).isEqualTo(0x0203);
        var forbidden = login().onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName",
                "iqn.2026-11.org.streamboot:vdisk.locked")));
        assertThat(forbidden.response().status()).isEqualTo(0x0202);
        assertThat(forbidden.failed()).isTrue();
        LoginRequest newer = new LoginRequest(true, false, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, Pdu.EMPTY);
        assertThat(login().onRequest(newer).response().status()).isEqualTo(0x0205);
        LoginRequest join = new LoginRequest(true, false, 0, 1, 0, 0, 1, 7, 1, 0, 1, 0, Pdu.EMPTY);
        assertThat(login().onRequest(join).response().status()).isEqualTo(0x020a);
    }

    @Test
    void discoveryNeedsNoTargetName() {
        LoginNegotiation l = login();
        var r = l.onRequest(req(true, 0, 3, keys("InitiatorName", INITIATOR, "SessionType", "Discovery",
                "AuthMethod", "None", "MaxBurstLength", "4096")));
        assertThat(r.complete()).isTrue();
        assertThat(l.discovery()).isTrue();
        assertThat(answers(r)).containsEntry("MaxBurstLength", "Irrelevant").doesNotContainKey("TargetPortalGroupTag");
    }

    @Test
    void continuedLoginTextIsAcknowledgedAndJoined() {
        LoginNegotiation l = login();
        byte[] text = TextKeys.format(keys("InitiatorName", INITIATOR, "TargetName", TARGET, "AuthMethod", "None"));
        int half = text.length / 2;
        var part = l.onRequest(new LoginRequest(false, true, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0,
                java.util.Arrays.copyOf(text, half)));
        assertThat(part.response().data()).isEmpty();
        assertThat(part.response().transit()).isFalse();
        var rest = l.onRequest(new LoginRequest(true, false, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0,
                java.util.Arrays.copyOfRange(text, half, text.length)));
        assertThat(answers(rest)).containsEntry("AuthMethod", "None");
        assertThat(rest.response().transit()).isTrue();
    }

    @Test
    void chapOneWayAndMutual() {
        directory.chap(INITIATOR, new ChapCredentials("pc1", "initiator-secret", "streamboot", "target-secret"));
        LoginNegotiation l = login();
        var offer = l.onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName", TARGET,
                "AuthMethod", "CHAP,None")));
        assertThat(answers(offer)).containsEntry("AuthMethod", "CHAP");
        assertThat(offer.response().transit()).isFalse(); // not before CHAP is done
        var challenge = answers(l.onRequest(req(false, 0, 1, keys("CHAP_A", "7,5"))));
        assertThat(challenge).containsEntry("CHAP_A", "5");
        int id = Integer.parseInt(challenge.get("CHAP_I"));
        byte[] c = ChapAuthenticator.decodeBinary(challenge.get("CHAP_C"));
        assertThat(c).hasSize(16);
        String response = "0x" + HexFormat.of().formatHex(ChapAuthenticator.md5(id, "initiator-secret", c));
        byte[] mine = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        var done = l.onRequest(req(true, 0, 1, keys("CHAP_N", "pc1", "CHAP_R", response, "CHAP_I", "77",
                "CHAP_C", "0x0102030405060708")));
        assertThat(done.failed()).isFalse();
        assertThat(done.response().transit()).isTrue();
        assertThat(answers(done)).containsEntry("CHAP_N", "streamboot").containsEntry("CHAP_R",
                "0x" + HexFormat.of().formatHex(ChapAuthenticator.md5(77, "target-secret", mine)));
    }

    @Test
    void chapFailures() {
        directory.chap(INITIATOR, ChapCredentials.oneWay("pc1", "initiator-secret"));
        LoginNegotiation wrong = login();
        wrong.onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName", TARGET, "AuthMethod", "CHAP")));
        wrong.onRequest(req(false, 0, 1, keys("CHAP_A", "5")));
        var bad = wrong.onRequest(req(true, 0, 1, keys("CHAP_N", "pc1", "CHAP_R", "0x00112233445566778899aabbccddeeff")));
        assertThat(bad.response().status()).isEqualTo(0x0201);

        LoginNegotiation sha = login();
        sha.onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName", TARGET, "AuthMethod", "CHAP")));
        assertThat(sha.onRequest(req(false, 0, 1, keys("CHAP_A", "6,7"))).response().status()).isEqualTo(0x0201);

        var none = login().onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName", TARGET,
                "AuthMethod", "None")));
        assertThat(none.response().status()).isEqualTo(0x0201);
        var skip = login().onRequest(req(true, 1, 3, keys("InitiatorName", INITIATOR, "TargetName", TARGET)));
        assertThat(skip.response().status()).isEqualTo(0x0201);

        LoginNegotiation noMutual = new LoginNegotiation(new MemoryDirectory().target(TARGET, new byte[512])
                .chap(INITIATOR, ChapCredentials.oneWay("pc1", "s3cret")), TargetLimits.DEFAULTS, () -> 1, 0, new Random(2));
        noMutual.onRequest(req(true, 0, 1, keys("InitiatorName", INITIATOR, "TargetName", TARGET, "AuthMethod", "CHAP")));
        var ch = answers(noMutual.onRequest(req(false, 0, 1, keys("CHAP_A", "5"))));
        String r = "0x" + HexFormat.of().formatHex(ChapAuthenticator.md5(Integer.parseInt(ch.get("CHAP_I")), "s3cret",
                ChapAuthenticator.decodeBinary(ch.get("CHAP_C"))));
        var refl = noMutual.onRequest(req(true, 0, 1, keys("CHAP_N", "pc1", "CHAP_R", r, "CHAP_I", "1", "CHAP_C", "0x01")));
        assertThat(refl.response().status()).isEqualTo(0x0201); // mutual asked for, no target secret
    }
}
