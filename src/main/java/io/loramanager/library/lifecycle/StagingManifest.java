package io.loramanager.library.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.ModelType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} of one staging folder {@code <model folder>/.lm-pending-delete/<batch>/}:
 * which file came from where. Keys follow the reference (anchor-library §4.3) so that batches it
 * left behind are understood; {@code staging} is our state for "files may be moving", which the
 * start-up sweep rolls back.
 *
 * @param type the models' type; null for a batch of another kind
 * @param entries only the files of this folder; a bulk batch has one manifest per source folder
 * @param kind {@value #MODEL_KIND}, or {@value #RECIPE_KIND} for recipe files (anchor-recipes §4.6)
 */
public record StagingManifest(
    String batchId,
    ModelType type,
    State state,
    Instant createdAt,
    Instant expiresAt,
    List<Entry> entries,
    String kind) {

  public static final String FILE_NAME = "manifest.json";
  public static final String MODEL_KIND = "model";
  public static final String RECIPE_KIND = "recipe";

  /** Batch ids are uuid4 hex; nothing else may become a path segment. */
  public static final Pattern BATCH_ID = Pattern.compile("[0-9a-f]{32}");

  /** Where the batch is in its life. */
  public enum State {
    /** Written before the first move: files may be at either place. */
    STAGING,
    /** Every file is in the staging folder; undo is possible until {@code expiresAt}. */
    STAGED,
    /** Files are back; only the clean-up was left. */
    RESTORED;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One staged file.
   *
   * @param model true for the model file itself (re-read on undo), false for companions
   */
  public record Entry(Path original, Path staged, boolean model) {}

  public StagingManifest {
    entries = List.copyOf(entries);
  }

  /** A manifest of models. */
  public StagingManifest(
      String batchId,
      ModelType type,
      State state,
      Instant createdAt,
      Instant expiresAt,
      List<Entry> entries) {
    this(batchId, type, state, createdAt, expiresAt, entries, MODEL_KIND);
  }

  public StagingManifest withState(State newState) {
    return new StagingManifest(batchId, type, newState, createdAt, expiresAt, entries, kind);
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("batch_id", batchId);
    node.put("kind", kind);
    if (type == null) {
      node.putNull("model_type");
    } else {
      node.put("model_type", type.prefix());
    }
    node.put("state", state.key());
    node.put("created_at", createdAt.getEpochSecond());
    node.put("expires_at", expiresAt.getEpochSecond());
    ArrayNode list = node.putArray("entries");
    for (Entry entry : entries) {
      ObjectNode item = list.addObject();
      item.put("original", entry.original().toString());
      item.put("staged", entry.staged().toString());
      item.put("restored", false);
      item.put("is_model", entry.model());
    }
    return node;
  }

  /**
   * Parses the manifest of {@code dir}, refusing anything that could make us touch a file outside
   * the staging folder or restore one outside the model's folder.
   *
   * @throws IllegalArgumentException when the manifest is not one we can act on safely
   */
  public static StagingManifest parse(JsonNode node, Path dir) {
    String batchId = text(node, "batch_id");
    if (!BATCH_ID.matcher(batchId).matches() || !batchId.equals(dir.getFileName().toString())) {
      throw new IllegalArgumentException("batch_id does not match the folder");
    }
    String kind = text(node, "kind");
    if (!MODEL_KIND.equals(kind) && !RECIPE_KIND.equals(kind)) {
      throw new IllegalArgumentException("kind is not 'model' or 'recipe'");
    }
    boolean recipes = RECIPE_KIND.equals(kind);
    if (recipes && !node.path("model_type").isNull() && node.has("model_type")) {
      throw new IllegalArgumentException("a recipe batch has no model_type");
    }
    ModelType type = recipes ? null : typeOf(text(node, "model_type"));
    State state = stateOf(text(node, "state"));
    long expires = number(node, "expires_at");
    long created = node.has("created_at") ? number(node, "created_at") : expires;
    JsonNode list = node.get("entries");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("entries is not a list");
    }
    Path modelFolder = dir.getParent().getParent();
    List<Entry> entries = new ArrayList<>();
    for (JsonNode item : list) {
      Path original = Path.of(text(item, "original")).normalize();
      Path staged = Path.of(text(item, "staged")).normalize();
      if (!dir.equals(staged.getParent()) || !modelFolder.equals(original.getParent())) {
        throw new IllegalArgumentException("entry outside its folders: " + staged);
      }
      // Reference manifests do not flag the model file; its extension tells.
      boolean model =
          item.has("is_model")
              ? item.path("is_model").asBoolean(false)
              : recipes
                  ? original.getFileName().toString().endsWith(".recipe.json")
                  : type.accepts(original.getFileName().toString());
      entries.add(new Entry(original, staged, model));
    }
    return new StagingManifest(
        batchId,
        type,
        state,
        Instant.ofEpochSecond(created),
        Instant.ofEpochSecond(expires),
        entries,
        kind);
  }

  private static ModelType typeOf(String prefix) {
    for (ModelType type : ModelType.values()) {
      if (type.prefix().equals(prefix)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown model_type " + prefix);
  }

  private static State stateOf(String key) {
    for (State state : State.values()) {
      if (state.key().equals(key)) {
        return state;
      }
    }
    throw new IllegalArgumentException("unknown state " + key);
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(key + " is not a string");
    }
    return value.asText();
  }

  private static long number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException(key + " is not a number");
    }
    return value.asLong();
  }
}
