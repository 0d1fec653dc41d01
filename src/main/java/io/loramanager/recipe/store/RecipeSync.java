package io.loramanager.recipe.store;

import io.loramanager.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Brings the recipe book in line with the files (anchor-recipes §3.4): a file whose path, mtime and
 * size match its stored row costs one stat; any other file is read again (so text edited while the
 * server was stopped is re-indexed, fixing the reference's stale search), and rows of files that
 * are gone leave. Only the differences are written, in one transaction.
 */
@ApplicationScoped
public class RecipeSync {

  private static final Logger LOG = Logger.getLogger(RecipeSync.class);

  private final RecipeFolder folder;
  private final RecipeFiles files;
  private final RecipeTable table;
  private final RecipeJson json;
  private final RecipeCatalog catalog;

  @Inject
  public RecipeSync(
      RecipeFolder folder,
      RecipeFiles files,
      RecipeTable table,
      RecipeJson json,
      RecipeCatalog catalog) {
    this.folder = folder;
    this.files = files;
    this.table = table;
    this.json = json;
    this.catalog = catalog;
  }

  /** What a sync did. */
  public record Report(int total, int reused, int read, int removed, List<String> problems) {}

  /** Reconciles the SQLite copy with the files and publishes the result. */
  public Report sync() {
    return catalog.change(this::syncLocked);
  }

  private Report syncLocked() {
    Optional<Path> maybeRoot = folder.root();
    if (maybeRoot.isEmpty()) {
      catalog.publish(RecipeSnapshot.empty(null));
      return new Report(0, 0, 0, 0, List.of());
    }
    Path root = maybeRoot.get();
    List<RecipeTable.Row> rows = loadRows();
    Map<String, RecipeTable.Row> rowByPath = new HashMap<>();
    for (RecipeTable.Row row : rows) {
      rowByPath.put(row.jsonPath(), row);
    }
    List<RecipeFiles.Found> found;
    try {
      found = files.discover(root);
    } catch (IOException e) {
      LOG.errorf("Cannot walk the recipes folder %s: %s", root, e.getMessage());
      found = List.of();
    }
    List<Recipe> recipes = new ArrayList<>();
    List<Recipe> upserts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> seenPaths = new HashSet<>();
    int reused = 0;
    for (RecipeFiles.Found file : found) {
      String path = file.path().toString();
      seenPaths.add(path);
      RecipeTable.Row row = rowByPath.get(path);
      Recipe recipe = row == null ? null : reuse(root, file, row);
      if (recipe != null) {
        reused++;
      } else {
        try {
          recipe = files.read(root, file.path());
          upserts.add(recipe);
        } catch (IOException e) {
          problems.add(e.getMessage());
          LOG.warnf("Skipping recipe file %s", e.getMessage());
          continue;
        }
      }
      if (!ids.add(recipe.id())) {
        problems.add(path + ": id " + recipe.id() + " is already used by another recipe file");
        LOG.warnf("Skipping %s: its id %s is used by another recipe file", path, recipe.id());
        upserts.remove(recipe);
        continue;
      }
      recipes.add(recipe);
    }
    // Rows of files that are gone or no longer usable; a recipe found at a new path replaces its
    // old row when it is written.
    List<String> removed = new ArrayList<>();
    for (RecipeTable.Row row : rows) {
      if (!ids.contains(row.recipeId())) {
        removed.add(row.recipeId());
      }
    }
    table.apply(upserts, removed);
    catalog.publish(new RecipeSnapshot(root, recipes));
    return new Report(recipes.size(), reused, upserts.size(), removed.size(), problems);
  }

  private List<RecipeTable.Row> loadRows() {
    try {
      return table.loadAll();
    } catch (StorageException e) {
      LOG.warnf("Recipe cache unreadable (%s); reading every recipe file", e.getMessage());
      return List.of();
    }
  }

  /** The stored recipe when the file is unchanged (same size, mtime) and its row is intact. */
  private Recipe reuse(Path root, RecipeFiles.Found file, RecipeTable.Row row) {
    if (row.fileSize() != file.size() || row.fileMtimeMs() != file.mtimeMs()) {
      return null;
    }
    try {
      var tree = json.parse(row.json());
      if (!tree.has(RecipeFiles.HAS_WORKFLOW)) {
        // Stored before workflow detection: the file is read again, which adds the key.
        return null;
      }
      return new Recipe(
          row.recipeId(),
          file.path(),
          RecipeFolder.relativeFolder(root, file.path()),
          file.mtimeMs(),
          file.size(),
          tree);
    } catch (IOException e) {
      return null;
    }
  }
}
