package io.loramanager.testsupport;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes a file impossible to rename or delete, even for root ({@code chattr +i}), to provoke a
 * failed move midway through a multi-file operation. Tests assume it works and skip otherwise.
 */
public final class ImmutableFiles {

  private ImmutableFiles() {}

  /** Sets or clears the immutable attribute; false when the file system or rights refuse. */
  public static boolean set(Path file, boolean immutable) throws InterruptedException {
    try {
      Process chattr =
          new ProcessBuilder("chattr", immutable ? "+i" : "-i", file.toString())
              .redirectErrorStream(true)
              .start();
      chattr.getInputStream().readAllBytes();
      return chattr.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
