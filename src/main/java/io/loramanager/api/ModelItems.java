package io.loramanager.api;

import io.loramanager.library.CivitaiRef;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.query.ListedModel;
import io.loramanager.library.query.QueryRow;
import io.loramanager.storage.JsonMapperSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps catalogue rows to {@link ModelItem} cards and preview paths to preview URLs. */
public final class ModelItems {

  public static final String PREVIEW_ENDPOINT = "/api/lm/previews?path=";

  private ModelItems() {}

  public static ModelItem of(ModelType type, ListedModel listed) {
    return of(type, listed.row(), listed.versionCount());
  }

  public static ModelItem of(ModelType type, ModelEntry entry) {
    return of(type, QueryRow.of(type, entry), null);
  }

  public static List<ModelItem> of(ModelType type, List<ModelEntry> entries) {
    return entries.stream().map(entry -> of(type, entry)).toList();
  }

  private static ModelItem of(ModelType type, QueryRow row, Integer versionCount) {
    ModelEntry e = row.entry();
    return new ModelItem(
        e.modelName().isEmpty() ? e.fileName() : e.modelName(),
        e.fileName(),
        previewUrl(e.previewUrl()),
        e.previewNsfwLevel(),
        e.baseModel(),
        e.folder(),
        e.sha256(),
        e.filePath(),
        e.size(),
        JsonMapperSettings.plain(e.modified()),
        e.tags(),
        e.fromCivitai(),
        type == ModelType.EMBEDDING ? null : 0,
        type == ModelType.LORA ? e.usageTips() : null,
        e.notes(),
        e.favorite(),
        e.exclude(),
        false,
        e.skipMetadataRefresh(),
        row.subType(),
        civitai(e.civitai()),
        row.autoTags(),
        versionCount,
        e.hfUrl());
  }

  /** {@code /api/lm/previews?path=<encoded>} for a preview file path, or "". */
  public static String previewUrl(String previewPath) {
    if (previewPath == null || previewPath.isEmpty()) {
      return "";
    }
    return PREVIEW_ENDPOINT
        + URLEncoder.encode(previewPath, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("%2F", "/");
  }

  /** The minimal Civitai subset of a card: id, modelId, name, trainedWords. */
  private static Map<String, Object> civitai(CivitaiRef ref) {
    Map<String, Object> civitai = new LinkedHashMap<>();
    if (ref != null) {
      civitai.put("id", ref.id());
      civitai.put("modelId", ref.modelId());
      civitai.put("name", ref.name());
      civitai.put("trainedWords", ref.trainedWords());
    }
    return civitai;
  }
}
