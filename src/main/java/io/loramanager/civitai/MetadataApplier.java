package io.loramanager.civitai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.lifecycle.SidecarEditor;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.AtomicFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Writes what Civitai said into a model's sidecar and the catalogue, as the type's one writer: the
 * merge of §5.5, and a preview when the model has none (fetched before the lock is taken). The
 * sidecar is written atomically and only once the whole change is ready, so a failure leaves it as
 * it was.
 */
@ApplicationScoped
public class MetadataApplier {

  private final SidecarEditor editor;
  private final PreviewDownloader previews;
  private final SettingsStore settings;
  private final Clock clock;

  @Inject
  public MetadataApplier(
      SidecarEditor editor, PreviewDownloader previews, SettingsStore settings, Clock clock) {
    this.editor = editor;
    this.previews = previews;
    this.settings = settings;
    this.clock = clock;
  }

  /** Merges a found version into the model's sidecar; returns the new catalogue entry. */
  public ModelEntry found(ModelType type, ModelEntry entry, ObjectNode payload) {
    Optional<PreviewDownloader.Downloaded> preview = Optional.empty();
    if (lacksPreview(entry.previewUrl())) {
      preview =
          PreviewChoice.choose(
                  payload.path("images"),
                  settings.bool("blur_mature_content", true),
                  PreviewChoice.threshold(settings.string("mature_blur_level", "R")))
              .flatMap(previews::download);
    }
    double now = clock.millis() / 1000.0;
    return editor.edit(type, entry.filePath(), new Update(payload, now, preview.orElse(null)));
  }

  /** Records that Civitai does not know the model (§5.4 "not found"). */
  public ModelEntry notFound(ModelType type, ModelEntry entry) {
    double now = clock.millis() / 1000.0;
    return editor.edit(type, entry.filePath(), (e, sidecar) -> CivitaiMerge.notFound(sidecar, now));
  }

  static boolean lacksPreview(String previewPath) {
    return previewPath == null
        || previewPath.isBlank()
        || !Files.isRegularFile(Path.of(previewPath));
  }

  /** The merge, plus the preview file put in place once the sidecar is written. */
  private static final class Update implements SidecarEditor.Edit {

    private final ObjectNode payload;
    private final double now;
    private final PreviewDownloader.Downloaded preview;
    private Path target;

    Update(ObjectNode payload, double now, PreviewDownloader.Downloaded preview) {
      this.payload = payload;
      this.now = now;
      this.preview = preview;
    }

    @Override
    public void apply(ModelEntry entry, ObjectNode sidecar) {
      CivitaiMerge.found(sidecar, payload, now);
      if (preview != null && lacksPreview(sidecar.path("preview_url").asText(""))) {
        Path model = Path.of(entry.filePath());
        String base = PathNames.baseName(model.getFileName().toString());
        target = model.resolveSibling(base + preview.format().suffix());
        sidecar.put("preview_url", PathNames.slashes(target));
        sidecar.put("preview_nsfw_level", preview.nsfwLevel());
      }
    }

    @Override
    public void committed() throws IOException {
      if (target != null) {
        AtomicFiles.write(target, preview.bytes());
      }
    }
  }
}
