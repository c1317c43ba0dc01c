package dev.access.crypto;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** access-crypto's place at the bottom (DESIGN.md section 2), stated as a rule over its compiled classes. */
@AnalyzeClasses(packages = "dev.access", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The JDK, Bouncy Castle and itself (with the error tree's root package): nothing of access-core, Axon or Jackson. */
    @ArchTest
    static final ArchRule cryptoStandsAlone = classes().that().resideInAnyPackage("dev.access.crypto..", "dev.access")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.access.crypto..", "dev.access", "java..",
                    "javax.crypto..", "org.bouncycastle..");
}
