package io.loramanager.it;

import io.loramanager.api.HealthCheckResourceTest;
import io.loramanager.testsupport.TempLibraryResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Health, readiness, JSON 404s and OpenAPI, held against the packaged application. */
@QuarkusIntegrationTest
@WithTestResource(TempLibraryResource.class)
class HealthCheckIT extends HealthCheckResourceTest {}
