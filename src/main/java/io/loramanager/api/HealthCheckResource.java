package io.loramanager.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/lm/health-check}: the reference's liveness probe, {@code {"status":"ok"}}. */
@Path("/api/lm/health-check")
public class HealthCheckResource {

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> check() {
    return Map.of("status", "ok");
  }
}
