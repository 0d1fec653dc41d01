package io.loramanager.it;

import io.loramanager.api.ModelListResourceTest;
import io.loramanager.testsupport.TempLibraryResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The model list tests, held against the packaged application with a library of its own. */
@QuarkusIntegrationTest
@WithTestResource(TempLibraryResource.class)
class ModelListIT extends ModelListResourceTest {}
