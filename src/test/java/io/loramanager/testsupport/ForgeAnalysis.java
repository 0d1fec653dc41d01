package io.loramanager.testsupport;

import java.nio.file.Path;

/**
 * The Forge (A1111) generation text the analyze tests read, and the one of its two LoRAs the test
 * library holds ({@code painterly}); {@code unknown_style} is in no library.
 */
public final class ForgeAnalysis {

  public static final String PROMPT =
      "a cozy cabin, snow, <lora:painterly:0.5> <lora:unknown_style:0.7>";
  public static final String TEXT =
      PROMPT
          + "\nNegative prompt: blurry\n"
          + "Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 768x512,"
          + " Model hash: e6bb9ea85b, Model: sd_xl_base_1.0";

  private ForgeAnalysis() {}

  /** Adds {@code loras/styles/painterly.safetensors} (model "Painterly", SDXL 1.0); no scan. */
  public static Path painterly(LibraryFixture library) {
    return library.modelWithSidecar(
        library.loras(),
        "styles/painterly.safetensors",
        s -> {
          s.put("model_name", "Painterly");
          s.put("base_model", "SDXL 1.0");
        });
  }
}
