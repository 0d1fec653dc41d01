package io.loramanager.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.loramanager.library.ModelCatalog;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness waits for the catalogue (the loaded case: HealthCheckResourceTest). */
class CatalogReadinessTest {

  @Test
  void notReadyWhileNoCatalogueIsLoaded() {
    CatalogReadiness readiness = new CatalogReadiness();
    readiness.catalog = new ModelCatalog();

    HealthCheckResponse response = readiness.call();

    assertThat(response.getName()).isEqualTo("catalogue");
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData())
        .contains(
            Map.of("loras", (Object) "loading", "checkpoints", "loading", "embeddings", "loading"));
  }
}
