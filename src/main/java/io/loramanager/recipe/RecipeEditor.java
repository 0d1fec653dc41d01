package io.loramanager.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.errors.LmException;
import io.loramanager.recipe.store.Recipe;
import io.loramanager.recipe.store.RecipeCatalog;
import io.loramanager.recipe.store.RecipeFiles;
import io.loramanager.recipe.store.RecipeTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code PUT /recipe/{id}/update} (anchor-recipes §4.5): writes the editable fields into the recipe
 * file. Unlike the reference, keys outside the editable set are ignored, not written, and every
 * value must have its field's type. {@code modified} is left alone, as in the reference. The recipe
 * file and the catalogue change together; re-embedding the recipe into its image follows and cannot
 * undo them.
 */
@ApplicationScoped
public class RecipeEditor {

  /** The editable fields, each with the JSON type it must have. */
  private static final Map<String, JsonType> EDITABLE =
      Map.of(
          "title", JsonType.TEXT,
          "tags", JsonType.TEXT_LIST,
          "source_path", JsonType.TEXT,
          "preview_nsfw_level", JsonType.WHOLE_NUMBER,
          "favorite", JsonType.BOOLEAN,
          "gen_params", JsonType.OBJECT,
          "base_model", JsonType.TEXT);

  private static final List<String> ORDER =
      List.of(
          "title",
          "tags",
          "source_path",
          "preview_nsfw_level",
          "favorite",
          "gen_params",
          "base_model");

  private enum JsonType {
    TEXT("a string"),
    TEXT_LIST("a list of strings"),
    WHOLE_NUMBER("a whole number"),
    BOOLEAN("true or false"),
    OBJECT("an object");

    private final String description;

    JsonType(String description) {
      this.description = description;
    }

    boolean matches(JsonNode value) {
      return switch (this) {
        case TEXT -> value.isTextual();
        case WHOLE_NUMBER -> value.isIntegralNumber();
        case BOOLEAN -> value.isBoolean();
        case OBJECT -> value.isObject();
        case TEXT_LIST -> {
          if (!value.isArray()) {
            yield false;
          }
          for (JsonNode item : value) {
            if (!item.isTextual()) {
              yield false;
            }
          }
          yield true;
        }
      };
    }
  }

  private static final Logger LOG = Logger.getLogger(RecipeEditor.class);

  private final RecipeCatalog catalog;
  private final RecipeTable table;
  private final RecipeFiles files;
  private final RecipeLookup lookup;
  private final RecipeImageEmbedder embedder;

  @Inject
  public RecipeEditor(
      RecipeCatalog catalog,
      RecipeTable table,
      RecipeFiles files,
      RecipeLookup lookup,
      RecipeImageEmbedder embedder) {
    this.catalog = catalog;
    this.table = table;
    this.files = files;
    this.lookup = lookup;
    this.embedder = embedder;
  }

  /** Applies the editable fields of {@code body}; returns the fields written. */
  public ObjectNode update(String id, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw LmException.badInput("Request body must be a JSON object");
    }
    ObjectNode updates = JsonNodeFactory.instance.objectNode();
    for (String key : ORDER) {
      JsonNode value = body.get(key);
      if (value == null) {
        continue;
      }
      JsonType type = EDITABLE.get(key);
      if (!type.matches(value)) {
        throw LmException.badInput(key + " must be " + type.description);
      }
      updates.set(key, value);
    }
    if (updates.isEmpty()) {
      throw LmException.badInput("At least one of " + String.join(", ", ORDER) + " is required");
    }
    return catalog.change(
        () -> {
          Recipe recipe = lookup.byId(id);
          ObjectNode tree = recipe.copyJson();
          tree.setAll(updates);
          Path root = catalog.snapshot().root();
          Recipe written;
          try {
            written = files.write(root, recipe.jsonPath(), tree);
          } catch (IOException e) {
            throw new LmException(
                LmException.Kind.UNAVAILABLE,
                "Cannot update recipe " + id + ": " + e.getMessage(),
                e);
          }
          catalog.commit(table, List.of(written), List.of());
          // The JSON is the record and is committed; the image only carries a copy for export, so a
          // stored image that cannot be rewritten (broken, disk full) must not block the edit.
          embedQuietly(written);
          return updates;
        });
  }

  private void embedQuietly(Recipe recipe) {
    try {
      embed(recipe);
    } catch (IOException | RuntimeException e) {
      LOG.warnf(
          "Recipe %s was updated but its image keeps the old text: %s",
          recipe.id(), e.getMessage());
    }
  }

  private void embed(Recipe recipe) throws IOException {
    String media = recipe.filePath();
    if (media.isEmpty()) {
      return;
    }
    Path path = Path.of(media);
    RecipeMedia type = mediaOf(path);
    if (type != null && !type.video()) {
      embedder.embed(path, recipe.copyJson());
    }
  }

  private static RecipeMedia mediaOf(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      return null;
    }
    byte[] head = new byte[16];
    try (var in = Files.newInputStream(path)) {
      int read = in.readNBytes(head, 0, head.length);
      return RecipeMedia.sniff(java.util.Arrays.copyOf(head, read));
    }
  }
}
