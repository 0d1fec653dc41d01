package io.loramanager.api;

import io.loramanager.civitai.BulkRefresh;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * fetch-all-civitai (anchor-api §3.3 row 2). The run goes on in the background and reports on
 * {@code /ws/fetch-progress}; {@code wait=true} holds the request until it ends and answers with
 * the reference's result, as the reference always does.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class CivitaiRefreshResource {

  @Inject BulkRefresh refresh;

  @POST
  @Path("{type}/fetch-all-civitai")
  public Map<String, Object> fetchAll(
      @PathParam("type") String type, @QueryParam("wait") String wait) {
    ModelType modelType = ModelType.fromPrefix(type);
    BulkRefresh.Run run = refresh.start(modelType);
    if (!"true".equalsIgnoreCase(wait)) {
      return Responses.success(
          "status",
          "started",
          "message",
          "Civitai metadata refresh started for " + run.total() + " " + modelType.id() + "s",
          "total",
          run.total());
    }
    try {
      return run.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LmException.unavailable("Interrupted while waiting for the metadata refresh");
    } catch (ExecutionException e) {
      throw LmException.unavailable("Metadata refresh failed: " + e.getCause().getMessage());
    }
  }
}
