package io.loramanager.it;

import io.loramanager.api.ProgressSocketsTest;
import io.loramanager.testsupport.TempLibraryResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The progress WebSockets, held against the packaged application with a library of its own. */
@QuarkusIntegrationTest
@WithTestResource(TempLibraryResource.class)
class ProgressSocketsIT extends ProgressSocketsTest {}
