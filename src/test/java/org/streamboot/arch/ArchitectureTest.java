package org.streamboot.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static JavaClasses product;
    static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.streamboot");
        fixture = new ClassFileImporter().importPackages("archfixture");
    }

    @Test
    void theProductIsImported() {
        // Guards against a rule passing because it saw nothing.
        assertThat(product.contain("org.streamboot.server.BootServer")).isTrue();
        assertThat(product.contain("org.streamboot.ui.ConsoleApp")).isTrue();
        assertThat(product.size()).isGreaterThan(40);
    }

    @Test
    void serverNeverDependsOnTheUi() {
        ArchitectureRules.serverNeverDependsOnTheUi("org.streamboot").check(product);
    }

    @Test
    void protocolsNeverTouchTheDatabase() {
        ArchitectureRules.protocolsNeverTouchTheDatabase("org.streamboot").check(product);
    }

    @Test
    void onlyTheUiUsesJavaFx() {
        ArchitectureRules.onlyTheUiUsesJavaFx("org.streamboot").check(product);
    }

    @Test
    void theRulesRejectAFixtureThatBreaksThem() {
        assertThatThrownBy(() -> ArchitectureRules.serverNeverDependsOnTheUi("archfixture").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyServerFacade").hasMessageContaining("FixtureView")
                .hasMessageContaining("LeakyTftpHandler").hasMessageContaining("javafx.application.Platform");
        assertThatThrownBy(() -> ArchitectureRules.protocolsNeverTouchTheDatabase("archfixture").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyTftpHandler").hasMessageContaining("FixtureRepository");
        assertThatThrownBy(() -> ArchitectureRules.onlyTheUiUsesJavaFx("archfixture").check(fixture))
                .isInstanceOf(AssertionError.class).hasMessageContaining("LeakyTftpHandler");
    }
}
