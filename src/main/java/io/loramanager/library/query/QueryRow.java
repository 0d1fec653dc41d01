package io.loramanager.library.query;

import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An entry with what queries compare precomputed once per snapshot: lower-cased names, tags and
 * creator, the resolved sub-type and the auto tags.
 */
public record QueryRow(
    ModelEntry entry,
    String pathLower,
    String fileNameLower,
    String modelNameLower,
    List<String> tagsLower,
    String creatorLower,
    String subType,
    List<String> autoTags) {

  public static QueryRow of(ModelType type, ModelEntry entry) {
    List<String> tags = new ArrayList<>(entry.tags().size());
    for (String tag : entry.tags()) {
      tags.add(tag.toLowerCase(Locale.ROOT));
    }
    String creator = entry.civitai() == null ? null : entry.civitai().creatorUsername();
    return new QueryRow(
        entry,
        entry.filePath().toLowerCase(Locale.ROOT),
        entry.fileName().toLowerCase(Locale.ROOT),
        entry.modelName().toLowerCase(Locale.ROOT),
        List.copyOf(tags),
        creator == null ? "" : creator.toLowerCase(Locale.ROOT),
        resolveSubType(type, entry),
        AutoTags.of(entry));
  }

  /**
   * The lower-case sub-type: {@code sub_type}, else Civitai's model type, else {@code lora} (the
   * reference's {@code resolve_sub_type} order).
   */
  static String resolveSubType(ModelType type, ModelEntry entry) {
    String value = entry.subType();
    if (value == null || value.isEmpty()) {
      value = entry.civitai() == null ? null : entry.civitai().modelType();
    }
    if (value == null || value.isEmpty()) {
      value = type == ModelType.LORA ? "lora" : type.id();
    }
    return value.toLowerCase(Locale.ROOT);
  }
}
