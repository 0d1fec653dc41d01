package io.loramanager.library.lifecycle;

import io.loramanager.library.CivitaiRef;
import io.loramanager.library.ModelEntry;
import java.util.List;

/**
 * What a path template can name about a model. A catalogued model gives them with {@link
 * #of(ModelEntry)}; a download builds them from the Civitai version it fetches.
 *
 * @param baseModel the base model as recorded (before {@code base_model_path_mappings})
 * @param tags the model's tags, in order
 * @param author the Civitai creator, or {@code Anonymous}
 * @param modelName the model name (sanitized by the template)
 * @param versionName the Civitai version name, or "" (sanitized by the template)
 */
public record TemplateValues(
    String baseModel, List<String> tags, String author, String modelName, String versionName) {

  public static final String NO_AUTHOR = "Anonymous";

  public TemplateValues {
    baseModel = baseModel == null ? "" : baseModel;
    tags = tags == null ? List.of() : List.copyOf(tags);
    author = author == null || author.isBlank() ? NO_AUTHOR : author;
    modelName = modelName == null ? "" : modelName;
    versionName = versionName == null ? "" : versionName;
  }

  /** The values of a catalogued model; the author counts only for a model linked to Civitai. */
  public static TemplateValues of(ModelEntry entry) {
    CivitaiRef civitai = entry.civitai();
    boolean linked = civitai != null && civitai.id() != null;
    return new TemplateValues(
        entry.baseModel(),
        entry.tags(),
        linked ? civitai.creatorUsername() : null,
        entry.modelName(),
        civitai == null ? null : civitai.name());
  }
}
