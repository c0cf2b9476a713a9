package io.huitong;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules use each other only through their public API packages, and without cycles. */
class ModuleStructureTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(HuitongApplication.class).verify();
    }

    @Test
    void theSharedKernelIsFreeOfSpring() {
        JavaClasses kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.huitong.kernel");

        // package-info only carries the Modulith module declaration
        noClasses().that().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(kernel);
    }
}
