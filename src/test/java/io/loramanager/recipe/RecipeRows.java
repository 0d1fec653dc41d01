package io.loramanager.recipe;

import io.loramanager.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Reads the recipe cache tables directly, for exact assertions on rows and search text. */
final class RecipeRows {

  private final Database database;

  RecipeRows(Database database) {
    this.database = database;
  }

  /** {@code recipe_id|json_path} of every row, sorted. */
  List<String> rows() {
    return database.read(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT recipe_id, json_path FROM recipes ORDER BY recipe_id");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              out.add(r.getString(1) + "|" + r.getString(2));
            }
          }
          return out;
        });
  }

  /** The stored JSON text of a recipe, or null. */
  String json(String id) {
    return database.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("SELECT json FROM recipes WHERE recipe_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? r.getString(1) : null;
            }
          }
        });
  }

  /** The indexed title and prompt of a recipe ("title|prompt"), or null when not indexed. */
  String indexed(String id) {
    return database.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT f.title, f.prompt FROM recipe_fts f JOIN recipes r ON r.row_id ="
                      + " f.rowid WHERE r.recipe_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? r.getString(1) + "|" + r.getString(2) : null;
            }
          }
        });
  }

  /** Number of rows in the full-text index. */
  int indexSize() {
    return database.read(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM recipe_fts");
              ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
          }
        });
  }
}
