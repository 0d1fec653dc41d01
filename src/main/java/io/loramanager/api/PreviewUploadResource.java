package io.loramanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.PreviewFromUrl;
import io.loramanager.library.lifecycle.PreviewReplacer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * A model's new preview: replace-preview (anchor-api §3.2 row 10, a multipart upload) and
 * set-preview-from-url (row 11, downloaded from an allowed host).
 */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class PreviewUploadResource {

  @Inject PreviewReplacer replacer;
  @Inject PreviewFromUrl fromUrl;

  @POST
  @Path("{type}/replace-preview")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Map<String, Object> replacePreview(
      @PathParam("type") String type,
      @RestForm("preview_file") FileUpload previewFile,
      @RestForm("model_path") String modelPath,
      @RestForm("nsfw_level") String nsfwLevel) {
    PreviewReplacer.Replaced replaced =
        replacer.replace(
            ModelType.fromPrefix(type),
            modelPath,
            previewFile == null ? null : previewFile.uploadedFile(),
            level(nsfwLevel));
    return answer(replaced);
  }

  @POST
  @Path("{type}/set-preview-from-url")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> setPreviewFromUrl(@PathParam("type") String type, JsonNode body) {
    RequestBody request = RequestBody.of(body);
    return answer(
        fromUrl.set(
            ModelType.fromPrefix(type),
            request.optionalText("model_path"),
            request.optionalText("image_url"),
            request.optionalInt("nsfw_level")));
  }

  private static Map<String, Object> answer(PreviewReplacer.Replaced replaced) {
    return Responses.success(
        "preview_url",
        ModelItems.previewUrl(replaced.previewPath()),
        "preview_nsfw_level",
        replaced.nsfwLevel());
  }

  private static Integer level(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw LmException.badInput("nsfw_level must be a whole number, got '" + value + "'");
    }
  }
}
