package io.loramanager.it;

import io.loramanager.api.PreviewResourceTest;
import io.loramanager.testsupport.TempLibraryResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Preview serving, held against the packaged application with a library of its own. */
@QuarkusIntegrationTest
@WithTestResource(TempLibraryResource.class)
class PreviewIT extends PreviewResourceTest {}
