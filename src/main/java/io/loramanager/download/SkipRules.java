package io.loramanager.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.DownloadedVersions;
import io.loramanager.library.ModelType;
import io.loramanager.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;

/**
 * The two skip rules of anchor-downloads §3.2: a version downloaded before (setting {@code
 * skip_previously_downloaded_model_versions}; not for an explicitly chosen file) and a base model
 * the user excluded (setting {@code download_skip_base_models}, only values of the supported list).
 */
@ApplicationScoped
public class SkipRules {

  /** The reference's {@code SUPPORTED_DOWNLOAD_SKIP_BASE_MODELS}: what the exclusion may name. */
  static final Set<String> SKIPPABLE_BASE_MODELS =
      Set.of(
          "SD 1.4",
          "SD 1.5",
          "SD 1.5 LCM",
          "SD 1.5 Hyper",
          "SD 2.0",
          "SD 2.1",
          "SD 3",
          "SD 3.5",
          "SD 3.5 Medium",
          "SD 3.5 Large",
          "SD 3.5 Large Turbo",
          "SDXL 1.0",
          "SDXL Lightning",
          "SDXL Hyper",
          "Flux.1 D",
          "Flux.1 S",
          "Flux.1 Krea",
          "Flux.1 Kontext",
          "Flux.2 D",
          "Flux.2 Klein 9B",
          "Flux.2 Klein 9B-base",
          "Flux.2 Klein 4B",
          "Flux.2 Klein 4B-base",
          "AuraFlow",
          "Chroma",
          "PixArt a",
          "PixArt E",
          "Hunyuan 1",
          "Lumina",
          "Kolors",
          "NoobAI",
          "Illustrious",
          "Pony",
          "Pony V7",
          "HiDream",
          "Qwen",
          "ZImageTurbo",
          "ZImageBase",
          "SVD",
          "LTXV",
          "LTXV2",
          "LTXV 2.3",
          "CogVideoX",
          "Mochi",
          "Wan Video",
          "Wan Video 1.3B t2v",
          "Wan Video 14B t2v",
          "Wan Video 14B i2v 480p",
          "Wan Video 14B i2v 720p",
          "Wan Video 2.2 TI2V-5B",
          "Wan Video 2.2 T2V-A14B",
          "Wan Video 2.2 I2V-A14B",
          "Wan Video 2.5 T2V",
          "Wan Video 2.5 I2V",
          "Hunyuan Video",
          "Anima",
          "ACE Audio",
          "Boogu",
          "Ernie",
          "Ernie Turbo",
          "Grok",
          "HappyHorse",
          "HiDream-O1",
          "Ideogram 4.0",
          "Krea 2",
          "Lens",
          "MAI",
          "Nucleus",
          "Qwen 2",
          "Upscaler",
          "Wan Image 2.7",
          "Wan Video 2.7");

  private final SettingsStore settings;
  private final DownloadedVersions history;

  @Inject
  public SkipRules(SettingsStore settings, DownloadedVersions history) {
    this.settings = settings;
    this.history = history;
  }

  /**
   * Throws when a rule skips the version; the history is asked only when the setting is on and no
   * explicit file was chosen.
   *
   * @throws DownloadSkipped with the reply's reason, message and details
   */
  void check(ModelType type, long versionId, JsonNode version, boolean explicitFile) {
    if (!explicitFile
        && settings.bool("skip_previously_downloaded_model_versions", false)
        && history.hasBeenDownloaded(type.id(), versionId)) {
      String file = fileName(version, versionId);
      throw skipped(
          "previously_downloaded_version",
          "Skipped download for '"
              + file
              + "' because version "
              + versionId
              + " was already downloaded before",
          "model_version_id",
          JsonNodeFactory.instance.numberNode(versionId),
          file);
    }
    String baseModel = version.path("baseModel").asText("");
    if (SKIPPABLE_BASE_MODELS.contains(baseModel) && excludedBaseModels().contains(baseModel)) {
      String file = fileName(version, versionId);
      throw skipped(
          "base_model_excluded",
          "Skipped download for '"
              + file
              + "' because base model '"
              + baseModel
              + "' is excluded in settings",
          "base_model",
          JsonNodeFactory.instance.textNode(baseModel),
          file);
    }
  }

  /** The reply's details, in the reference's key order: reason, message, the cause, file name. */
  private static DownloadSkipped skipped(
      String reason, String message, String causeKey, JsonNode cause, String file) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("reason", reason);
    details.put("message", message);
    details.set(causeKey, cause);
    details.put("file_name", file);
    return new DownloadSkipped(details);
  }

  private Set<String> excludedBaseModels() {
    Set<String> excluded = new HashSet<>();
    settings.snapshot().path("download_skip_base_models").forEach(v -> excluded.add(v.asText()));
    return excluded;
  }

  /** The primary file's name, else the first file's, else the version name. */
  private static String fileName(JsonNode version, long versionId) {
    JsonNode first = null;
    for (JsonNode file : version.path("files")) {
      String name = file.path("name").asText("");
      if (name.isEmpty()) {
        continue;
      }
      if (file.path("primary").asBoolean(false)) {
        return name;
      }
      if (first == null) {
        first = file;
      }
    }
    if (first != null) {
      return first.path("name").asText();
    }
    String name = version.path("name").asText("");
    return name.isEmpty() ? "model_version:" + versionId : name;
  }
}
