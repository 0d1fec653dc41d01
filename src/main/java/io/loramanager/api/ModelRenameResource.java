package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.ModelRenamer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Renames a model and its companion files (anchor-api §3.2 row 5). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelRenameResource {

  @Inject ModelRenamer renamer;

  @POST
  @Path("{type}/rename")
  public Map<String, Object> rename(@PathParam("type") String type, JsonNode json) {
    ModelType modelType = ModelType.fromPrefix(type);
    RequestBody body = RequestBody.of(json);
    String filePath = body.text("file_path");
    String newName = body.text("new_file_name");
    ModelRenamer.Renamed renamed = renamer.rename(modelType, filePath, newName);
    return Responses.success(
        "new_file_path",
        renamed.entry().filePath(),
        "new_preview_path",
        ModelItems.previewUrl(renamed.entry().previewUrl()),
        "renamed_files",
        renamed.renamedFiles(),
        "reload_required",
        false);
  }
}
