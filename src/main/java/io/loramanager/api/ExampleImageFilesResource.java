package io.loramanager.api;

import io.loramanager.library.examples.ExampleImageFiles;
import io.loramanager.library.examples.LocalExampleFiles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lists and serves a model's stored example images (anchor-api §3.6 rows 13–15). */
@Path("/api/lm")
public class ExampleImageFilesResource {

  @Inject ExampleImageFiles files;
  @Inject LocalExampleFiles localFiles;

  @GET
  @Path("example-image-files")
  @Produces(MediaType.APPLICATION_JSON)
  public Response list(@QueryParam("model_hash") String modelHash) {
    return files
        .list(modelHash)
        .map(found -> Response.ok(Responses.success("files", items(found))).build())
        .orElseGet(
            () -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("success", false);
              body.put("error", "No example images found for this model");
              body.put("files", List.of());
              return Response.status(404).entity(body).build();
            });
  }

  @GET
  @Path("has-example-images")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> has(@QueryParam("model_hash") String modelHash) {
    return Map.of("has_images", files.hasImages(modelHash));
  }

  @GET
  @Path("model-example-files")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> local(@QueryParam("model_path") String modelPath) {
    List<Map<String, Object>> items =
        localFiles.list(modelPath).stream()
            .map(
                f -> {
                  Map<String, Object> item = new LinkedHashMap<>();
                  item.put("name", f.name());
                  item.put("path", ModelItems.previewUrl(f.file().toString().replace('\\', '/')));
                  item.put("extension", f.extension());
                  item.put("is_video", f.isVideo());
                  return item;
                })
            .toList();
    return Responses.success("files", items);
  }

  private static List<Map<String, Object>> items(List<ExampleImageFiles.StoredFile> stored) {
    return stored.stream()
        .map(
            f -> {
              Map<String, Object> item = new LinkedHashMap<>();
              item.put("name", f.name());
              item.put("path", f.path());
              item.put("extension", f.extension());
              item.put("is_video", f.isVideo());
              return item;
            })
        .toList();
  }
}
