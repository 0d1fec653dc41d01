package io.loramanager.api;

import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every type's catalogue is loaded (from SQLite or the first scan). */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {

  @Inject ModelCatalog catalog;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("catalogue");
    for (ModelType type : ModelType.values()) {
      response.withData(type.prefix(), catalog.isLoaded(type) ? "loaded" : "loading");
    }
    return response.status(catalog.allLoaded()).build();
  }
}
