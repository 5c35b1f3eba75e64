package org.sipwitch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/architecture.md, checked on the compiled classes of the daemon
 * and of the control model (the mbeans jar on this classpath), so that a slip breaks
 * the build instead of waiting for the next reader. Test classes are not checked: a
 * test may reach across layers to build its fixture.
 */
@AnalyzeClasses(packages = "org.sipwitch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every package is its own slice ({@code sip.location} and {@code sip.location.store} too). */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.sipwitch.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controlModelKnowsNoSipNorNetty = noClasses()
            .that().resideInAnyPackage("org.sipwitch.mbeans..", "org.sipwitch.control..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sipwitch.sip..", "io.netty..")
            .because("sipwitch-mbeans is the control model that sipwitchctl and JMX clients see; no SIP inside");

    @ArchTest
    static final ArchRule daemonIsTheTop = noClasses()
            .that().resideOutsideOfPackage("org.sipwitch.daemon..")
            .should().dependOnClassesThat().resideInAPackage("org.sipwitch.daemon..")
            .because("the daemon assembles everything and nothing depends on it");

    @ArchTest
    static final ArchRule codecDoesNotKnowTransports = noClasses()
            .that().resideInAPackage("org.sipwitch.sip.codec..")
            .should().dependOnClassesThat().resideInAPackage("org.sipwitch.sip.transport..")
            .because("the codec reports what it cannot use (MalformedMessage); the transport answers it");

    @ArchTest
    static final ArchRule managementSpeaksItsOwnTypes = noClasses()
            .that().resideInAPackage("org.sipwitch.management..")
            .should().dependOnClassesThat().resideInAPackage("org.sipwitch.sip..")
            .because("wiring adapts the SIP side to management's sources");

    @ArchTest
    static final ArchRule sharedValueTypesCarryNoNetty = noClasses()
            .that().resideInAnyPackage("org.sipwitch.sip.net..", "org.sipwitch.sip.message..", "org.sipwitch.ip..",
                    "org.sipwitch.digest..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..")
            .because("the value types every layer shares must not drag Netty along");

    @ArchTest
    static final ArchRule onlyTheStackReachesTheTransports = noClasses()
            .that().resideInAnyPackage("org.sipwitch.config..", "org.sipwitch.sip.auth..",
                    "org.sipwitch.sip.location..", "org.sipwitch.sip.registrar..", "org.sipwitch.sip.security..",
                    "org.sipwitch.sip.routing..", "org.sipwitch.sip.gateway..", "org.sipwitch.sip.cluster..")
            .should().dependOnClassesThat().resideInAPackage("org.sipwitch.sip.transport..")
            .because("they need addresses (sip.net), not the package that holds the Netty channels");

    @ArchTest
    static final ArchRule layersBelowTheServerTakeTheirOwnSettings = noClasses()
            .that().resideInAnyPackage("org.sipwitch.sip.call..", "org.sipwitch.sip.security..",
                    "org.sipwitch.sip.registrar..", "org.sipwitch.sip.transport..", "org.sipwitch.sip.routing..",
                    "org.sipwitch.sip.gateway..", "org.sipwitch.sip.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sipwitch.config..", "org.sipwitch.mbeans..")
            .because("sip.server turns the configuration into their settings records; wiring maps their "
                    + "snapshots to the control model");

    @ArchTest
    static final ArchRule theDialPlanNeverAsksTheCallEngine = noClasses()
            .that().resideInAnyPackage("org.sipwitch.sip.routing..", "org.sipwitch.sip.gateway..")
            .should().dependOnClassesThat().resideInAPackage("org.sipwitch.sip.call..")
            .because("the call engine asks the dial plan where a call goes; the plan knows no calls (DESIGN.md)");

    @ArchTest
    static final ArchRule gatewaysKnowNoDialPlan = noClasses()
            .that().resideInAPackage("org.sipwitch.sip.gateway..")
            .should().dependOnClassesThat().resideInAPackage("org.sipwitch.sip.routing..")
            .because("a trunk is client-side SIP (registration, credentials); which calls use it is routing's business");

    @ArchTest
    static final ArchRule operationsOutputsKnowNoSip = noClasses()
            .that().resideInAnyPackage("org.sipwitch.metrics..", "org.sipwitch.cdr..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sipwitch.sip..", "io.netty..")
            .because("/metrics and the call records are fed by wiring (StackMetrics, CallRecordOf) from the "
                    + "sources the MBeans read, so they show what an operator sees there");

    @ArchTest
    static final ArchRule onlyTheClusterTalksToRedis = noClasses()
            .that().resideOutsideOfPackage("org.sipwitch.sip.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "reactor..")
            .because("the shared store is one package's business (sip.cluster): everything else sees a "
                    + "LocationService and NodeRoutes");
}
