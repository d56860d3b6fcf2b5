package org.streamboot.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The seams of DESIGN.md as rules, parameterised by the root package so the same rule objects
 * can be checked against the product and against a fixture that breaks them.
 */
final class ArchitectureRules {

    /** Protocol packages ask BootPolicy, FileSource and VdiskSessions; they never query SQL. */
    static final String[] PROTOCOLS = {"dhcp", "tftp", "http", "iscsi", "nbd", "scsi"};

    private ArchitectureRules() {
    }

    static ArchRule serverNeverDependsOnTheUi(String root) {
        return noClasses().that().resideInAPackage(root + ".server..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", root + ".ui..")
                .because("the server runs headless and must not need a screen");
    }

    static ArchRule protocolsNeverTouchTheDatabase(String root) {
        String[] protocolPackages = new String[PROTOCOLS.length];
        for (int i = 0; i < PROTOCOLS.length; i++) {
            protocolPackages[i] = root + ".server." + PROTOCOLS[i] + "..";
        }
        return noClasses().that().resideInAnyPackage(protocolPackages)
                .should().dependOnClassesThat().resideInAPackage(root + ".server.db..")
                .because("protocol handlers run on event loops and reach data only through narrow seams");
    }

    /** Only the console may use JavaFX (and so Platform.runLater). */
    static ArchRule onlyTheUiUsesJavaFx(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(root + ".ui..")
                .and().doNotHaveFullyQualifiedName(root + ".Main")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the FX thread is the console's business alone");
    }
}
