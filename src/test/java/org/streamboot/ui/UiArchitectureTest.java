package org.streamboot.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console's structural rules, checked on the compiled classes. */
class UiArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.streamboot");

    @Test
    void onlyTheConsoleTouchesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.streamboot.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(MAIN);
    }

    @Test
    void viewModelsSnapshotsAndTheServerLifecycleRunWithoutTheToolkit() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().haveSimpleNameEndingWith("Row")
                .or().haveSimpleName("ServiceBadge")
                .or().haveSimpleName("ConsoleSnapshot")
                .or().haveSimpleName("SnapshotSource")
                .or().haveSimpleName("SnapshotPoller")
                .or().haveSimpleName("ServerLifecycle")
                .or().haveSimpleName("CoalescingDispatcher")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(MAIN);
    }

    @Test
    void theServerNeverReachesIntoTheConsole() {
        noClasses().that().resideInAPackage("org.streamboot.server..")
                .should().dependOnClassesThat().resideInAPackage("org.streamboot.ui..")
                .check(MAIN);
    }
}
