package io.loramanager.civitai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelHasher;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.SidecarEditor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;

/**
 * fetch-civitai (anchor-library §5.4): looks a model up on Civitai by its SHA-256 (hashing a lazy
 * checkpoint first) and merges the answer into its sidecar. Civitai is asked before any lock is
 * taken; a failure of any kind leaves the sidecar as it was, except "not found", which is recorded
 * as {@code civitai_deleted}.
 */
@ApplicationScoped
public class MetadataFetcher {

  private static final int HASH_CHUNK = 1 << 20;

  private final SidecarEditor editor;
  private final CivitaiClient client;
  private final MetadataApplier applier;

  @Inject
  public MetadataFetcher(SidecarEditor editor, CivitaiClient client, MetadataApplier applier) {
    this.editor = editor;
    this.client = client;
    this.applier = applier;
  }

  /** Fetches the model at a path from a request: 400 outside the roots, 404 unknown. */
  public ModelEntry fetch(ModelType type, String filePath) {
    if (filePath == null || filePath.isBlank()) {
      throw LmException.badInput("file_path is required");
    }
    return fetch(type, editor.catalogued(type, filePath));
  }

  /** Fetches a catalogued model; the bulk refresh calls this for each candidate. */
  public ModelEntry fetch(ModelType type, ModelEntry entry) {
    ModelEntry hashed = ensureHash(type, entry);
    ObjectNode payload;
    try {
      payload = client.versionByHash(hashed.sha256());
    } catch (CivitaiFailure e) {
      if (e.reason() == CivitaiFailure.Reason.NOT_FOUND) {
        applier.notFound(type, hashed);
        throw new CivitaiFailure(
            CivitaiFailure.Reason.NOT_FOUND,
            "Error fetching metadata: Model not found on Civitai (file="
                + Path.of(hashed.filePath()).getFileName()
                + ", sha256="
                + hashed.sha256()
                + ")");
      }
      throw e;
    }
    return applier.found(type, hashed, payload);
  }

  /** The entry with a SHA-256: checkpoints are hashed now when pending; others must have one. */
  ModelEntry ensureHash(ModelType type, ModelEntry entry) {
    boolean complete =
        entry.sha256() != null
            && !entry.sha256().isEmpty()
            && (entry.hashStatus() == null || entry.hashStatus().equals("completed"));
    if (complete) {
      return entry;
    }
    if (type != ModelType.CHECKPOINT) {
      throw LmException.badInput("No SHA256 hash found for " + entry.filePath());
    }
    String sha256;
    try {
      sha256 = ModelHasher.sha256(Path.of(entry.filePath()), HASH_CHUNK);
    } catch (IOException e) {
      throw LmException.unavailable(
          "Failed to calculate SHA256 hash of " + entry.filePath() + ": " + e.getMessage());
    }
    return editor.edit(
        type,
        entry.filePath(),
        (e, sidecar) -> {
          sidecar.put("sha256", sha256);
          sidecar.put("hash_status", "completed");
        });
  }
}
