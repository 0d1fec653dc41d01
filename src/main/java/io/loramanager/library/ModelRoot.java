package io.loramanager.library;

import java.nio.file.Path;

/**
 * One configured folder of models.
 *
 * @param path the folder as configured (absolute, normalised; may be a symlink)
 * @param realPath the folder with every symlink resolved, used for containment checks
 * @param subType for checkpoints, {@code checkpoint} or {@code diffusion_model}; else null
 */
public record ModelRoot(Path path, Path realPath, String subType) {

  /** The root as clients see it: forward slashes. */
  public String display() {
    return PathNames.slashes(path);
  }
}
