package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.loramanager.library.LibraryWalker;
import io.loramanager.storage.JsonFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /** Manifest writes in flight at once; each ends in an fsync, which mostly waits. */
  private static final int WRITERS = 8;

  private final JsonFiles json;
  private final ExecutorService writers =
      Executors.newFixedThreadPool(
          WRITERS,
          task -> {
            Thread thread = new Thread(task, "lm-manifest-writer");
            thread.setDaemon(true);
            return thread;
          });

  @Inject
  public StagingArea(JsonFiles json) {
    this.json = json;
  }

  @PreDestroy
  void stop() {
    writers.shutdownNow();
  }

  /** A manifest that could not be written, and the staging folder it belongs to. */
  public static final class ManifestNotWritten extends IOException {
    private final transient Path dir;

    ManifestNotWritten(Path dir, IOException cause) {
      super(cause.getMessage(), cause);
      this.dir = dir;
    }

    public Path dir() {
      return dir;
    }

    public IOException reason() {
      return (IOException) getCause();
    }
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
   * Writes the manifests of several staging folders, several at a time: a bulk delete spans
   * hundreds of folders, and concurrent fsyncs share the file system's journal commits. Returns
   * when every write has ended.
   *
   * @throws ManifestNotWritten for the first folder (in map order) whose manifest failed
   */
  public void writeAll(Map<Path, StagingManifest> manifests) throws ManifestNotWritten {
    if (manifests.size() == 1) {
      Map.Entry<Path, StagingManifest> only = manifests.entrySet().iterator().next();
      writeOne(only.getKey(), only.getValue());
      return;
    }
    List<Map.Entry<Path, Future<Void>>> writes = new ArrayList<>();
    for (Map.Entry<Path, StagingManifest> manifest : manifests.entrySet()) {
      writes.add(
          Map.entry(
              manifest.getKey(),
              writers.submit(
                  () -> {
                    writeOne(manifest.getKey(), manifest.getValue());
                    return null;
                  })));
    }
    ManifestNotWritten first = null;
    for (Map.Entry<Path, Future<Void>> write : writes) {
      try {
        write.getValue().get();
      } catch (ExecutionException e) {
        if (first == null) {
          first =
              e.getCause() instanceof ManifestNotWritten failed
                  ? failed
                  : new ManifestNotWritten(write.getKey(), new IOException(e.getCause()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (first == null) {
          first = new ManifestNotWritten(write.getKey(), new IOException("interrupted", e));
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void writeOne(Path dir, StagingManifest manifest) throws ManifestNotWritten {
    try {
      write(dir, manifest);
    } catch (IOException e) {
      throw new ManifestNotWritten(dir, e);
    }
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
