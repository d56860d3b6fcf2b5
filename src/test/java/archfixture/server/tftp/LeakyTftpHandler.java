package archfixture.server.tftp;

import archfixture.server.db.FixtureRepository;

/**
 * Architecture-test fixture that breaks both rules on purpose: a protocol handler that reads
 * the database and touches JavaFX. The rules must reject it (see ArchitectureTest).
 */
public final class LeakyTftpHandler {
    public String handle() {
        javafx.application.Platform.runLater(() -> { });
        return new FixtureRepository().find();
    }
}
