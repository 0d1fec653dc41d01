package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.lifecycle.ModelExclusion;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Exclude and unexclude (anchor-api §3.2 rows 3–4); the excluded list is ModelListResource's. */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelExcludeResource {

  @Inject ModelExclusion exclusion;

  @POST
  @Path("{type}/exclude")
  public Map<String, Object> exclude(@PathParam("type") String type, JsonNode body) {
    ModelEntry entry =
        exclusion.exclude(ModelType.fromPrefix(type), RequestBody.of(body).text("file_path"));
    return Responses.success("message", "Model " + fileName(entry) + " excluded");
  }

  @POST
  @Path("{type}/unexclude")
  public Map<String, Object> unexclude(@PathParam("type") String type, JsonNode body) {
    ModelEntry entry =
        exclusion.unexclude(ModelType.fromPrefix(type), RequestBody.of(body).text("file_path"));
    return Responses.success("message", "Model " + fileName(entry) + " restored");
  }

  private static String fileName(ModelEntry entry) {
    return PathNames.lastSegment(entry.filePath());
  }
}
