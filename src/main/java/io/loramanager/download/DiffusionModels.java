package io.loramanager.download;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Which Civitai "checkpoints" are really diffusion models that ComfyUI loads with its UNet loader,
 * and so belong under the unet root (anchor-downloads §3.2 step 8): a file typed {@code UNet} or
 * {@code Diffusion Model}, or one of the base models the reference lists.
 */
final class DiffusionModels {

  private static final Set<String> FILE_TYPES = Set.of("UNet", "Diffusion Model");

  /** The reference's {@code DIFFUSION_MODEL_BASE_MODELS}, compared exactly. */
  static final Set<String> BASE_MODELS =
      Set.of(
          "Anima",
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
          "HiDream",
          "Hunyuan 1",
          "Kolors",
          "Lumina",
          "PixArt a",
          "PixArt E",
          "CogVideoX",
          "Hunyuan Video",
          "LTXV",
          "LTXV2",
          "LTXV 2.3",
          "Mochi",
          "SVD",
          "Wan Video",
          "Wan Video 1.3B t2v",
          "Wan Video 14B t2v",
          "Wan Video 14B i2v 480p",
          "Wan Video 14B i2v 720p",
          "Wan Video 2.2 TI2V-5B",
          "Wan Video 2.2 I2V-A14B",
          "Wan Video 2.2 T2V-A14B",
          "Wan Video 2.5 T2V",
          "Wan Video 2.5 I2V",
          "Ernie",
          "Ernie Turbo",
          "Nucleus",
          "Qwen",
          "ZImageBase",
          "ZImageTurbo",
          "Krea 2");

  private DiffusionModels() {}

  /** Whether a checkpoint version goes to the unet root rather than the checkpoint root. */
  static boolean isDiffusionModel(JsonNode version) {
    for (JsonNode file : version.path("files")) {
      if (FILE_TYPES.contains(file.path("type").asText(""))) {
        return true;
      }
    }
    return BASE_MODELS.contains(version.path("baseModel").asText(""));
  }
}
