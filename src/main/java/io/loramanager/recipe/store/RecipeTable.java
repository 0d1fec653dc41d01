package io.loramanager.recipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.loramanager.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQLite copy of the recipes ({@code recipes}) and their full-text index ({@code recipe_fts},
 * same rowid). Both change in one transaction, so the searchable text always matches the row.
 */
@ApplicationScoped
public class RecipeTable {

  private final Database database;
  private final RecipeJson json;

  @Inject
  public RecipeTable(Database database, RecipeJson json) {
    this.database = database;
    this.json = json;
  }

  /** A stored row: the stamp of the file it was read from and the recipe JSON text. */
  public record Row(
      String recipeId, String jsonPath, long fileMtimeMs, long fileSize, String json) {}

  public List<Row> loadAll() {
    return database.read(
        connection -> {
          List<Row> rows = new ArrayList<>();
          try (Statement statement = connection.createStatement();
              ResultSet result =
                  statement.executeQuery(
                      "SELECT recipe_id, json_path, file_mtime, file_size, json FROM recipes")) {
            while (result.next()) {
              rows.add(
                  new Row(
                      result.getString(1),
                      result.getString(2),
                      result.getLong(3),
                      result.getLong(4),
                      result.getString(5)));
            }
          }
          return rows;
        });
  }

  /** Writes the upserts and deletes in one transaction (one writer at a time). */
  public void apply(Collection<Recipe> upserts, Collection<String> removedIds) {
    if (upserts.isEmpty() && removedIds.isEmpty()) {
      return;
    }
    database.write(
        connection -> {
          for (String id : removedIds) {
            deleteWhere(connection, "recipe_id = ?", id);
          }
          for (Recipe recipe : upserts) {
            upsert(connection, recipe);
          }
          return null;
        });
  }

  private void upsert(Connection connection, Recipe recipe) throws SQLException {
    String path = recipe.jsonPath().toString();
    deleteWhere(connection, "recipe_id = ? OR json_path = ?", recipe.id(), path);
    long rowId;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO recipes (recipe_id, json_path, file_mtime, file_size, json)"
                + " VALUES (?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, recipe.id());
      insert.setString(2, path);
      insert.setLong(3, recipe.fileMtimeMs());
      insert.setLong(4, recipe.fileSize());
      insert.setString(5, json.text(recipe.json()));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        rowId = keys.getLong(1);
      }
    }
    SearchText text = SearchText.of(recipe);
    try (PreparedStatement fts =
        connection.prepareStatement(
            "INSERT INTO recipe_fts (rowid, recipe_id, title, tags, lora_names, lora_models,"
                + " prompt, negative_prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      fts.setLong(1, rowId);
      fts.setString(2, recipe.id());
      fts.setString(3, text.title());
      fts.setString(4, text.tags());
      fts.setString(5, text.loraNames());
      fts.setString(6, text.loraModels());
      fts.setString(7, text.prompt());
      fts.setString(8, text.negativePrompt());
      fts.executeUpdate();
    }
  }

  private static void deleteWhere(Connection connection, String where, String... args)
      throws SQLException {
    List<Long> rowIds = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement("SELECT row_id FROM recipes WHERE " + where)) {
      for (int i = 0; i < args.length; i++) {
        select.setString(i + 1, args[i]);
      }
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rowIds.add(result.getLong(1));
        }
      }
    }
    for (long rowId : rowIds) {
      try (PreparedStatement fts =
              connection.prepareStatement("DELETE FROM recipe_fts WHERE rowid = ?");
          PreparedStatement row =
              connection.prepareStatement("DELETE FROM recipes WHERE row_id = ?")) {
        fts.setLong(1, rowId);
        fts.executeUpdate();
        row.setLong(1, rowId);
        row.executeUpdate();
      }
    }
  }

  /** Ids of the recipes matching an FTS5 query (see {@link FtsQuery}). */
  public Set<String> search(String match) {
    return database.read(
        connection -> {
          Set<String> ids = new LinkedHashSet<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT recipe_id FROM recipe_fts WHERE recipe_fts MATCH ?")) {
            select.setString(1, match);
            try (ResultSet result = select.executeQuery()) {
              while (result.next()) {
                ids.add(result.getString(1));
              }
            }
          }
          return ids;
        });
  }

  /** The text each FTS column holds for a recipe (anchor-recipes §3.6). */
  record SearchText(
      String title,
      String tags,
      String loraNames,
      String loraModels,
      String prompt,
      String negativePrompt) {

    static SearchText of(Recipe recipe) {
      List<String> names = new ArrayList<>();
      List<String> models = new ArrayList<>();
      for (JsonNode lora : recipe.loras()) {
        String name = Recipe.text(lora.get("file_name"));
        if (!name.isEmpty()) {
          names.add(name);
        }
        String model = Recipe.text(lora.get("modelName"));
        if (!model.isEmpty()) {
          models.add(model);
        }
      }
      return new SearchText(
          recipe.title(),
          String.join(" ", recipe.tags()),
          String.join(" ", names),
          String.join(" ", models),
          recipe.genParam("prompt"),
          recipe.genParam("negative_prompt"));
    }
  }
}
