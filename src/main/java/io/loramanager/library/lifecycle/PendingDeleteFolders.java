package io.loramanager.library.lifecycle;

import io.loramanager.library.LibraryWalker;
import io.loramanager.library.ModelRoot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Finds the {@code .lm-pending-delete} folders an earlier run left under the roots, and the batch
 * folders in each (named by a batch id). Quarantined folders do not match and are left alone.
 */
final class PendingDeleteFolders {

  private static final Logger LOG = Logger.getLogger(PendingDeleteFolders.class);

  private PendingDeleteFolders() {}

  /** Each pending-delete folder, in walk order, with its batch folders. */
  static Map<Path, List<Path>> find(List<ModelRoot> roots) {
    Map<Path, List<Path>> found = new LinkedHashMap<>();
    Set<Path> walked = new HashSet<>();
    for (ModelRoot root : roots) {
      if (walked.add(root.realPath())) {
        walk(root.path(), found);
      }
    }
    return found;
  }

  private static void walk(Path root, Map<Path, List<Path>> found) {
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (LibraryWalker.PENDING_DELETE_DIR.equals(String.valueOf(dir.getFileName()))) {
                List<Path> batches = batchDirs(dir);
                if (batches != null) {
                  found.put(dir, batches);
                }
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      LOG.warnf("Cannot sweep %s for pending deletes: %s", root, StagingArea.reason(e));
    }
  }

  /** The batch folders of one pending-delete folder; null when it cannot be listed. */
  private static List<Path> batchDirs(Path pending) {
    List<Path> batchDirs = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(pending)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
            && StagingManifest.BATCH_ID.matcher(name).matches()) {
          batchDirs.add(child);
        }
      }
    } catch (IOException e) {
      LOG.warnf("Cannot list %s: %s", pending, StagingArea.reason(e));
      return null;
    }
    return batchDirs;
  }
}
