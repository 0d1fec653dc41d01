package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.lifecycle.DeleteUndo;
import io.loramanager.library.lifecycle.ModelDeletion;
import io.loramanager.library.lifecycle.PendingDeletes;
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

/**
 * Delete with undo (anchor-api §3.2 rows 1, 2, 16). The reference shapes, plus {@code
 * undo_expires_at} (ISO-8601) beside {@code batch_id}.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelDeleteResource {

  @Inject ModelDeletion deletion;
  @Inject DeleteUndo undo;

  @POST
  @Path("{type}/delete")
  public Map<String, Object> delete(@PathParam("type") String type, JsonNode body) {
    ModelType modelType = ModelType.fromPrefix(type);
    ModelDeletion.Deleted deleted =
        deletion.delete(modelType, List.of(RequestBody.of(body).text("file_path")));
    return Responses.success(
        "deleted_files",
        List.of(),
        "batch_id",
        deleted.batchId(),
        "undo_expires_at",
        expiry(deleted));
  }

  @POST
  @Path("{type}/bulk-delete")
  public Map<String, Object> bulkDelete(@PathParam("type") String type, JsonNode body) {
    ModelType modelType = ModelType.fromPrefix(type);
    ModelDeletion.Deleted deleted =
        deletion.delete(
            modelType,
            RequestBody.of(body)
                .nonEmptyTexts("file_paths", "No file paths provided for deletion"));
    List<Map<String, Object>> results =
        deleted.filePaths().stream()
            .map(
                path -> {
                  Map<String, Object> result = new LinkedHashMap<>();
                  result.put("file_path", path);
                  result.put("success", true);
                  result.put("deleted_files", List.of());
                  return result;
                })
            .toList();
    return Responses.success(
        "status",
        deleted.cancelled() ? "cancelled" : "success",
        "total_deleted",
        deleted.filePaths().size(),
        "total_attempted",
        deleted.filePaths().size(),
        "cache_updated",
        true,
        "results",
        results,
        "batch_id",
        deleted.batchId(),
        "undo_expires_at",
        expiry(deleted));
  }

  @POST
  @Path("undo-delete")
  public Map<String, Object> undoDelete(JsonNode body) {
    PendingDeletes.Restored restored = undo.undo(RequestBody.of(body).text("batch_id"));
    return Responses.success(
        "restored",
        restored.files().stream().map(PathNames::slashes).toList(),
        "kind",
        restored.kind());
  }

  private static String expiry(ModelDeletion.Deleted deleted) {
    return deleted.undoExpiresAt() == null ? null : deleted.undoExpiresAt().toString();
  }
}
