package io.loramanager.civitai;

import io.loramanager.library.ModelEntry;
import java.util.List;

/**
 * Which models a bulk refresh asks Civitai about (anchor-library §5.7): not opted out, not in a
 * skipped folder, not linked to a Civitai version yet, not from Hugging Face, not confirmed gone
 * (this server has no archive database, so "deleted on Civitai" is final), not excluded.
 */
public final class RefreshCandidates {

  private RefreshCandidates() {}

  /**
   * @param skipPaths folders (relative to the model root, {@code /}-separated) left out with
   *     everything under them
   */
  public static List<ModelEntry> select(List<ModelEntry> entries, List<String> skipPaths) {
    List<String> skipped =
        skipPaths.stream()
            .map(p -> p.replace('\\', '/').replaceAll("^/+|/+$", ""))
            .filter(p -> !p.isEmpty())
            .toList();
    return entries.stream()
        .filter(e -> !e.skipMetadataRefresh())
        .filter(e -> !e.exclude())
        .filter(e -> e.civitaiVersionId() == null)
        .filter(e -> e.hfUrl() == null || e.hfUrl().isBlank())
        .filter(e -> !(!e.fromCivitai() && e.civitaiDeleted()))
        .filter(e -> skipped.stream().noneMatch(skip -> under(e.folder(), skip)))
        .toList();
  }

  private static boolean under(String folder, String skip) {
    String f = folder == null ? "" : folder;
    return f.equals(skip) || f.startsWith(skip + "/");
  }
}
