package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.events.ProgressEvents;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.PreviewLocator;
import io.loramanager.settings.LmConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jboss.logging.Logger;

/**
 * replace-preview (anchor-library §4.1): saves an uploaded image or video as the model's preview
 * {@code NAME.<ext>}, removes its other preview variants and points the sidecar at the new file.
 * The upload is checked by its content; the new file is complete before anything is replaced.
 */
@ApplicationScoped
public class PreviewReplacer {

  private static final Logger LOG = Logger.getLogger(PreviewReplacer.class);
  private static final String KEPT_SUFFIX = ".example.0.jpeg";

  private final SidecarEditor editor;
  private final ProgressEvents events;
  private final LmConfig config;

  @Inject
  public PreviewReplacer(SidecarEditor editor, ProgressEvents events, LmConfig config) {
    this.editor = editor;
    this.events = events;
    this.config = config;
  }

  /** The new preview file (forward slashes) and the sidecar's NSFW level. */
  public record Replaced(String previewPath, int nsfwLevel) {}

  /**
   * @param upload the uploaded file, or null when the request had none
   * @param nsfwLevel the new {@code preview_nsfw_level}, or null to keep it
   */
  public Replaced replace(ModelType type, String modelPath, Path upload, Integer nsfwLevel) {
    if (upload == null) {
      throw LmException.badInput("Expected 'preview_file' field");
    }
    if (modelPath == null || modelPath.isBlank()) {
      throw LmException.badInput("Expected 'model_path' field");
    }
    checkSize(upload);
    PreviewFormat format =
        PreviewFormat.sniff(head(upload))
            .orElseThrow(
                () ->
                    LmException.badInput(
                        "The preview must be a PNG, JPEG, WebP or GIF image or an MP4 or WebM"
                            + " video"));
    return apply(
        type, modelPath, new NewPreview(() -> Files.newInputStream(upload), format, nsfwLevel));
  }

  /**
   * The same as {@link #replace(ModelType, String, Path, Integer)} for content already in memory (a
   * preview fetched from a URL, size-checked by the fetch).
   */
  public Replaced replace(ModelType type, String modelPath, byte[] content, Integer nsfwLevel) {
    PreviewFormat format =
        PreviewFormat.sniff(content)
            .orElseThrow(
                () ->
                    LmException.badInput(
                        "The downloaded file is not a PNG, JPEG, WebP or GIF image or an MP4 or"
                            + " WebM video"));
    return apply(
        type,
        modelPath,
        new NewPreview(() -> new ByteArrayInputStream(content), format, nsfwLevel));
  }

  private Replaced apply(ModelType type, String modelPath, NewPreview edit) {
    ModelEntry entry = editor.edit(type, modelPath.trim(), edit);
    events.modelsChanged();
    return new Replaced(entry.previewUrl(), entry.previewNsfwLevel());
  }

  private void checkSize(Path upload) {
    long limit = config.lifecycle().maxPreviewBytes().asLongValue();
    long size;
    try {
      size = Files.size(upload);
    } catch (IOException e) {
      throw SidecarEditor.unavailable("Cannot read the uploaded preview", e);
    }
    if (size > limit) {
      throw LmException.tooLarge(
          "The preview is too large: " + size + " bytes (the limit is " + limit + " bytes)");
    }
  }

  private static byte[] head(Path upload) {
    try (InputStream in = Files.newInputStream(upload)) {
      return in.readNBytes(PreviewFormat.HEAD_BYTES);
    } catch (IOException e) {
      throw SidecarEditor.unavailable("Cannot read the uploaded preview", e);
    }
  }

  /** Where the new preview's bytes come from: an uploaded file or a download in memory. */
  private interface PreviewSource {
    InputStream open() throws IOException;
  }

  /** Copies the upload beside the model first; replaces the old variants once the sidecar is. */
  private static final class NewPreview implements SidecarEditor.Edit {

    private final PreviewSource upload;
    private final PreviewFormat format;
    private final Integer nsfwLevel;
    private Path target;
    private Path tmp;

    NewPreview(PreviewSource upload, PreviewFormat format, Integer nsfwLevel) {
      this.upload = upload;
      this.format = format;
      this.nsfwLevel = nsfwLevel;
    }

    @Override
    public void apply(ModelEntry entry, ObjectNode sidecar) throws IOException {
      Path model = Path.of(entry.filePath());
      String base = PathNames.baseName(model.getFileName().toString());
      target = model.resolveSibling(base + format.suffix());
      tmp = target.resolveSibling(target.getFileName() + ".tmp");
      PreviewScaling.write(upload::open, format, tmp);
      sidecar.put("preview_url", PathNames.slashes(target));
      if (nsfwLevel != null) {
        sidecar.put("preview_nsfw_level", nsfwLevel);
      }
    }

    @Override
    public void committed() throws IOException {
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      removeOtherVariants();
    }

    @Override
    public void abandoned() {
      if (tmp == null) {
        return;
      }
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        LOG.warnf("Cannot remove %s: %s", tmp, e.getMessage());
      }
    }

    /** Best effort: the new preview is in place and first in discovery order of its kind. */
    private void removeOtherVariants() {
      String fileName = target.getFileName().toString();
      String base = fileName.substring(0, fileName.length() - format.suffix().length());
      for (String suffix : PreviewLocator.SUFFIXES) {
        Path variant = target.resolveSibling(base + suffix);
        if (suffix.equals(KEPT_SUFFIX) || variant.equals(target)) {
          continue;
        }
        try {
          Files.deleteIfExists(variant);
        } catch (IOException e) {
          LOG.warnf("Cannot remove the old preview %s: %s", variant, e.getMessage());
        }
      }
    }
  }
}
