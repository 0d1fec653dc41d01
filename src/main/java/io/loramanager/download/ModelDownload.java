package io.loramanager.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.civitai.CivitaiClient;
import io.loramanager.civitai.CivitaiFailure;
import io.loramanager.civitai.PreviewChoice;
import io.loramanager.civitai.PreviewDownloader;
import io.loramanager.errors.LmException;
import io.loramanager.library.DownloadedVersions;
import io.loramanager.library.ModelCatalog;
import io.loramanager.library.ModelEntry;
import io.loramanager.library.ModelType;
import io.loramanager.library.PathNames;
import io.loramanager.library.SidecarStore;
import io.loramanager.library.examples.ExampleImagesRunner;
import io.loramanager.settings.LmConfig;
import io.loramanager.settings.SettingsStore;
import io.loramanager.storage.AtomicFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Downloads one Civitai model version into the library (anchor-downloads §3.2, §3.5): gates, file
 * and mirror choice, target folder, preview, the verified transfer, the sidecar and the catalogue.
 * Blocking; the {@link DownloadManager} runs it on its own threads.
 */
@ApplicationScoped
public class ModelDownload {

  private static final Logger LOG = Logger.getLogger(ModelDownload.class);

  /** A reason the download does not happen, told to the client as {@code success: false}. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final CivitaiClient civitai;
  private final ModelCatalog catalog;
  private final SettingsStore settings;
  private final TransferEngines engines;
  private final PreviewDownloader previews;
  private final DownloadFrames frames;
  private final LmConfig config;
  private final DownloadTarget targets;
  private final SkipRules skipRules;
  private final DownloadedVersions history;
  private final DownloadedSidecars sidecars;
  private final LibraryAdditions additions;
  private final ExampleImagesRunner examples;

  @Inject
  public ModelDownload(
      CivitaiClient civitai,
      ModelCatalog catalog,
      SettingsStore settings,
      TransferEngines engines,
      PreviewDownloader previews,
      DownloadFrames frames,
      LmConfig config,
      DownloadTarget targets,
      SkipRules skipRules,
      DownloadedVersions history,
      DownloadedSidecars sidecars,
      LibraryAdditions additions,
      ExampleImagesRunner examples) {
    this.civitai = civitai;
    this.catalog = catalog;
    this.settings = settings;
    this.engines = engines;
    this.previews = previews;
    this.frames = frames;
    this.config = config;
    this.targets = targets;
    this.skipRules = skipRules;
    this.history = history;
    this.sidecars = sidecars;
    this.additions = additions;
    this.examples = examples;
  }

  /** What a finished download left in the library. */
  record Downloaded(Path file, long size) {}

  /**
   * Runs the flow.
   *
   * @throws Refused for a gate or a failed transfer, with the reference's message
   * @throws DownloadSkipped when a skip rule stops it before any transfer
   * @throws LmException for a path outside the roots (400)
   * @throws TransferFailure with reason CANCELLED when cancelled or skipped
   * @param placed told where the download saves, once that is known and before any byte moves
   */
  Downloaded run(
      String id,
      DownloadSpec spec,
      TransferControl control,
      Consumer<DownloadTarget.Place> placed) {
    if (spec.versionId() != null && spec.fileParams() == null) {
      versionGate(spec.versionId(), List.of(ModelType.values()));
    }
    ObjectNode version = fetch(spec);
    ModelType type = typeOf(version);
    long versionId = spec.versionId() != null ? spec.versionId() : version.path("id").asLong();
    Optional<JsonNode> explicit = VersionFiles.explicit(version, spec.fileParams());
    skipRules.check(type, versionId, version, explicit.isPresent());
    if (explicit.isEmpty() && (spec.fileParams() != null || spec.versionId() == null)) {
      versionGate(versionId, List.of(type));
    }
    if (explicit.isPresent()) {
      fileGate(type, versionId, explicit.get());
    }
    DownloadTarget.Place place = targets.place(type, spec, version);
    placed.accept(place);
    Path folder = place.folder();
    String earlyAccess = EarlyAccess.paymentMessage(version);
    if (earlyAccess != null) {
      progress(id, 1);
    }
    progress(id, 0);
    JsonNode file =
        explicit
            .or(() -> VersionFiles.primary(version))
            .orElseThrow(() -> new Refused("No suitable file found in metadata"));
    List<URI> urls = VersionFiles.urls(file);
    if (urls.isEmpty()) {
      throw new Refused("No mirror URL found");
    }
    String name = file.path("name").asText("").trim();
    if (name.isEmpty()) {
      throw new Refused("No filename found in file info");
    }
    Optional<String> sha256 = VersionFiles.sha256(file);
    Path target = DownloadTarget.freeName(folder, name, sha256.orElse(""));
    if (!folder.equals(target.getParent())
        || !(type.accepts(target.getFileName().toString()) || ZipExtraction.isZip(target))) {
      throw new Refused("No suitable file found in metadata");
    }
    // Everything this download made besides the .part, removed again if it fails.
    List<Path> made = new ArrayList<>();
    try {
      DownloadedModels.SavedPreview preview = preview(id, version, target);
      if (preview != null) {
        made.add(preview.file());
      }
      TransferResult result = transfer(id, urls, target, sha256, control, earlyAccess);
      List<DownloadedModels.ModelFile> files = DownloadedModels.of(type, result, made);
      List<DownloadedModels.SavedPreview> previews =
          DownloadedModels.previews(preview, files, made);
      for (int i = 0; i < files.size(); i++) {
        made.add(SidecarStore.sidecarOf(files.get(i).path()));
        sidecars.write(type, version, files.get(i), previews.get(i));
      }
      additions.add(type, files);
      remember(type, versionId, version, file, files.get(0).path());
      examples.afterModelDownloaded(type, files.get(0).sha256()); // §7.9, when the setting is on
      progress(id, 100);
      return new Downloaded(files.get(0).path(), files.get(0).size());
    } catch (RuntimeException failure) {
      deleteQuietly(SidecarStore.sidecarOf(target));
      made.forEach(ModelDownload::deleteQuietly);
      if (control.state() == TransferControl.State.CANCELLED) {
        deleteQuietly(target);
        deleteQuietly(TransferRequest.partFileOf(target));
      }
      throw failure;
    }
  }

  private ObjectNode fetch(DownloadSpec spec) {
    try {
      ObjectNode version =
          spec.versionId() != null
              ? civitai.enrichedVersion(spec.versionId())
              : civitai.modelVersion(spec.modelId(), null);
      return version.deepCopy();
    } catch (CivitaiFailure e) {
      LOG.infof("Version lookup failed: %s", e.getMessage());
      throw new Refused("Failed to fetch model metadata: " + e.getMessage());
    }
  }

  private static ModelType typeOf(JsonNode version) {
    String type = version.path("model").path("type").asText("");
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "checkpoint" -> ModelType.CHECKPOINT;
      case "lora", "locon", "dora" -> ModelType.LORA;
      case "textualinversion" -> ModelType.EMBEDDING;
      default -> throw new Refused("Model type \"" + type + "\" is not supported for download");
    };
  }

  private void versionGate(long versionId, List<ModelType> types) {
    for (ModelType type : types) {
      for (ModelEntry entry : catalog.current(type).all()) {
        if (Long.valueOf(versionId).equals(entry.civitaiVersionId())) {
          throw new Refused("Model version already exists in " + type.id() + " library");
        }
      }
    }
  }

  /** Rule D2: the same file when both have a hash and they agree, else by extension-less name. */
  private void fileGate(ModelType type, long versionId, JsonNode file) {
    String name = file.path("name").asText("");
    String sha = VersionFiles.sha256(file).orElse("");
    for (ModelEntry entry : catalog.current(type).all()) {
      if (!Long.valueOf(versionId).equals(entry.civitaiVersionId())) {
        continue;
      }
      String local = entry.sha256() == null ? "" : entry.sha256().toLowerCase(Locale.ROOT);
      boolean same =
          !sha.isEmpty() && !local.isEmpty()
              ? sha.equals(local)
              : PathNames.baseName(Path.of(entry.filePath()).getFileName().toString())
                  .equals(PathNames.baseName(name));
      if (same) {
        throw new Refused(
            "File '"
                + name
                + "' from model version "
                + versionId
                + " already exists in "
                + type.id()
                + " library");
      }
    }
  }

  private DownloadedModels.SavedPreview preview(String id, JsonNode version, Path target) {
    if (version.path("images").isEmpty()) {
      return null;
    }
    progress(id, 1);
    DownloadedModels.SavedPreview written = null;
    Optional<PreviewDownloader.Downloaded> downloaded =
        PreviewChoice.choose(
                version.path("images"),
                settings.bool("blur_mature_content", true),
                PreviewChoice.threshold(settings.string("mature_blur_level", "R")))
            .flatMap(previews::download);
    if (downloaded.isPresent()) {
      String base = PathNames.baseName(target.getFileName().toString());
      Path file = target.resolveSibling(base + downloaded.get().format().suffix());
      try {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, downloaded.get().bytes());
        written = new DownloadedModels.SavedPreview(file, downloaded.get().nsfwLevel());
      } catch (IOException e) {
        LOG.warnf("Preview %s not saved: %s", file, e.getMessage());
      }
    }
    progress(id, 3);
    return written;
  }

  private TransferResult transfer(
      String id,
      List<URI> urls,
      Path target,
      Optional<String> sha256,
      TransferControl control,
      String earlyAccess) {
    TransferEngine engine = engines.current(); // one stall timeout for all the mirrors
    TransferFailure last = null;
    for (URI url : urls) {
      TransferRequest request =
          new TransferRequest(url, target, java.util.OptionalLong.empty(), sha256, this::apiKey);
      try {
        return engine.transfer(request, control, p -> transferProgress(id, control, p));
      } catch (TransferFailure failure) {
        if (failure.reason() == TransferFailure.Reason.CANCELLED) {
          throw failure;
        }
        LOG.infof("Download from %s failed: %s", url.getHost(), failure.getMessage());
        last = failure;
      }
    }
    if (earlyAccess != null && last != null && last.reason() == TransferFailure.Reason.HTTP) {
      throw new Refused(earlyAccess);
    }
    // The engine's message as it is: for a 401 the reference answers exactly "Invalid or missing
    // API key, or early access restriction." (its "Early access restriction: …" wrapper is only
    // for exceptions, see DownloadManager).
    throw new Refused(last == null ? "Failed to download file" : last.getMessage());
  }

  private Optional<String> apiKey() {
    String key = settings.string("civitai_api_key", "").trim();
    if (key.isEmpty()) {
      key = config.civitai().apiKey().map(String::trim).orElse("");
    }
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  private void transferProgress(String id, TransferControl control, TransferProgress progress) {
    // Built under the frames' lock: a stop or pause told meanwhile comes after this frame, or this
    // frame sees it (a stopped download sends no more progress).
    frames.sendBuilt(id, () -> control.isStopped() ? null : transferFrame(id, control, progress));
  }

  private ObjectNode transferFrame(String id, TransferControl control, TransferProgress progress) {
    int percent = (int) Math.round(Math.min(100, Math.max(0, 3 + 0.97 * progress.percent())));
    // The engine reports the exact count once it has stopped reading for a pause; that report is
    // a paused frame, so a client never sees "progress" between "paused" and "downloading".
    boolean paused = control.isPaused();
    ObjectNode frame = frames.frame(paused ? "paused" : "progress", percent, id);
    if (paused) {
      frame.put("message", "Download paused by user");
    }
    frame.put("bytes_downloaded", progress.bytesDownloaded());
    if (progress.totalBytes().isPresent()) {
      frame.put("total_bytes", progress.totalBytes().getAsLong());
    } else {
      frame.putNull("total_bytes");
    }
    frame.put("bytes_per_second", paused ? 0.0 : progress.bytesPerSecond());
    if (!paused && progress.etaSeconds().isPresent()) {
      frame.put("eta_seconds", progress.etaSeconds().getAsLong()); // ours; the reference has none
    }
    return frame;
  }

  private void progress(String id, int percent) {
    frames.send(id, frames.frame("progress", percent, id));
  }

  /**
   * Records the version (and the file) in the downloaded-version history; never fails the download.
   */
  private void remember(
      ModelType type, long versionId, JsonNode version, JsonNode file, Path path) {
    try {
      JsonNode modelId = version.path("modelId");
      history.markDownloaded(
          type.id(),
          versionId,
          new DownloadedVersions.Mark(
              modelId.canConvertToLong() ? modelId.asLong() : null,
              DownloadedVersions.Source.DOWNLOAD,
              PathNames.slashes(path),
              file.path("id").canConvertToLong() ? file.path("id").asLong() : null,
              file.path("name").asText(null)));
    } catch (RuntimeException e) {
      LOG.warnf("Downloaded-version history of %d not recorded: %s", versionId, e.getMessage());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf("Could not delete %s: %s", file, e.getMessage());
    }
  }
}
