package io.loramanager.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Turns one model file into a catalogue entry (anchor-library §2.3): reads its sidecar, or imports
 * {@code .civitai.info}, or creates a default sidecar (hashing LoRAs and embeddings, leaving
 * checkpoints pending); fixes stale names and previews; resolves AutoV3. A corrupt sidecar is
 * reported and left untouched.
 */
public final class ModelFileProcessor {

  private static final Logger LOG = Logger.getLogger(ModelFileProcessor.class);

  private final ModelType type;
  private final SidecarStore sidecars;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final int hashChunkBytes;

  public ModelFileProcessor(
      ModelType type, SidecarStore sidecars, ObjectMapper mapper, Clock clock, int hashChunkBytes) {
    this.type = type;
    this.sidecars = sidecars;
    this.mapper = mapper;
    this.clock = clock;
    this.hashChunkBytes = hashChunkBytes;
  }

  /** The entry, or the problem that kept the file out of the catalogue. */
  public sealed interface Outcome permits Catalogued, Problem {}

  public record Catalogued(ModelEntry entry) implements Outcome {}

  public record Problem(ScanProblem problem) implements Outcome {}

  public Outcome process(FoundModel found) {
    Path sidecarPath = found.path().resolveSibling(found.baseName() + SidecarStore.SUFFIX);
    try {
      ModelMetadata meta = found.stamp().sidecarSize() >= 0 ? sidecars.read(sidecarPath) : null;
      boolean dirty = false;
      if (meta == null) {
        meta = fromCivitaiInfo(found);
        if (meta == null) {
          meta = createDefault(found);
        }
        dirty = true;
      } else {
        dirty |= restoreFromCivitaiInfo(found, meta);
      }
      dirty |= fixLocation(found, meta);
      dirty |= ensureHash(found, meta);
      dirty |= resolveAutov3(found, meta);
      FileStamp stamp = found.stamp();
      if (dirty) {
        sidecars.write(sidecarPath, meta);
        BasicFileAttributes attrs = Files.readAttributes(sidecarPath, BasicFileAttributes.class);
        stamp =
            new FileStamp(
                stamp.fileSize(),
                stamp.fileMtimeMs(),
                attrs.size(),
                attrs.lastModifiedTime().toMillis());
      }
      return new Catalogued(
          EntryFactory.fromSidecar(
              type, meta, found.filePath(), found.folder(), found.root().subType(), stamp));
    } catch (CorruptSidecarException e) {
      LOG.warnf(
          "Skipping model %s due to corrupted metadata file: %s", found.filePath(), e.getMessage());
      return new Problem(new ScanProblem(found.filePath(), "corrupt sidecar: " + e.getMessage()));
    } catch (IOException e) {
      LOG.warnf("Cannot catalogue %s: %s", found.filePath(), e);
      return new Problem(new ScanProblem(found.filePath(), "unreadable: " + describe(e)));
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  private ModelMetadata createDefault(FoundModel found) throws IOException {
    String sha =
        type == ModelType.CHECKPOINT ? "" : ModelHasher.sha256(found.path(), hashChunkBytes);
    return ModelMetadata.createDefault(
        new ModelMetadata.NewModel(
            type,
            found.baseName(),
            found.filePath(),
            found.stamp().fileSize(),
            now(),
            sha,
            previewPath(found),
            SafetensorsHeader.autov3(found.path(), mapper),
            found.root().subType()));
  }

  private double now() {
    return clock.millis() / 1000.0;
  }

  private String previewPath(FoundModel found) {
    String preview = found.listing().previewOf(found.baseName());
    return preview == null ? "" : PathNames.slashes(found.path().resolveSibling(preview));
  }

  private ObjectNode civitaiInfo(FoundModel found) {
    if (found.listing().attributes(found.baseName() + SidecarStore.CIVITAI_INFO_SUFFIX) == null) {
      return null;
    }
    return sidecars.readCivitaiInfo(
        found.path().resolveSibling(found.baseName() + SidecarStore.CIVITAI_INFO_SUFFIX));
  }

  /** A sidecar built from {@code NAME.civitai.info} (external tools write these). */
  private ModelMetadata fromCivitaiInfo(FoundModel found) throws IOException {
    ObjectNode info = civitaiInfo(found);
    if (info == null) {
      return null;
    }
    JsonNode primary = primaryFile(info);
    String sha = primary.path("hashes").path("SHA256").asText("").toLowerCase(Locale.ROOT);
    if (sha.isEmpty()) {
      sha = ModelHasher.sha256(found.path(), hashChunkBytes);
    }
    ModelMetadata meta =
        ModelMetadata.createDefault(
            new ModelMetadata.NewModel(
                type,
                found.baseName(),
                found.filePath(),
                found.stamp().fileSize(),
                now(),
                sha,
                previewPath(found),
                "",
                found.root().subType()));
    ObjectNode node = meta.node();
    node.put("sha256", sha);
    node.put("hash_status", "completed");
    node.put("from_civitai", true);
    node.put("model_name", info.path("model").path("name").asText(found.baseName()));
    node.put("base_model", info.path("baseModel").asText("Unknown"));
    node.set("civitai", info.deepCopy());
    node.set(
        "tags",
        info.path("model").path("tags").isArray()
            ? info.path("model").path("tags").deepCopy()
            : mapper.createArrayNode());
    node.put("modelDescription", info.path("model").path("description").asText(""));
    node.put("metadata_source", "civitai_api");
    node.remove("autov3");
    return meta;
  }

  private static JsonNode primaryFile(JsonNode info) {
    JsonNode first = null;
    for (JsonNode file : info.path("files")) {
      if (file.path("primary").asBoolean(false)) {
        return file;
      }
      if (first == null) {
        first = file;
      }
    }
    return first == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : first;
  }

  /** An empty {@code civitai} is filled from {@code .civitai.info} (tags and description too). */
  private boolean restoreFromCivitaiInfo(FoundModel found, ModelMetadata meta) {
    JsonNode civitai = meta.node().get("civitai");
    if (civitai != null && civitai.isObject() && !civitai.isEmpty()) {
      return false;
    }
    ObjectNode info = civitaiInfo(found);
    if (info == null) {
      return false;
    }
    ObjectNode node = meta.node();
    node.set("civitai", info.deepCopy());
    if (meta.strings("tags").isEmpty() && info.path("model").path("tags").isArray()) {
      node.set("tags", info.path("model").path("tags").deepCopy());
    }
    if (meta.text("modelDescription", "").isEmpty()) {
      node.put("modelDescription", info.path("model").path("description").asText(""));
    }
    return true;
  }

  /** Keeps {@code file_name}, {@code file_path} and {@code preview_url} true to the disk. */
  private boolean fixLocation(FoundModel found, ModelMetadata meta) {
    boolean changed = false;
    ObjectNode node = meta.node();
    if (!found.baseName().equals(meta.text("file_name", null))) {
      node.put("file_name", found.baseName());
      changed = true;
    }
    if (!found.filePath().equals(meta.text("file_path", null))) {
      node.put("file_path", found.filePath());
      changed = true;
    }
    String preview = meta.text("preview_url", "");
    if (!previewStillThere(found, preview)) {
      String discovered = previewPath(found);
      if (!discovered.isEmpty() && !discovered.equals(preview)) {
        node.put("preview_url", discovered);
        changed = true;
      }
    }
    return changed;
  }

  /** True when the preview path names a file in the model's own folder that still exists. */
  static boolean previewStillThere(FoundModel found, String preview) {
    if (preview.isEmpty()) {
      return false;
    }
    String folderPrefix = PathNames.slashes(found.listing().dir()) + "/";
    return preview.startsWith(folderPrefix)
        && found.listing().attributes(preview.substring(folderPrefix.length())) != null;
  }

  private boolean ensureHash(FoundModel found, ModelMetadata meta) throws IOException {
    if (!meta.text("sha256", "").isEmpty()
        || "pending".equals(meta.text("hash_status", "completed"))) {
      return false;
    }
    meta.node().put("sha256", ModelHasher.sha256(found.path(), hashChunkBytes));
    meta.node().put("hash_status", "completed");
    return true;
  }

  /** Civitai's AutoV3 for our SHA-256 wins; the header is read only when never checked. */
  private boolean resolveAutov3(FoundModel found, ModelMetadata meta) {
    String current = meta.autov3();
    if (current != null && !current.isEmpty()) {
      return false;
    }
    String sha = meta.text("sha256", "").toLowerCase(Locale.ROOT);
    String value = "";
    for (JsonNode file : meta.civitai().path("files")) {
      JsonNode hashes = file.path("hashes");
      if (!sha.isEmpty() && sha.equalsIgnoreCase(hashes.path("SHA256").asText(""))) {
        value = SafetensorsHeader.normalise(hashes.path("AutoV3").asText(""));
      }
    }
    if (value.isEmpty() && current == null) {
      value = SafetensorsHeader.autov3(found.path(), mapper);
    }
    if (value.isEmpty()) {
      // "Checked, no value" lives in the catalogue only: writing it would rewrite every sidecar
      // of a library on its first scan for no information.
      if (current == null) {
        meta.node().putNull("autov3");
      }
      return false;
    }
    meta.node().put("autov3", value);
    return true;
  }
}
