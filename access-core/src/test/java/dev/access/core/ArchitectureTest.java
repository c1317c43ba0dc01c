package dev.access.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The layering of access-core (DESIGN.md section 2), stated as rules over the compiled classes. Each
 * rule names the packages it speaks of; a new package that breaks one fails the build.
 */
@AnalyzeClasses(packages = "dev.access", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String AXON = "org.axonframework..";
    private static final String SHELL = "dev.access.core.internal.axon..";
    private static final String STORES = "dev.access.core.internal.store..";
    private static final String READ_MODEL_INTERNALS = "dev.access.core.internal.readmodel..";

    /** The domain is pure: the JDK, the crypto module, the error tree's root and itself. */
    @ArchTest
    static final ArchRule domainImportsOnlyCryptoAndTheJdk = classes().that().resideInAPackage("dev.access.core.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.access.core.domain..", "dev.access.crypto..",
                    "dev.access", "java..")
            .because("the domain imports no Axon, JDBC or Jackson, nor the shell, stores, read models, trail or audit");

    /** The trail (its API and its internal audit form) knows nothing of the Axon shell. */
    @ArchTest
    static final ArchRule trailImportsNoShell = noClasses().that()
            .resideInAnyPackage("dev.access.core.trail..", "dev.access.core.internal.trail..")
            .should().dependOnClassesThat().resideInAnyPackage(AXON, SHELL, STORES, READ_MODEL_INTERNALS)
            .orShould().dependOnClassesThat(apiRuntime());

    /** The auditor's toolkit stands on trail records alone: no runtime, no Axon, no store of the library. */
    @ArchTest
    static final ArchRule auditNeedsNoRuntime = noClasses().that().resideInAPackage("dev.access.core.audit..")
            .should().dependOnClassesThat().resideInAnyPackage(AXON, SHELL, STORES, READ_MODEL_INTERNALS)
            .orShould().dependOnClassesThat(apiRuntime());

    /** The shared Jackson configuration loads without Axon, so the audit toolkit can use it. */
    @ArchTest
    static final ArchRule jsonImportsNoAxon = noClasses().that().resideInAPackage("dev.access.core.internal.json..")
            .should().dependOnClassesThat().resideInAnyPackage(AXON, SHELL, STORES, READ_MODEL_INTERNALS);

    /** Packages do not run in circles. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.access.(**)").should().beFreeOfCycles();

    /** The API exposes no Axon, Jackson or JDBC type (a pooled {@code javax.sql.DataSource} aside). */
    @ArchTest
    static final ArchRule apiExposesNoFrameworkTypes = methods().that().arePublic()
            .and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.access..internal..")
            .should(exposeNoFrameworkType());

    /** No exception type of the API is an Axon, Jackson or JDBC type, and each sits in the error tree. */
    @ArchTest
    static final ArchRule apiExceptionsSitInTheErrorTree = classes().that().areAssignableTo(Exception.class)
            .and().resideOutsideOfPackage("dev.access..internal..")
            .and().arePublic()
            .should().beAssignableTo(dev.access.AccessException.class);

    private static DescribedPredicate<JavaClass> apiRuntime() {
        return DescribedPredicate.describe("the Axon-backed runtime (AccessControl, LockStore)",
                c -> c.getName().equals(AccessControl.class.getName()) || c.getName().equals(LockStore.class.getName())
                        || c.getName().startsWith(AccessControl.class.getName() + "$")
                        || c.getName().startsWith(LockStore.class.getName() + "$"));
    }

    private static ArchCondition<JavaMethod> exposeNoFrameworkType() {
        return new ArchCondition<>("expose no Axon, Jackson or JDBC type") {
            @Override
            public void check(JavaMethod m, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>(m.getRawParameterTypes());
                types.add(m.getRawReturnType());
                types.addAll(m.getExceptionTypes());
                for (JavaClass t : types) {
                    String n = t.getName();
                    boolean framework = n.startsWith("org.axonframework.") || n.startsWith("com.fasterxml.jackson.")
                            || n.startsWith("java.sql.") || n.startsWith("org.sqlite.") || n.startsWith("org.postgresql.")
                            || n.startsWith("com.zaxxer.") || (n.startsWith("javax.sql.") && !n.equals("javax.sql.DataSource"));
                    if (framework) {
                        events.add(SimpleConditionEvent.violated(m, m.getFullName() + " exposes " + n));
                    }
                }
            }
        };
    }
}
