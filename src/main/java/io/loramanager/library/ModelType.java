package io.loramanager.library;

import io.loramanager.errors.LmException;
import java.util.Locale;
import java.util.Set;

/** The three kinds of model the library holds, with their URL prefix and file extensions. */
public enum ModelType {
  LORA("lora", "loras", "LoRA", Set.of(".safetensors")),
  CHECKPOINT(
      "checkpoint",
      "checkpoints",
      "Checkpoint",
      Set.of(".ckpt", ".pt", ".pt2", ".bin", ".pth", ".safetensors", ".pkl", ".sft", ".gguf")),
  EMBEDDING(
      "embedding",
      "embeddings",
      "Embedding",
      Set.of(".ckpt", ".pt", ".pt2", ".bin", ".pth", ".safetensors", ".pkl", ".sft"));

  private final String id;
  private final String prefix;
  private final String label;
  private final Set<String> extensions;

  ModelType(String id, String prefix, String label, Set<String> extensions) {
    this.id = id;
    this.prefix = prefix;
    this.label = label;
    this.extensions = extensions;
  }

  /** {@code lora}, {@code checkpoint} or {@code embedding}: the stored model type. */
  public String id() {
    return id;
  }

  /** {@code loras}, {@code checkpoints} or {@code embeddings}: the URL segment. */
  public String prefix() {
    return prefix;
  }

  public String label() {
    return label;
  }

  /** True when the file name has one of this type's extensions (compared in lower case). */
  /** The model file extensions of this type, lower case with the dot. */
  public Set<String> extensions() {
    return extensions;
  }

  public boolean accepts(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 && extensions.contains(fileName.substring(dot).toLowerCase(Locale.ROOT));
  }

  /** The type of a URL segment; unknown segments are a 404. */
  public static ModelType fromPrefix(String prefix) {
    for (ModelType type : values()) {
      if (type.prefix.equals(prefix)) {
        return type;
      }
    }
    throw LmException.notFound("Unknown model type '" + prefix + "'");
  }
}
