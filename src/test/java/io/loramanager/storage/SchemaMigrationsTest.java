package io.loramanager.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations against a real SQLite file. */
class SchemaMigrationsTest {

  @TempDir Path dir;

  private Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lora-manager.db"));
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void aFreshDatabaseIsMigratedToTheLatestVersion() throws SQLException {
    try (Connection c = open()) {
      assertThat(SchemaMigrations.currentVersion(c)).isZero();

      SchemaMigrations.apply(c);

      assertThat(SchemaMigrations.currentVersion(c)).isEqualTo(SchemaMigrations.latest());
      assertThat(column(c, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"))
          .containsExactly(
              "download_history",
              "download_queue",
              "downloaded_model_versions",
              "downloaded_version_files",
              "models",
              "recipe_fts",
              "recipe_fts_config",
              "recipe_fts_content",
              "recipe_fts_data",
              "recipe_fts_docsize",
              "recipe_fts_idx",
              "recipes",
              "sqlite_sequence");
      assertThat(column(c, "SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"))
          .containsExactlyInAnyOrder(
              "models_sha256",
              "download_queue_order",
              "download_history_completed",
              "download_history_download_id",
              "downloaded_model_versions_model");
      assertThat(column(c, "SELECT name FROM pragma_table_info('models') WHERE pk > 0 ORDER BY pk"))
          .containsExactly("model_type", "file_path");
    }
  }

  @Test
  void aDatabaseOfStepFourGainsTheQueueTargetColumnsAndKeepsItsRows() throws SQLException {
    try (Connection c = open()) {
      SchemaMigrations.apply(c);
      execute(c, "DROP TABLE download_queue");
      execute(c, "DROP INDEX IF EXISTS download_queue_order");
      execute(c, "CREATE TABLE download_queue (download_id TEXT PRIMARY KEY, added_at REAL)");
      execute(c, "INSERT INTO download_queue VALUES ('kept', 1.0)");
      execute(c, "PRAGMA user_version = 4");

      SchemaMigrations.apply(c);

      assertThat(SchemaMigrations.currentVersion(c)).isEqualTo(5);
      assertThat(column(c, "SELECT name FROM pragma_table_info('download_queue')"))
          .containsExactly("download_id", "added_at", "model_root", "relative_path");
      assertThat(
              column(
                  c,
                  "SELECT download_id || ':' || IFNULL(model_root, 'null')"
                      + " || ':' || IFNULL(relative_path, 'null') FROM download_queue"))
          .containsExactly("kept:null:null");
    }
  }

  @Test
  void theVersionSurvivesReopeningTheFile() throws SQLException {
    try (Connection c = open()) {
      SchemaMigrations.apply(c);
    }
    try (Connection c = open()) {
      assertThat(SchemaMigrations.currentVersion(c)).isEqualTo(SchemaMigrations.latest());
    }
  }

  @Test
  void applyingAgainIsANoOpThatKeepsTheRows() throws SQLException {
    try (Connection c = open()) {
      SchemaMigrations.apply(c);
      execute(
          c,
          "INSERT INTO models VALUES ('lora', '/l/a.safetensors', 'a', 'a', '', 1, 2.0, 'ab',"
              + " NULL, 'SD 1.5', '', 0, 1, 0, 0, 0, 0, 0, '', '{}', NULL, 0, 'completed', '',"
              + " NULL, '[]', NULL, 113, 1, 2, 3, 4)");

      SchemaMigrations.apply(c);

      assertThat(SchemaMigrations.currentVersion(c)).isEqualTo(SchemaMigrations.latest());
      assertThat(column(c, "SELECT file_path FROM models")).containsExactly("/l/a.safetensors");
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void aDatabaseFromANewerBuildIsRefusedAndLeftAlone() throws SQLException {
    int newer = SchemaMigrations.latest() + 1;
    try (Connection c = open()) {
      execute(c, "CREATE TABLE future (x INTEGER)");
      execute(c, "PRAGMA user_version = " + newer);

      assertThatThrownBy(() -> SchemaMigrations.apply(c))
          .isInstanceOf(SQLException.class)
          .hasMessage(
              "database schema "
                  + newer
                  + " is newer than this build understands ("
                  + SchemaMigrations.latest()
                  + ")");

      assertThat(SchemaMigrations.currentVersion(c)).isEqualTo(newer);
      assertThat(column(c, "SELECT name FROM sqlite_master WHERE type='table'"))
          .containsExactly("future");
    }
  }

  @Test
  void aFailingStepIsRolledBackAndTheVersionStaysAtZero() throws SQLException {
    try (Connection c = open()) {
      // A table of that name already exists, so step 1's CREATE TABLE fails.
      execute(c, "CREATE TABLE models (x INTEGER)");

      assertThatThrownBy(() -> SchemaMigrations.apply(c)).isInstanceOf(SQLException.class);

      assertThat(SchemaMigrations.currentVersion(c)).isZero();
      assertThat(column(c, "SELECT name FROM pragma_table_info('models')")).containsExactly("x");
      assertThat(c.getAutoCommit()).isTrue();
    }
  }
}
