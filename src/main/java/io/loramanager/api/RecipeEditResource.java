package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.library.PathNames;
import io.loramanager.recipe.RecipeDeletion;
import io.loramanager.recipe.RecipeEditor;
import io.loramanager.recipe.RecipeMover;
import io.loramanager.recipe.RecipeOpenStats;
import io.loramanager.recipe.RecipeSaver;
import io.loramanager.recipe.store.RecipeSync;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Changing recipes (anchor-api §3.5 rows 14, 18, 24–28, 30): save, update, delete with undo, move,
 * and the rescan of the recipes folder.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class RecipeEditResource {

  @Inject RecipeSaver saver;
  @Inject RecipeEditor editor;
  @Inject RecipeDeletion deletion;
  @Inject RecipeMover mover;
  @Inject RecipeSync sync;
  @Inject RecipeOpenStats openStats;

  /** Row 30: records that the recipe was opened, for the {@code opened} sort. */
  @POST
  @Path("recipe/{id}/opened")
  public Map<String, Object> opened(@PathParam("id") String id) {
    openStats.recordOpen(id);
    return Responses.success();
  }

  @POST
  @Path("recipes/save")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Map<String, Object> save(
      @RestForm("image") FileUpload image,
      @RestForm("image_base64") String imageBase64,
      @RestForm("name") String name,
      @RestForm("tags") String tags,
      @RestForm("metadata") String metadata) {
    RecipeSaver.Saved saved =
        saver.save(
            new RecipeSaver.SaveRequest(
                image == null ? null : image.uploadedFile(), imageBase64, name, tags, metadata));
    return Responses.success(
        "recipe_id",
        saved.recipe().id(),
        "image_path",
        PathNames.slashes(saved.mediaPath()),
        "json_path",
        PathNames.slashes(saved.recipe().jsonPath()),
        "matching_recipes",
        saved.matchingRecipes());
  }

  @PUT
  @Path("recipe/{id}/update")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> update(@PathParam("id") String id, JsonNode body) {
    return Responses.success("recipe_id", id, "updates", editor.update(id, body));
  }

  @DELETE
  @Path("recipe/{id}")
  public Map<String, Object> delete(@PathParam("id") String id) {
    RecipeDeletion.Deleted deleted = deletion.delete(id);
    return Responses.success(
        "message", "Recipe deleted successfully", "batch_id", deleted.batchId());
  }

  @POST
  @Path("recipes/bulk-delete")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> bulkDelete(JsonNode body) {
    RecipeDeletion.Deleted deleted = deletion.deleteAll(RequestBody.of(body).texts("recipe_ids"));
    List<Map<String, Object>> failed =
        deleted.failed().stream()
            .map(
                f -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("id", f.id());
                  item.put("reason", f.reason());
                  return item;
                })
            .toList();
    return Responses.success(
        "deleted",
        deleted.deleted(),
        "failed",
        failed,
        "total_deleted",
        deleted.deleted().size(),
        "total_failed",
        failed.size(),
        "batch_id",
        deleted.batchId());
  }

  @POST
  @Path("recipe/move")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> move(JsonNode body) {
    RequestBody request = RequestBody.of(body);
    RecipeMover.Moved moved = mover.move(request.text("recipe_id"), request.text("target_path"));
    Map<String, Object> result = moved(moved);
    if (!moved.moved()) {
      result.put("message", "Recipe is already in the target folder");
    }
    return result;
  }

  @POST
  @Path("recipes/move-bulk")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> moveBulk(JsonNode body) {
    RequestBody request = RequestBody.of(body);
    List<RecipeMover.BulkResult> results =
        mover.moveAll(request.texts("recipe_ids"), request.text("target_path"));
    List<Map<String, Object>> items =
        results.stream()
            .map(
                r -> {
                  if (r.moved() != null) {
                    return moved(r.moved());
                  }
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("success", false);
                  item.put("recipe_id", r.recipeId());
                  item.put("error", r.error());
                  return item;
                })
            .toList();
    long successes = results.stream().filter(r -> r.moved() != null).count();
    return Responses.success(
        "message",
        "Moved " + successes + " of " + results.size() + " recipes",
        "results",
        items,
        "success_count",
        successes,
        "failure_count",
        results.size() - successes);
  }

  @GET
  @Path("recipes/scan")
  public Map<String, Object> scan() {
    RecipeSync.Report report = sync.sync();
    return Responses.success(
        "message",
        "Recipe cache refreshed: " + report.total() + " recipes",
        "total",
        report.total(),
        "problems",
        report.problems());
  }

  private static Map<String, Object> moved(RecipeMover.Moved moved) {
    return Responses.success(
        "recipe_id",
        moved.recipeId(),
        "original_file_path",
        PathNames.slashes(moved.originalFilePath()),
        "new_file_path",
        PathNames.slashes(moved.newFilePath()),
        "json_path",
        PathNames.slashes(moved.jsonPath()),
        "folder",
        moved.folder());
  }
}
