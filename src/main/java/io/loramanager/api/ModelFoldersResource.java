package io.loramanager.api;

import io.loramanager.library.LibraryFolders;
import io.loramanager.library.ModelType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Roots, folders and folder trees (anchor-api §3.1 rows 8–11). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ModelFoldersResource {

  @Inject LibraryFolders folders;

  @GET
  @Path("{type}/roots")
  public Map<String, Object> roots(@PathParam("type") String type) {
    return Responses.success("roots", folders.roots(ModelType.fromPrefix(type)));
  }

  /** {@code {"folders": [...]}}: no {@code success} key, as in the reference. */
  @GET
  @Path("{type}/folders")
  public Map<String, Object> folders(@PathParam("type") String type) {
    return Map.of("folders", folders.folders(ModelType.fromPrefix(type)));
  }

  @GET
  @Path("{type}/folder-tree")
  public Map<String, Object> folderTree(
      @PathParam("type") String type, @QueryParam("model_root") String modelRoot) {
    return Responses.success("tree", folders.folderTree(ModelType.fromPrefix(type), modelRoot));
  }

  @GET
  @Path("{type}/unified-folder-tree")
  public Map<String, Object> unifiedFolderTree(@PathParam("type") String type) {
    return Responses.success("tree", folders.unifiedFolderTree(ModelType.fromPrefix(type)));
  }
}
