package io.loramanager.recipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loramanager.library.LibraryWalker;
import io.loramanager.recipe.image.ImageTextReader;
import io.loramanager.storage.JsonFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The {@code <id>.recipe.json} files (anchor-recipes §1): finding them, reading them with the
 * loader's checks and repairs, and writing them atomically with every key kept.
 */
@ApplicationScoped
public class RecipeFiles {

  public static final String SUFFIX = ".recipe.json";

  /** Whether the media embeds a ComfyUI workflow; computed on save and for legacy files. */
  public static final String HAS_WORKFLOW = "has_workflow";

  /** Extensions a recipe's media may have, tried in this order when its path is repaired. */
  static final List<String> MEDIA_EXTENSIONS =
      List.of(".webp", ".png", ".jpg", ".jpeg", ".gif", ".mp4", ".webm");

  private static final Logger LOG = Logger.getLogger(RecipeFiles.class);

  private final JsonFiles json;
  private final RecipeJson reader;
  private final ImageTextReader images;

  @Inject
  public RecipeFiles(JsonFiles json, RecipeJson reader, ImageTextReader images) {
    this.json = json;
    this.reader = reader;
    this.images = images;
  }

  /** A recipe file found by a walk, with the stamp the cache compares. */
  public record Found(Path path, long mtimeMs, long size) {}

  /** A file that is not a usable recipe (not JSON, or without id, file_path or title). */
  public static final class InvalidRecipe extends IOException {
    public InvalidRecipe(Path file, String why) {
      super(file + ": " + why);
    }
  }

  public static boolean isRecipeFile(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SUFFIX);
  }

  /** The id part of a recipe file name ({@code <id>.recipe.json}). */
  public static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  /** Every recipe file under {@code root}, skipping pending-delete folders; [] without a root. */
  public List<Found> discover(Path root) throws IOException {
    List<Found> found = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return LibraryWalker.PENDING_DELETE_DIR.equals(String.valueOf(dir.getFileName()))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && isRecipeFile(file)) {
              found.add(new Found(file, attrs.lastModifiedTime().toMillis(), attrs.size()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            LOG.warnf("Cannot read %s: %s", file, e.getMessage());
            return FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  /**
   * Reads a recipe as the start-up loader does: id, file_path and title are required; a {@code
   * file_path} that no longer points at the media beside the JSON is repaired (and saved) when a
   * sibling with the same name exists, so a copied or moved folder heals itself.
   */
  public Recipe read(Path root, Path file) throws IOException {
    ObjectNode tree;
    try {
      tree = reader.read(file);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidRecipe(file, "not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      if ("not a JSON object".equals(e.getMessage())) {
        throw new InvalidRecipe(file, "not a JSON object");
      }
      throw e;
    }
    for (String key : List.of("id", "file_path", "title")) {
      JsonNode value = tree.get(key);
      if (value == null || !value.isValueNode() || value.isNull()) {
        throw new InvalidRecipe(file, "'" + key + "' is missing");
      }
    }
    boolean repaired = repairMediaPath(file, tree);
    if (!tree.has(HAS_WORKFLOW)) {
      // A legacy file: detected once from its media and saved, as the reference's loader does.
      tree.put(HAS_WORKFLOW, hasWorkflow(tree.path("file_path").asText("")));
      repaired = true;
    }
    if (repaired) {
      write(file, tree);
    }
    return stamped(root, file, tree);
  }

  /** Writes {@code tree} atomically and returns the recipe with its new stamp. */
  public Recipe write(Path root, Path file, ObjectNode tree) throws IOException {
    write(file, tree);
    return stamped(root, file, tree);
  }

  private void write(Path file, ObjectNode tree) throws IOException {
    Files.createDirectories(file.getParent());
    json.write(file, tree);
  }

  /** A recipe for a tree whose file is already on disk as {@code tree}. */
  public Recipe stamped(Path root, Path file, ObjectNode tree) throws IOException {
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    return new Recipe(
        Recipe.text(tree.get("id")),
        file,
        RecipeFolder.relativeFolder(root, file),
        attrs.lastModifiedTime().toMillis(),
        attrs.size(),
        tree);
  }

  private boolean hasWorkflow(String mediaPath) {
    try {
      return !mediaPath.isEmpty() && images.hasWorkflow(Path.of(mediaPath));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private static boolean repairMediaPath(Path file, ObjectNode tree) {
    String current = tree.path("file_path").asText("");
    Path dir = file.getParent();
    if (!current.isEmpty()) {
      try {
        Path media = Path.of(current);
        if (dir.equals(media.getParent()) && Files.exists(media)) {
          return false;
        }
      } catch (java.nio.file.InvalidPathException e) {
        // Not a path we can use: look for the sibling below.
      }
    }
    String stem = stem(file);
    for (String extension : MEDIA_EXTENSIONS) {
      Path sibling = dir.resolve(stem + extension);
      if (Files.exists(sibling)) {
        tree.put("file_path", sibling.toString());
        return true;
      }
    }
    return false;
  }
}
