package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelHasher;
import io.loramanager.library.ModelType;
import io.loramanager.settings.LibrarySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * verify-duplicates (anchor-library §2.9): re-hashes a group of supposed duplicates, compares each
 * with the group's hash (the first file's stored hash) and writes every changed hash back to its
 * sidecar and the catalogue.
 */
@ApplicationScoped
public class DuplicateVerifier {

  private final SidecarEditor editor;
  private final LibrarySettings settings;
  private final ProgressEvents events;

  @Inject
  public DuplicateVerifier(SidecarEditor editor, LibrarySettings settings, ProgressEvents events) {
    this.editor = editor;
    this.settings = settings;
    this.events = events;
  }

  /**
   * @param verifiedAsDuplicates every file still hashes to the group's hash
   * @param mismatchedFiles the files that do not
   * @param newHashMap their fresh hashes, by path
   */
  public record Verification(
      boolean verifiedAsDuplicates, List<String> mismatchedFiles, Map<String, String> newHashMap) {}

  public Verification verify(ModelType type, JsonNode filePaths) {
    List<ModelEntry> entries = entries(type, filePaths);
    String expected = entries.get(0).sha256();
    List<String> mismatched = new ArrayList<>();
    Map<String, String> fresh = new LinkedHashMap<>();
    boolean changed = false;
    for (ModelEntry entry : entries) {
      String sha = hash(entry);
      if (!sha.equals(expected)) {
        mismatched.add(entry.filePath());
        fresh.put(entry.filePath(), sha);
      }
      if (!sha.equals(entry.sha256())) {
        editor.edit(
            type,
            entry.filePath(),
            (e, sidecar) -> {
              sidecar.put("sha256", sha);
              sidecar.put("hash_status", "completed");
            });
        changed = true;
      }
    }
    if (changed) {
      events.modelsChanged();
    }
    return new Verification(mismatched.isEmpty(), List.copyOf(mismatched), fresh);
  }

  /** Every path must name a catalogued model before any file is hashed. */
  private List<ModelEntry> entries(ModelType type, JsonNode filePaths) {
    if (filePaths == null || !filePaths.isArray() || filePaths.isEmpty()) {
      throw LmException.badInput("No file paths provided for verification");
    }
    List<ModelEntry> entries = new ArrayList<>();
    for (JsonNode path : filePaths) {
      if (!path.isTextual()) {
        throw LmException.badInput("file_paths must be a list of strings");
      }
      entries.add(editor.catalogued(type, path.asText()));
    }
    return entries;
  }

  private String hash(ModelEntry entry) {
    try {
      return ModelHasher.sha256(Path.of(entry.filePath()), settings.hashChunkBytes());
    } catch (IOException e) {
      throw SidecarEditor.unavailable("Cannot hash " + entry.filePath(), e);
    }
  }
}
