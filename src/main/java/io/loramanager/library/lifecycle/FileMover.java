package io.loramanager.library.lifecycle;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves one file without ever replacing another: an atomic rename where the file system allows it,
 * else (another device) a copy whose size is verified before the source is deleted.
 */
public final class FileMover {

  /** The two file-system steps, a seam so that the fallback can be tested on one device. */
  interface Steps {
    void rename(Path source, Path target) throws IOException;

    void copy(Path source, Path target) throws IOException;
  }

  static final Steps FILE_SYSTEM =
      new Steps() {
        @Override
        public void rename(Path source, Path target) throws IOException {
          Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void copy(Path source, Path target) throws IOException {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      };

  private final Steps steps;

  public FileMover() {
    this(FILE_SYSTEM);
  }

  FileMover(Steps steps) {
    this.steps = steps;
  }

  /**
   * Moves {@code source} to {@code target}.
   *
   * @throws FileAlreadyExistsException when anything exists at {@code target}
   * @throws IOException when the move fails; the source is then still in place
   */
  public void move(Path source, Path target) throws IOException {
    // An atomic rename replaces an existing target on POSIX, so refuse one first; the catalogue's
    // one-writer lock keeps our own operations from racing this check.
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString(), null, "the target already exists");
    }
    try {
      steps.rename(source, target);
    } catch (AtomicMoveNotSupportedException e) {
      copyThenDelete(source, target);
    }
  }

  private void copyThenDelete(Path source, Path target) throws IOException {
    long size = Files.size(source);
    steps.copy(source, target);
    try {
      long copied = Files.size(target);
      if (copied != size) {
        throw new IOException(
            "copy to " + target + " has " + copied + " bytes, the source has " + size);
      }
      Files.delete(source);
    } catch (IOException e) {
      // Keep exactly one whole copy: the source stays, the new copy goes.
      Files.deleteIfExists(target);
      throw e;
    }
  }
}
