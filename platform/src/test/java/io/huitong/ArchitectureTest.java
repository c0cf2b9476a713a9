package io.huitong;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

    /**
     * The wire specifications (io.huitong.protocols) and the channel simulator (io.huitong.simulator, on the
     * test classpath) share the base package but are separate libraries and programs, not modules of the
     * platform: connectors use them as they use any library.
     */
    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        ApplicationModules.of(HuitongApplication.class,
                JavaClass.Predicates.resideInAnyPackage("io.huitong.protocols..", "io.huitong.simulator..")).verify();
    }

    /** Spring Modulith's annotations are allowed: they declare module boundaries and do nothing at run time. */
    @Test
    void domainModelsAreFreeOfSpringAndSql() {
        noClasses().that().resideInAPackage("io.huitong..domain..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..", "jakarta.persistence..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.springframework.modulith"))))
                .check(CLASSES);
    }

    @Test
    void theKernelDependsOnNoModule() {
        noClasses().that().resideInAPackage("io.huitong.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("io.huitong.ledger..", "io.huitong.identity..", "io.huitong.web..",
                        "org.springframework..")
                .check(CLASSES);
    }

    /** Payments answers with refusals as values; only the web layer turns them into HTTP statuses. */
    @Test
    void paymentsNeverSpeakHttp() {
        noClasses().that().resideInAPackage("io.huitong.payments..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.huitong.kernel.ApiException")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.huitong.kernel.ErrorType")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web..",
                        "jakarta.servlet..")
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
