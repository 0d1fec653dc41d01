package io.loramanager.api;

import io.loramanager.library.DuplicateFinder;
import io.loramanager.library.ModelType;
import io.loramanager.library.query.ModelQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Duplicate content and file-name conflicts (anchor-api §3.1 rows 12–13). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ModelDuplicatesResource {

  @Inject DuplicateFinder finder;

  @GET
  @Path("{type}/find-duplicates")
  public Map<String, Object> duplicates(@PathParam("type") String type, @Context UriInfo uri) {
    ModelType modelType = ModelType.fromPrefix(type);
    ModelQuery filters = ListQueryParser.parse(modelType, uri.getQueryParameters());
    List<Map<String, Object>> groups =
        finder.duplicates(modelType, filters).stream()
            .map(g -> group("hash", g, modelType))
            .toList();
    return Responses.success("duplicates", groups, "count", groups.size());
  }

  @GET
  @Path("{type}/find-filename-conflicts")
  public Map<String, Object> conflicts(@PathParam("type") String type) {
    ModelType modelType = ModelType.fromPrefix(type);
    List<Map<String, Object>> groups =
        finder.fileNameConflicts(modelType).stream()
            .map(g -> group("filename", g, modelType))
            .toList();
    return Responses.success("conflicts", groups, "count", groups.size());
  }

  private static Map<String, Object> group(
      String keyName, DuplicateFinder.Group group, ModelType type) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(keyName, group.key());
    body.put("models", ModelItems.of(type, group.models()));
    return body;
  }
}
