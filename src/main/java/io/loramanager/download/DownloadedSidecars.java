package io.loramanager.download;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.civitai.CivitaiMerge;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.SafetensorsHeader;
import io.loramanager.library.SidecarStore;
import io.loramanager.storage.JsonFiles;
import io.loramanager.storage.JsonMapperSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Writes the {@code .metadata.json} sidecar of each file a download leaves (§3.3 items 8-10). */
@ApplicationScoped
public class DownloadedSidecars {

  private final JsonFiles json;
  private final Clock clock;
  private final DownloadTarget targets;

  @Inject
  public DownloadedSidecars(JsonFiles json, Clock clock, DownloadTarget targets) {
    this.json = json;
    this.clock = clock;
    this.targets = targets;
  }

  /** The reference's sidecar for a downloaded file, then the Civitai merge a fetch would do. */
  void write(
      ModelType type,
      ObjectNode version,
      DownloadedModels.ModelFile model,
      DownloadedModels.SavedPreview preview) {
    Path file = model.path();
    double now = clock.millis() / 1000.0;
    String stem = PathNames.baseName(file.getFileName().toString());
    ObjectNode sidecar = json.mapper().createObjectNode();
    sidecar.put("file_name", stem);
    sidecar.put("model_name", version.path("model").path("name").asText(stem));
    sidecar.put("file_path", PathNames.slashes(file));
    sidecar.put("size", model.size());
    sidecar.put("modified", JsonMapperSettings.plain(now));
    sidecar.put("sha256", model.sha256());
    sidecar.put("preview_url", preview == null ? "" : PathNames.slashes(preview.file()));
    sidecar.put("preview_nsfw_level", preview == null ? 0 : preview.nsfwLevel());
    sidecar.put("notes", "");
    sidecar.putArray("tags");
    sidecar.put("modelDescription", "");
    if (type == ModelType.LORA) {
      sidecar.put("usage_tips", "{}");
    } else {
      // As a scan would see it: a checkpoint under a unet root is a diffusion model (§3.3 10).
      sidecar.put(
          "sub_type",
          type == ModelType.CHECKPOINT
              ? targets.rootSubType(type, file).orElse("checkpoint")
              : "embedding");
    }
    CivitaiMerge.found(sidecar, version, now);
    // AutoV3 (§3.3 item 8): Civitai's value, else the safetensors header's, "" for checked and
    // unknown. An archive's AutoV3 describes the zip, not what came out of it.
    if (model.fromArchive()) {
      sidecar.put("autov3", "");
    } else if (!sidecar.path("autov3").isTextual()) {
      sidecar.put("autov3", SafetensorsHeader.autov3(file, json.mapper()));
    }
    try {
      json.write(SidecarStore.sidecarOf(file), sidecar);
    } catch (IOException e) {
      throw new ModelDownload.Refused(
          "Cannot write " + SidecarStore.sidecarOf(file) + ": " + e.getMessage());
    }
  }
}
