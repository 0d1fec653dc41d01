package io.loramanager.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Starts {@link OutboundStubs} for every Quarkus test, so that all of them share one application
 * boot (a per-class test resource would restart Quarkus for that class).
 */
@QuarkusTestResource(value = OutboundStubs.class, restrictToAnnotatedClass = false)
public final class OutboundStubsForAllTests {

  private OutboundStubsForAllTests() {}
}
