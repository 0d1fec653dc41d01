package io.loramanager.library;

import java.util.List;

/**
 * One catalogued model: the light entry of anchor-library §2.5, built from its sidecar and kept in
 * memory and in SQLite. Immutable; a change makes a new entry.
 *
 * @param autov3 null = never checked, "" = checked with no value, else 12 hex characters
 * @param subType {@code checkpoint}, {@code diffusion_model} or {@code embedding}; null for LoRAs
 * @param civitai the slim Civitai reference, or null when the sidecar has none
 */
public record ModelEntry(
    String filePath,
    String fileName,
    String modelName,
    String folder,
    long size,
    double modified,
    String sha256,
    String autov3,
    String baseModel,
    String previewUrl,
    int previewNsfwLevel,
    boolean fromCivitai,
    boolean favorite,
    boolean exclude,
    boolean dbChecked,
    boolean civitaiDeleted,
    boolean skipMetadataRefresh,
    String notes,
    String usageTips,
    String metadataSource,
    double lastCheckedAt,
    String hashStatus,
    String hfUrl,
    String subType,
    List<String> tags,
    CivitaiRef civitai,
    int licenseFlags,
    FileStamp stamp) {

  public ModelEntry {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The name shown and sorted on: model name, or file name when asked or when empty. */
  public String displayName(boolean preferFileName) {
    if (preferFileName) {
      return fileName.isEmpty() ? modelName : fileName;
    }
    return modelName.isEmpty() ? fileName : modelName;
  }

  public Long civitaiModelId() {
    return civitai == null ? null : civitai.modelId();
  }

  public Long civitaiVersionId() {
    return civitai == null ? null : civitai.id();
  }

  /** A copy with new file stamps (nothing else changed). */
  public ModelEntry withStamp(FileStamp newStamp) {
    return new ModelEntry(
        filePath,
        fileName,
        modelName,
        folder,
        size,
        modified,
        sha256,
        autov3,
        baseModel,
        previewUrl,
        previewNsfwLevel,
        fromCivitai,
        favorite,
        exclude,
        dbChecked,
        civitaiDeleted,
        skipMetadataRefresh,
        notes,
        usageTips,
        metadataSource,
        lastCheckedAt,
        hashStatus,
        hfUrl,
        subType,
        tags,
        civitai,
        licenseFlags,
        newStamp);
  }
}
