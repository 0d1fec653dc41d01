package io.loramanager.library.lifecycle;

import io.loramanager.library.LibraryWalker;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Removes folders left empty by moves. Never removes a pending-delete staging folder (or anything
 * in it), never follows a link, and never removes a folder that still holds anything.
 */
final class EmptyFolders {

  private EmptyFolders() {}

  /**
   * Removes the empty folders below {@code folder} (deepest first), then {@code folder} itself when
   * {@code includingItself} and it is empty; returns how many were removed.
   */
  static int removeBelow(Path folder, boolean includingItself) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && !staging(child)) {
          removed += removeBelow(child, true);
        }
      }
    } catch (IOException e) {
      return removed; // unreadable: leave it as it is
    }
    if (includingItself && removeIfEmpty(folder)) {
      removed++;
    }
    return removed;
  }

  private static boolean staging(Path folder) {
    return folder.getFileName().toString().startsWith(LibraryWalker.PENDING_DELETE_DIR);
  }

  private static boolean removeIfEmpty(Path folder) {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      if (children.iterator().hasNext()) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    try {
      Files.delete(folder);
      return true;
    } catch (IOException e) {
      return false; // filled meanwhile, or not ours to remove
    }
  }
}
