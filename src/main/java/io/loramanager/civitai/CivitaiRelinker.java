package io.loramanager.civitai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.lifecycle.SidecarEditor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * relink-civitai (anchor-library §5.5): points a model at a Civitai model (and version) chosen by
 * the user, then merges that version as a fetch would.
 */
@ApplicationScoped
public class CivitaiRelinker {

  private final SidecarEditor editor;
  private final CivitaiClient client;
  private final MetadataApplier applier;

  @Inject
  public CivitaiRelinker(SidecarEditor editor, CivitaiClient client, MetadataApplier applier) {
    this.editor = editor;
    this.client = client;
    this.applier = applier;
  }

  /** What the relink did, for the reference's message. */
  public record Relinked(ModelEntry entry, String message) {}

  public Relinked relink(ModelType type, String filePath, long modelId, Long versionId) {
    ModelEntry entry = editor.catalogued(type, filePath);
    String target = modelId + (versionId == null ? "" : " with version: " + versionId);
    ObjectNode version;
    try {
      version = client.modelVersion(modelId, versionId);
    } catch (CivitaiFailure e) {
      if (e.reason() != CivitaiFailure.Reason.NOT_FOUND) {
        throw e;
      }
      throw new CivitaiFailure(
          CivitaiFailure.Reason.NOT_FOUND, "Model version not found on CivitAI for ID: " + target);
    }
    ModelEntry relinked = applier.found(type, entry, version);
    return new Relinked(
        relinked,
        "Model successfully re-linked to Civitai model "
            + modelId
            + (versionId == null ? "" : " version " + versionId));
  }
}
