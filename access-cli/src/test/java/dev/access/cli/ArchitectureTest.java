package dev.access.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** access-cli uses the library's API only (DESIGN.md section 2), stated as rules over its compiled classes. */
@AnalyzeClasses(packages = "dev.access.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** No internal package of the library is imported from outside its module. */
    @ArchTest
    static final ArchRule apiOnly = noClasses().should().dependOnClassesThat().resideInAPackage("dev.access..internal..");

    /** Axon is the library's business: cli never names one of its types. */
    @ArchTest
    static final ArchRule noAxon = noClasses().should().dependOnClassesThat().resideInAPackage("org.axonframework..");
}
