package io.loramanager.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code NAME.metadata.json} sidecars and reads {@code NAME.civitai.info}. */
@ApplicationScoped
public class SidecarStore {

  public static final String SUFFIX = ".metadata.json";
  public static final String CIVITAI_INFO_SUFFIX = ".civitai.info";

  private final JsonFiles json;

  @Inject
  public SidecarStore(JsonFiles json) {
    this.json = json;
  }

  /** The sidecar path of a model file. */
  public static Path sidecarOf(Path model) {
    String name = model.getFileName().toString();
    return model.resolveSibling(PathNames.baseName(name) + SUFFIX);
  }

  /**
   * Reads a sidecar.
   *
   * @return the metadata, or null when there is no sidecar
   * @throws CorruptSidecarException when it is not valid JSON or lacks a required field
   * @throws IOException when it cannot be read
   */
  public ModelMetadata read(Path sidecar) throws CorruptSidecarException, IOException {
    ObjectNode node;
    try {
      node = json.readObject(sidecar);
    } catch (NoSuchFileException e) {
      return null;
    } catch (JsonProcessingException e) {
      throw new CorruptSidecarException("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("not a JSON object")) {
        throw new CorruptSidecarException("not a JSON object");
      }
      throw e;
    }
    return ModelMetadata.of(node);
  }

  /** Reads a {@code .civitai.info} payload, or null when it is missing or unreadable. */
  public ObjectNode readCivitaiInfo(Path info) {
    if (!Files.isRegularFile(info)) {
      return null;
    }
    try {
      return json.readObject(info);
    } catch (IOException e) {
      return null;
    }
  }

  /** Saves atomically; unknown keys are kept, {@code _}-prefixed keys dropped. */
  public void write(Path sidecar, ModelMetadata metadata) throws IOException {
    json.write(sidecar, metadata.toNode());
  }
}
