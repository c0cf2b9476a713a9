package io.huitong;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: a module uses another only through its public API, and there are no cycles. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.huitong");

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        ApplicationModules.of(HuitongApplication.class).verify();
    }

    @Test
    void domainModelsAreFreeOfSpringAndSql() {
        noClasses().that().resideInAPackage("io.huitong..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta.persistence..")
                .check(CLASSES);
    }

    @Test
    void theKernelDependsOnNoModule() {
        noClasses().that().resideInAPackage("io.huitong.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("io.huitong.ledger..", "io.huitong.identity..", "io.huitong.web..",
                        "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void noFloatingPointMoneyInTheLedger() {
        noClasses().that().resideInAPackage("io.huitong.ledger..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Double")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Float")
                .check(CLASSES);
    }
}
