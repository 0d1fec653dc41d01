package io.loramanager.library.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code .download_progress.json} in the example-images folder: which models are done, failed or
 * rate-limited, so that a stopped or interrupted run resumes where it was. Keys this server does
 * not know (e.g. {@code naming_version}) are kept; every write is atomic.
 */
@ApplicationScoped
public class ProgressFile {

  private static final Logger LOG = Logger.getLogger(ProgressFile.class);

  private final JsonFiles json;
  private final Clock clock;

  @Inject
  public ProgressFile(JsonFiles json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  /** The history a run starts from. */
  public record History(
      ObjectNode raw, Set<String> processed, Set<String> failed, Set<String> rateLimited) {}

  /**
   * Reads the file; a missing or unreadable one is an empty history (logged, never overwritten).
   */
  public History load(Path file) {
    ObjectNode raw = json.mapper().createObjectNode();
    if (Files.isRegularFile(file)) {
      try {
        raw = json.readObject(file);
      } catch (IOException e) {
        LOG.warnf("Example images progress %s is unreadable (%s); starting afresh", file, e);
      }
    }
    return new History(
        raw,
        hashes(raw.get("processed_models")),
        hashes(raw.get("failed_models")),
        hashes(raw.get("rate_limited_models")));
  }

  /** Writes the progress of a run over what was there, keeping unknown keys. */
  public void save(Path file, ObjectNode raw, RunState.Progress progress) throws IOException {
    ObjectNode out = raw.deepCopy();
    out.set("processed_models", array(progress.processed()));
    out.set("refreshed_models", array(progress.refreshed()));
    out.set("failed_models", array(progress.failed()));
    out.set("rate_limited_models", array(progress.rateLimited()));
    out.put("completed", progress.completed());
    out.put("total", progress.total());
    out.put("last_update", clock.millis() / 1000.0);
    Files.createDirectories(file.getParent());
    json.write(file, out);
  }

  private ArrayNode array(Collection<String> hashes) {
    ArrayNode array = json.mapper().createArrayNode();
    hashes.forEach(array::add);
    return array;
  }

  private static Set<String> hashes(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    if (node != null && node.isArray()) {
      node.forEach(item -> out.add(item.asText()));
    }
    return out;
  }
}
