package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.loramanager.library.LibraryWalker;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The staging folders {@code <model folder>/.lm-pending-delete/<batch>/} on disk: creating them,
 * their manifests, and getting rid of them. A folder we cannot account for is quarantined (renamed
 * to {@code quarantine-<name>}), never deleted: it may hold the only copy of a user's model.
 */
@ApplicationScoped
public class StagingArea {

  static final String QUARANTINE_PREFIX = "quarantine-";
  private static final Logger LOG = Logger.getLogger(StagingArea.class);

  private final JsonFiles json;

  @Inject
  public StagingArea(JsonFiles json) {
    this.json = json;
  }

  /** The staging folder of a batch for models of {@code modelFolder}. */
  public static Path dirOf(Path modelFolder, String batchId) {
    return modelFolder.resolve(LibraryWalker.PENDING_DELETE_DIR).resolve(batchId);
  }

  /** Writes the manifest atomically (a crash leaves the old one or the new one). */
  public void write(Path dir, StagingManifest manifest) throws IOException {
    json.write(dir.resolve(StagingManifest.FILE_NAME), manifest.toJson());
  }

  /**
   * The manifest of {@code dir}.
   *
   * @throws IOException when it is missing, unreadable, or not one we can act on safely
   */
  public StagingManifest read(Path dir) throws IOException {
    try {
      return StagingManifest.parse(json.readObject(dir.resolve(StagingManifest.FILE_NAME)), dir);
    } catch (NoSuchFileException e) {
      throw new IOException("manifest missing", e);
    } catch (JsonProcessingException e) {
      throw new IOException("manifest is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException("manifest is unusable: " + e.getMessage(), e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("not a JSON object")) {
        throw new IOException("manifest is not a JSON object", e);
      }
      throw e;
    }
  }

  /** Renames {@code dir} aside so that nothing ever deletes it; returns the new path. */
  public Path quarantine(Path dir, String why) throws IOException {
    Path target = dir.resolveSibling(QUARANTINE_PREFIX + dir.getFileName());
    for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
      target = dir.resolveSibling(QUARANTINE_PREFIX + dir.getFileName() + "-" + n);
    }
    Files.move(dir, target);
    LOG.warnf("Quarantined pending-delete folder %s as %s: %s", dir, target, why);
    return target;
  }

  /**
   * Removes the manifest and the folder once its files are gone (restored or purged), and the
   * {@code .lm-pending-delete} folder when nothing else is in it. Anything left over is
   * quarantined.
   */
  public void discard(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(StagingManifest.FILE_NAME));
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      quarantine(dir, "files not listed in its manifest were left in it");
    }
    removeIfEmpty(dir.getParent());
  }

  /** Deletes an empty {@code .lm-pending-delete} folder; keeps it when anything is in it. */
  public void removeIfEmpty(Path pendingDir) {
    try {
      Files.deleteIfExists(pendingDir);
    } catch (DirectoryNotEmptyException e) {
      // Other batches still wait in it.
    } catch (IOException e) {
      LOG.debugf("Cannot remove %s: %s", pendingDir, e.getMessage());
    }
  }

  /** What a person needs to know about a failed file operation: the OS reason, not a class. */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A batch interrupted while staging was never confirmed to the user: put its files back. */
  public void rollBackInterrupted(Path dir, StagingManifest manifest) throws IOException {
    boolean complete = true;
    for (StagingManifest.Entry entry : manifest.entries()) {
      if (!Files.exists(entry.staged(), LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (Files.exists(entry.original(), LinkOption.NOFOLLOW_LINKS)) {
        complete = false;
        continue;
      }
      try {
        Files.move(entry.staged(), entry.original());
      } catch (IOException e) {
        complete = false;
        LOG.warnf("Cannot restore %s: %s", entry.original(), reason(e));
      }
    }
    if (complete) {
      discard(dir);
      LOG.infof("Rolled back interrupted delete batch %s in %s", manifest.batchId(), dir);
    } else {
      quarantine(dir, "an interrupted delete could not be rolled back completely");
    }
  }
}
