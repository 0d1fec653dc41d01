package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.examples.CustomImageImporter;
import io.loramanager.library.examples.ExampleImageEdits;
import io.loramanager.library.examples.ExampleImageFiles;
import io.loramanager.library.examples.ExampleImageOwners.ImageLists;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A model's custom example images and the levels of its example images (anchor-api §3.6 rows 8–10):
 * import (uploads or server-side files), delete, set the NSFW level.
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ExampleImageImportResource {

  @Inject CustomImageImporter importer;
  @Inject ExampleImageEdits edits;

  @POST
  @Path("import-example-images")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Map<String, Object> importUploads(
      @RestForm("model_hash") String modelHash, @RestForm("files") List<FileUpload> files) {
    List<CustomImageImporter.Source> sources =
        files == null
            ? List.of()
            : files.stream()
                .map(f -> new CustomImageImporter.Source(f.fileName(), f.uploadedFile()))
                .toList();
    return answer(importer.importFiles(modelHash, sources));
  }

  @POST
  @Path("import-example-images")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> importServerFiles(JsonNode body) {
    RequestBody request = RequestBody.of(body);
    String modelHash = request.optionalText("model_hash");
    List<String> paths =
        body.hasNonNull("file_paths")
            ? request.nonEmptyTexts("file_paths", "No files provided to import")
            : List.of();
    return answer(importer.importServerFiles(modelHash, paths));
  }

  @POST
  @Path("delete-example-image")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> delete(JsonNode body) {
    RequestBody request = RequestBody.of(body);
    return lists(
        edits.deleteCustom(request.optionalText("model_hash"), request.optionalText("short_id")));
  }

  @POST
  @Path("example-images/set-nsfw-level")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> setNsfwLevel(JsonNode body) {
    RequestBody request = RequestBody.of(body);
    Integer level = request.optionalInt("nsfw_level");
    if (level == null) {
      throw LmException.badInput("nsfw_level is required");
    }
    ImageLists lists =
        edits.setNsfwLevel(
            request.optionalText("model_hash"),
            level,
            new ExampleImageEdits.ImageRef(
                request.optionalText("source"), request.optionalInt("index"), idOf(body)));
    Map<String, Object> out = lists(lists);
    out.put("nsfw_level", level);
    return out;
  }

  private static Map<String, Object> answer(CustomImageImporter.Imported imported) {
    int count = imported.files().size();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", count > 0);
    out.put(
        "message",
        "Successfully imported "
            + count
            + " files"
            + (imported.errors().isEmpty() ? "" : " with " + imported.errors().size() + " errors"));
    out.put("files", imported.files().stream().map(ExampleImageImportResource::item).toList());
    out.put("errors", imported.errors());
    out.put("regular_images", imported.lists().regular());
    out.put("custom_images", imported.lists().custom());
    out.put("model_file_path", imported.lists().modelFilePath());
    return out;
  }

  private static Map<String, Object> lists(ImageLists lists) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("regular_images", lists.regular());
    out.put("custom_images", lists.custom());
    out.put("model_file_path", lists.modelFilePath());
    return out;
  }

  private static Map<String, Object> item(ExampleImageFiles.StoredFile file) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("name", file.name());
    item.put("path", file.path());
    item.put("extension", file.extension());
    item.put("is_video", file.isVideo());
    return item;
  }

  /** A custom image's id as the client sends it (a string, though a number is accepted). */
  private static String idOf(JsonNode body) {
    JsonNode id = body.get("id");
    return id == null || id.isNull() ? null : id.asText();
  }
}
