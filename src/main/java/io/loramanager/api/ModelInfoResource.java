package io.loramanager.api;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelLookup;
import io.loramanager.library.ModelType;
import io.loramanager.settings.LibrarySettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Single-model lookups (anchor-api §3.1 rows 14–18, 22). */
@Path("/api/lm")
@Produces(MediaType.APPLICATION_JSON)
public class ModelInfoResource {

  static final String NO_PREVIEW = "/loras_static/images/no-preview.png";
  private static final Set<String> YES = Set.of("1", "true", "yes", "on");

  @Inject ModelLookup lookup;
  @Inject LibrarySettings settings;

  @GET
  @Path("{type}/metadata")
  public Map<String, Object> metadata(
      @PathParam("type") String type, @QueryParam("file_path") String filePath) {
    return Responses.success(
        "metadata", lookup.civitaiMetadata(ModelType.fromPrefix(type), filePath));
  }

  @GET
  @Path("{type}/model-description")
  public Map<String, Object> description(
      @PathParam("type") String type, @QueryParam("file_path") String filePath) {
    return Responses.success(
        "description", lookup.description(ModelType.fromPrefix(type), filePath));
  }

  @GET
  @Path("{type}/get-notes")
  public Map<String, Object> notes(
      @PathParam("type") String type, @QueryParam("name") String name) {
    ModelEntry entry = lookup.requireByName(ModelType.fromPrefix(type), name);
    return Responses.success("notes", entry.notes(), "file_path", entry.filePath());
  }

  /** Falls back to the reference's no-preview image when the model or its preview is missing. */
  @GET
  @Path("{type}/preview-url")
  public Map<String, Object> previewUrl(
      @PathParam("type") String type,
      @QueryParam("name") String name,
      @QueryParam("license_flags") String licenseFlags) {
    ModelEntry entry = lookup.byName(ModelType.fromPrefix(type), name);
    String url =
        entry == null || entry.previewUrl().isEmpty()
            ? NO_PREVIEW
            : ModelItems.previewUrl(entry.previewUrl());
    if (licenseFlags != null && YES.contains(licenseFlags.trim().toLowerCase(Locale.ROOT))) {
      return Responses.success(
          "preview_url",
          url,
          "license_flags",
          entry == null ? null : entry.licenseFlags(),
          "use_new_license_icons",
          settings.useNewLicenseIcons());
    }
    return Responses.success("preview_url", url);
  }

  @GET
  @Path("{type}/civitai-url")
  public Map<String, Object> civitaiUrl(
      @PathParam("type") String type, @QueryParam("name") String name) {
    ModelEntry entry = lookup.requireByName(ModelType.fromPrefix(type), name);
    Long modelId = entry.civitaiModelId();
    Long versionId = entry.civitaiVersionId();
    String url =
        modelId == null
            ? null
            : "https://"
                + settings.civitaiHost()
                + "/models/"
                + modelId
                + (versionId == null ? "" : "?modelVersionId=" + versionId);
    return Responses.success(
        "civitai_url",
        url,
        "model_id",
        modelId == null ? null : modelId.toString(),
        "version_id",
        versionId == null ? null : versionId.toString());
  }

  @GET
  @Path("loras/get-trigger-words")
  public Map<String, Object> triggerWords(@QueryParam("name") String name) {
    ModelEntry entry = lookup.byName(ModelType.LORA, name);
    return Responses.success(
        "trigger_words",
        entry == null || entry.civitai() == null
            ? java.util.List.of()
            : entry.civitai().trainedWords());
  }
}
