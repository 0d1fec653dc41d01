package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.query.AutoTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** save-metadata and add-tags (anchor-library §4.1): sidecar edits kept in the catalogue. */
@ApplicationScoped
public class MetadataEditService {

  private final SidecarEditor editor;
  private final ProgressEvents events;

  @Inject
  public MetadataEditService(SidecarEditor editor, ProgressEvents events) {
    this.editor = editor;
    this.events = events;
  }

  /** The result of add-tags: every tag of the model and its auto tags. */
  public record TagsResult(List<String> tags, List<String> autoTags) {}

  /**
   * Merges {@code body} (minus {@code file_path}) into the model's sidecar.
   *
   * @return the model's auto tags afterwards
   */
  public List<String> saveMetadata(ModelType type, ObjectNode body) {
    String filePath = filePath(body);
    SidecarMerge.validate(body);
    ModelEntry entry =
        editor.edit(type, filePath, (e, sidecar) -> SidecarMerge.merge(sidecar, body));
    events.modelsChanged();
    return AutoTags.of(entry);
  }

  /** Appends the normalised tags the model does not have yet. */
  public TagsResult addTags(ModelType type, ObjectNode body) {
    String filePath = filePath(body);
    JsonNode tags = body.get("tags");
    SidecarMerge.normaliseTags(tags);
    List<String> all = new ArrayList<>();
    ModelEntry entry =
        editor.edit(
            type, filePath, (e, sidecar) -> all.addAll(SidecarMerge.addTags(sidecar, tags)));
    events.modelsChanged();
    return new TagsResult(List.copyOf(all), AutoTags.of(entry));
  }

  private static String filePath(ObjectNode body) {
    JsonNode path = body == null ? null : body.get(SidecarMerge.FILE_PATH);
    if (path == null || !path.isTextual() || path.asText().isBlank()) {
      throw LmException.badInput("file_path is required");
    }
    return path.asText();
  }
}
