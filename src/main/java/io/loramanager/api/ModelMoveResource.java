package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.ModelMover;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Moves models to another folder (anchor-api §3.2 rows 6 and 7). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelMoveResource {

  static final String SAME_FOLDER = "Source and target directories are the same";

  @Inject ModelMover mover;

  @POST
  @Path("{type}/move_model")
  public Map<String, Object> move(@PathParam("type") String type, JsonNode json) {
    ModelType modelType = ModelType.fromPrefix(type);
    RequestBody body = RequestBody.of(json);
    String filePath = body.text("file_path");
    String targetPath = body.text("target_path");
    ModelMover.Moved moved =
        mover.move(modelType, filePath, targetPath, body.flag("use_default_paths"));
    if (moved.unchanged()) {
      return Responses.success(
          "message",
          SAME_FOLDER,
          "original_file_path",
          moved.originalPath(),
          "new_file_path",
          moved.newPath());
    }
    return Responses.success(
        "original_file_path",
        moved.originalPath(),
        "new_file_path",
        moved.newPath(),
        "cache_entry",
        ModelItems.of(modelType, moved.entry()));
  }

  @POST
  @Path("{type}/move_models_bulk")
  public Map<String, Object> moveAll(@PathParam("type") String type, JsonNode json) {
    ModelType modelType = ModelType.fromPrefix(type);
    RequestBody body = RequestBody.of(json);
    List<String> filePaths = body.texts("file_paths");
    String targetPath = body.text("target_path");
    ModelMover.BulkMoved bulk =
        mover.moveAll(modelType, filePaths, targetPath, body.flag("use_default_paths"));
    List<ModelMover.Moved> moved = bulk.moved();
    List<Map<String, Object>> results = moved.stream().map(m -> result(modelType, m)).toList();
    long successes = moved.stream().filter(ModelMover.Moved::success).count();
    return Responses.success(
        "status",
        bulk.cancelled() ? "cancelled" : "success",
        "message",
        "Moved " + successes + " of " + moved.size() + " models",
        "results",
        results,
        "success_count",
        successes,
        "failure_count",
        moved.size() - successes);
  }

  private static Map<String, Object> result(ModelType type, ModelMover.Moved moved) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("original_file_path", moved.originalPath());
    result.put("new_file_path", moved.newPath());
    result.put("success", moved.success());
    result.put(
        "message",
        !moved.success() ? moved.error() : moved.unchanged() ? SAME_FOLDER : "Model moved");
    result.put("cache_entry", moved.entry() == null ? null : ModelItems.of(type, moved.entry()));
    return result;
  }
}
